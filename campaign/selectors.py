"""Reads of the campaign: progress, the wall, the report, the focal point's pledge."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import QueryDict

from campaign.filters import PledgeFilter
from campaign.models import Campaign, Milestone, Pledge, PledgeInitiative, PledgeStatus
from cities.models import FocusArea, Member, MemberKind, Network, Region
from cities.selectors import FeatureWriter, member_map_rows


def campaign_current() -> Campaign | None:
    return Campaign.objects.filter(is_active=True).order_by("-launched_on").first()


@dataclass
class MilestoneProgress:
    milestone: Milestone
    count: int

    @property
    def reached(self) -> bool:
        return self.count >= self.milestone.target

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.count / self.milestone.target))

    @property
    def bar_width(self) -> int:
        """Width of the filled bar in the 0–300 SVG viewBox."""
        return round(3 * self.percent)


def campaign_progress(*, campaign: Campaign) -> dict:
    """Counts of accepted pledges (forms apart) and the progress toward each milestone."""
    counts = Pledge.objects.filter(campaign=campaign, status=PledgeStatus.ACCEPTED).aggregate(
        pledges=Count("pk"), forms=Count("pk", filter=Q(with_form=True))
    )
    progress = [MilestoneProgress(m, counts["pledges"]) for m in campaign.milestones.all()]
    upcoming = next((p for p in progress if not p.reached), progress[-1] if progress else None)
    return {
        "pledges": counts["pledges"],
        "forms": counts["forms"],
        "milestones": progress,
        "next": upcoming,
    }


def _accepted(campaign: Campaign) -> QuerySet[Pledge]:
    return Pledge.objects.filter(
        campaign=campaign, status=PledgeStatus.ACCEPTED, member__is_published=True
    )


def counts_by_region(*, campaign: Campaign) -> list[tuple[Region, int]]:
    regions = Region.objects.annotate(
        pledges=Count(
            "members__pledges",
            filter=Q(
                members__pledges__campaign=campaign,
                members__pledges__status=PledgeStatus.ACCEPTED,
                members__is_published=True,
            ),
        )
    ).order_by("order")
    return [(region, region.pledges) for region in regions]


def pledges_latest(*, campaign: Campaign, limit: int = 6) -> list[Pledge]:
    return list(
        _accepted(campaign)
        .select_related("member", "member__region")
        .order_by("-accepted_at")[:limit]
    )


def pledge_wall(*, campaign: Campaign, filters: QueryDict | dict):
    """Accepted pledges with their public sections, filtered by region, kind and focus area."""
    queryset = (
        _accepted(campaign)
        .select_related("member", "member__region")
        .prefetch_related(
            Prefetch("focus_areas", queryset=FocusArea.objects.order_by("order")),
            Prefetch("initiatives", queryset=PledgeInitiative.objects.order_by("pk")),
        )
        .order_by("member__name")
    )
    filterset = PledgeFilter(filters, queryset=queryset)
    if filterset.is_bound and not filterset.is_valid():
        return filterset, queryset.none()
    pledges = filterset.qs
    if filterset.form.cleaned_data.get("focus_area"):
        pledges = pledges.distinct()
    return filterset, pledges


def pledge_of_member(*, member: Member) -> Pledge | None:
    """The member's accepted pledge in the current campaign, for its profile."""
    return (
        Pledge.objects.filter(member=member, status=PledgeStatus.ACCEPTED)
        .prefetch_related("focus_areas", "initiatives")
        .select_related("campaign")
        .order_by("-accepted_at")
        .first()
    )


def pledges_geojson(*, campaign: Campaign) -> str:
    members = Member.objects.published().filter(
        pledges__campaign=campaign, pledges__status=PledgeStatus.ACCEPTED
    )
    writer = FeatureWriter()
    return json.dumps(
        {
            "type": "FeatureCollection",
            "features": [writer.feature(row) for row in member_map_rows(members)],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def campaign_report(*, campaign: Campaign) -> dict:
    """Everything the first-results report shows, computed from the accepted pledges."""
    pledges = list(
        _accepted(campaign)
        .select_related("member", "member__region")
        .prefetch_related(
            Prefetch("focus_areas", queryset=FocusArea.objects.order_by("order")),
            Prefetch("member__networks", queryset=Network.objects.order_by("acronym")),
        )
        .order_by("member__name")
    )
    kind_labels = dict(MemberKind.choices)
    by_area: dict[int, dict] = {}
    regions: Counter = Counter()
    kinds: Counter = Counter()
    countries: set[str] = set()
    for pledge in pledges:
        member = pledge.member
        regions[member.region.label] += 1
        kinds[str(kind_labels.get(member.kind, member.kind))] += 1
        countries.add(member.country.code)
        for area in pledge.focus_areas.all():
            entry = by_area.setdefault(area.pk, {"area": area, "members": []})
            entry["members"].append(member)
    areas = sorted(by_area.values(), key=lambda e: (-len(e["members"]), e["area"].order))
    return {
        "pledges": pledges,
        "pledge_count": len(pledges),
        "form_count": sum(1 for p in pledges if p.with_form),
        "country_count": len(countries),
        "areas": areas,
        "regions": sorted(regions.items(), key=lambda kv: (-kv[1], kv[0])),
        "kinds": sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])),
        "visions": [p for p in pledges if p.vision_essential or p.vision_framework],
        "motivations": [p for p in pledges if p.motivations],
    }


def report_rows(*, campaign: Campaign, site_url: str) -> list[dict]:
    """The report's public data, one row per accepted pledge (CSV and JSON exports)."""
    writer = FeatureWriter()
    return [
        {
            "member": p.member.name,
            "country": p.member.country.code,
            "region": p.member.region.slug,
            "kind": p.member.kind,
            "full_form": p.with_form,
            "focus_areas": [a.slug for a in p.focus_areas.all()],
            "accepted_on": p.accepted_at.date().isoformat(),
            "signatory": f"{p.signatory_name}, {p.signatory_title}".strip(", "),
            "profile": site_url + writer.url_for(p.member.slug),
        }
        for p in campaign_report(campaign=campaign)["pledges"]
    ]
