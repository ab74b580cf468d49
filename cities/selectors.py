"""Reads of the cities app shared by views, the map and other apps (through portal)."""

from __future__ import annotations

import json

from django.core.cache import cache
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import get_language
from django_countries import countries

from cities.models import Member, MemberKind, Network, Region

GEOJSON_CACHE_SECONDS = 60 * 60
_GENERATION_KEY = "cities:map-generation"


def _published_for(user) -> QuerySet[Member]:
    members = Member.objects.all()
    if not (user is not None and user.is_authenticated and user.is_staff):
        members = members.published()
    return members


def member_directory() -> QuerySet[Member]:
    """The directory: published members with region and networks, by name (the view filters
    them with MemberFilter)."""
    return (
        Member.objects.published()
        .select_related("region")
        .prefetch_related(Prefetch("networks", queryset=Network.objects.order_by("acronym")))
        .order_by("name")
    )


def member_detail(*, slug: str, user=None) -> Member | None:
    """One member with everything its public profile shows; None when unpublished (staff see
    it)."""
    return (
        _published_for(user)
        .select_related("region")
        .prefetch_related(
            Prefetch("networks", queryset=Network.objects.order_by("acronym")),
            "focus_areas",
        )
        .filter(slug=slug)
        .first()
    )


def map_generation() -> int:
    """Bumped by every write that changes what the map shows (see services)."""
    return cache.get_or_set(_GENERATION_KEY, 1, timeout=None)


def bump_map_generation() -> None:
    try:
        cache.incr(_GENERATION_KEY)
    except ValueError:
        cache.set(_GENERATION_KEY, 2, timeout=None)


class CountryNames(dict):
    """Country names in the active language, translated as they are asked for (a page needs a
    few dozen of the 250)."""

    def __missing__(self, code: str) -> str:
        name = countries.name(code) if code else ""
        self[code] = name
        return name

    def get(self, code, default=""):
        return self[code] or default


class FeatureWriter:
    """Builds RFC 7946 Features; looks labels up once per collection, not once per member."""

    def __init__(self):
        self.kind_labels = {value: str(label) for value, label in MemberKind.choices}
        self.country_names = CountryNames()
        self.url_pattern = reverse("portal:member_detail", kwargs={"slug": "__slug__"})

    def url_for(self, slug: str) -> str:
        return self.url_pattern.replace("__slug__", slug)

    def feature(self, row: dict) -> dict:
        # Coordinates are [longitude, latitude] (RFC 7946).
        return {
            "type": "Feature",
            "id": row["slug"],
            "geometry": {
                "type": "Point",
                "coordinates": [float(row["longitude"]), float(row["latitude"])],
            },
            "properties": {
                "name": row["name"],
                "url": self.url_for(row["slug"]),
                "kind": row["kind"],
                "kind_label": self.kind_labels.get(row["kind"], row["kind"]),
                "country": row["country"],
                "country_name": self.country_names.get(row["country"], ""),
                "region": row["region"],
                "networks": row["networks"],
            },
        }


def member_map_rows(members: QuerySet[Member]) -> list[dict]:
    """Located members as plain rows for the map (three queries, no model objects): members,
    regions, networks. Other sections pass their own queryset (the campaign's pledged members)."""
    members = members.located().order_by("name")
    rows = list(
        members.values(
            "pk", "slug", "name", "kind", "country", "latitude", "longitude", "region_id"
        )  # fmt: skip
    )
    region_labels = {region.pk: region.label for region in Region.objects.all()}
    networks: dict[int, list[str]] = {}
    pairs = (
        Member.networks.through.objects.filter(member__in=members.values("pk"))
        .order_by("network__acronym", "network__name")
        .values_list("member_id", "network__acronym", "network__name")
    )
    for member_id, acronym, name in pairs:
        networks.setdefault(member_id, []).append(acronym or name)
    for row in rows:
        row["region"] = region_labels.get(row["region_id"], "")
        row["networks"] = networks.get(row["pk"], [])
    return rows


def member_geojson(*, members: QuerySet[Member], key: str) -> str:
    """Located members as a GeoJSON FeatureCollection (a JSON string), cached under ``key``
    (the cleaned filters: core.filtering.filter_key), the language and the map generation."""
    cache_key = f"cities:geojson:{map_generation()}:{get_language()}:{key}"
    cached = cache.get(cache_key)
    if cached is not None:
        return cached
    writer = FeatureWriter()
    payload = json.dumps(
        {
            "type": "FeatureCollection",
            "features": [writer.feature(r) for r in member_map_rows(members)],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
    cache.set(cache_key, payload, GEOJSON_CACHE_SECONDS)
    return payload


def member_map_list(*, members: QuerySet[Member]) -> list[dict]:
    """The accessible list beside the map: name, profile URL and country of each member."""
    writer = FeatureWriter()
    return [
        {
            "name": row["name"],
            "url": writer.url_for(row["slug"]),
            "country_name": writer.country_names.get(row["country"], ""),
        }
        for row in member_map_rows(members)
    ]


OPEN_DATA_FIELDS = [
    "name", "slug", "kind", "country", "region", "inhabitants", "latitude", "longitude",
    "website", "networks", "focus_areas", "joined_on", "representative_name",
    "representative_title", "has_observatory", "has_ombudsman", "has_human_rights_office",
    "local_charter", "local_charter_year", "url",
]  # fmt: skip


def member_open_data(*, site_url: str) -> list[dict]:
    """The public fields of every published member, for /members.csv and /members.json."""
    members = (
        Member.objects.published()
        .select_related("region")
        .prefetch_related("networks", "focus_areas")
        .order_by("name")
    )
    writer = FeatureWriter()
    return [
        {
            "name": m.name,
            "slug": m.slug,
            "kind": m.kind,
            "country": m.country.code,
            "region": m.region.slug,
            "inhabitants": m.inhabitants,
            "latitude": float(m.latitude) if m.latitude is not None else None,
            "longitude": float(m.longitude) if m.longitude is not None else None,
            "website": m.website,
            "networks": [n.slug for n in m.networks.all()],
            "focus_areas": [f.slug for f in m.focus_areas.all()],
            "joined_on": m.joined_on.isoformat() if m.joined_on else None,
            "representative_name": m.representative_name,
            "representative_title": m.representative_title,
            "has_observatory": m.has_observatory,
            "has_ombudsman": m.has_ombudsman,
            "has_human_rights_office": m.has_human_rights_office,
            "local_charter": m.local_charter,
            "local_charter_year": m.local_charter_year,
            "url": site_url + writer.url_for(m.slug),
        }
        for m in members
    ]
