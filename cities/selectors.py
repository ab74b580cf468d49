"""Reads of the cities app shared by views, the map and other apps (through portal)."""

from __future__ import annotations

import hashlib
import json

from django.core.cache import cache
from django.db.models import Prefetch, QuerySet
from django.http import Http404, QueryDict
from django.utils.translation import get_language

from cities.filters import MemberFilter
from cities.models import Member, Network

GEOJSON_CACHE_SECONDS = 60 * 60
_GENERATION_KEY = "cities:map-generation"


def _published_for(user) -> QuerySet[Member]:
    members = Member.objects.all()
    if not (user is not None and user.is_authenticated and user.is_staff):
        members = members.published()
    return members


def member_list(*, filters: QueryDict | dict, user=None) -> MemberFilter:
    """The directory: published members with region and networks, filtered and sorted.

    Returns the bound FilterSet: ``.qs`` is the queryset, ``.form`` the filter form; invalid
    filter values (an unknown network, say) give an empty list and form errors, never a 500.
    """
    queryset = (
        Member.objects.published()
        .select_related("region")
        .prefetch_related(Prefetch("networks", queryset=Network.objects.order_by("acronym")))
        .order_by("name")
    )
    return MemberFilter(filters, queryset=queryset)


def member_filtered(filterset: MemberFilter) -> QuerySet[Member]:
    """The filtered members, or none when a filter value is invalid (unknown slug ...)."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
    return filterset.qs.distinct() if _joins_many(filterset) else filterset.qs


def _joins_many(filterset: MemberFilter) -> bool:
    data = filterset.form.cleaned_data if filterset.is_valid() else {}
    return bool(data.get("network") or data.get("focus_area"))


def member_detail(*, slug: str, user=None) -> Member:
    """One member with everything its public profile shows; 404 when unpublished (staff see)."""
    member = (
        _published_for(user)
        .select_related("region")
        .prefetch_related(
            Prefetch("networks", queryset=Network.objects.order_by("acronym")),
            "focus_areas",
        )
        .filter(slug=slug)
        .first()
    )
    if member is None:
        raise Http404("No such member")
    return member


def map_generation() -> int:
    """Bumped by every write that changes what the map shows (see services)."""
    return cache.get_or_set(_GENERATION_KEY, 1, timeout=None)


def bump_map_generation() -> None:
    try:
        cache.incr(_GENERATION_KEY)
    except ValueError:
        cache.set(_GENERATION_KEY, 2, timeout=None)


def member_feature(member: Member) -> dict:
    """One RFC 7946 Feature. Coordinates are [longitude, latitude]."""
    return {
        "type": "Feature",
        "id": member.slug,
        "geometry": {
            "type": "Point",
            "coordinates": [float(member.longitude), float(member.latitude)],
        },
        "properties": {
            "name": member.name,
            "url": member.get_absolute_url(),
            "kind": member.kind,
            "kind_label": str(member.get_kind_display()),
            "country": member.country.code,
            "country_name": str(member.country.name),
            "region": member.region.label,
            "networks": [str(network) for network in member.networks.all()],
        },
    }


def member_geojson(*, filters: QueryDict | dict) -> str:
    """The published, located members as a GeoJSON FeatureCollection (a JSON string), cached
    per filter set, language and map generation."""
    params = sorted((key, value) for key, value in (filters or {}).items() if value)
    digest = hashlib.sha256(json.dumps(params).encode()).hexdigest()[:24]
    key = f"cities:geojson:{map_generation()}:{get_language()}:{digest}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    filterset = member_list(filters=filters)
    members = member_filtered(filterset).located()
    payload = json.dumps(
        {"type": "FeatureCollection", "features": [member_feature(m) for m in members]},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    cache.set(key, payload, GEOJSON_CACHE_SECONDS)
    return payload


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
            "url": site_url + m.get_absolute_url(),
        }
        for m in members
    ]
