"""Reads of the campaign: progress, the wall, the report, the focal point's pledge."""

from __future__ import annotations

import json
import textwrap
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from campaign.models import Campaign, Milestone, Pledge, PledgeInitiative, PledgeStatus
from cities.models import FocusArea, Member, Region
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
    counts = _accepted(campaign).aggregate(
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
    return Pledge.objects.public().filter(campaign=campaign)


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


def pledge_wall(*, campaign: Campaign) -> QuerySet[Pledge]:
    """Accepted pledges with their public sections (the view filters them: PledgeFilter)."""
    return (
        _accepted(campaign)
        .select_related("member", "member__region")
        .prefetch_related(
            Prefetch("focus_areas", queryset=FocusArea.objects.order_by("order")),
            Prefetch("initiatives", queryset=PledgeInitiative.objects.order_by("pk")),
        )
        .order_by("member__name")
    )


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
    """Everything the first-results report shows, computed from the accepted pledges as plain
    rows (three queries whatever the number of pledges)."""
    rows = list(
        _accepted(campaign)
        .order_by("member__name")
        .values(
            "pk",
            "with_form",
            "vision_essential",
            "vision_framework",
            "motivations",
            "member__name",
            "member__slug",
            "member__kind",
            "member__country",
            "member__region_id",
        )  # fmt: skip
    )
    region_labels = {region.pk: region.label for region in Region.objects.all()}
    areas_by_pk = {area.pk: area for area in FocusArea.objects.all()}
    pledge_areas = Pledge.focus_areas.through.objects.filter(
        pledge__in=_accepted(campaign)
    ).values_list("pledge_id", "focusarea_id")
    names = {row["pk"]: row["member__name"] for row in rows}
    by_area: dict[int, list[str]] = {}
    for pledge_id, area_id in pledge_areas:
        by_area.setdefault(area_id, []).append(names[pledge_id])
    writer = FeatureWriter()
    kind_labels = writer.kind_labels
    regions = Counter(region_labels.get(row["member__region_id"], "") for row in rows)
    kinds = Counter(kind_labels.get(row["member__kind"], row["member__kind"]) for row in rows)
    areas = sorted(
        (
            {
                "area": areas_by_pk[area_id],
                "count": len(members),
                "names": ", ".join(sorted(members)),
            }
            for area_id, members in by_area.items()
        ),
        key=lambda entry: (-entry["count"], entry["area"].order),
    )
    visions = [r for r in rows if r["vision_essential"] or r["vision_framework"]]
    motivations = [r for r in rows if r["motivations"]]
    return {
        "pledge_count": len(rows),
        "form_count": sum(1 for row in rows if row["with_form"]),
        "country_count": len({row["member__country"] for row in rows}),
        "areas": areas,
        "regions": sorted(regions.items(), key=lambda kv: (-kv[1], kv[0])),
        "kinds": sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])),
        # In their own words: a sample of answers (the wall has every one of them).
        "visions": [
            (r["member__name"], _excerpt(r["vision_essential"] or r["vision_framework"]))
            for r in visions[:REPORT_EXAMPLES]
        ],
        "vision_count": len(visions),
        "motivations": [
            (r["member__name"], _excerpt(r["motivations"])) for r in motivations[:REPORT_EXAMPLES]
        ],
        "motivation_count": len(motivations),
        "annex": [
            {
                "name": row["member__name"],
                "url": writer.url_for(row["member__slug"]),
                "country": writer.country_names.get(row["member__country"], ""),
            }
            for row in rows
        ],
    }


REPORT_EXAMPLES = 12


def _excerpt(text: str) -> str:
    return textwrap.shorten(" ".join(text.split()), width=280, placeholder=" …")


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
        for p in _accepted(campaign)
        .select_related("member", "member__region")
        .prefetch_related("focus_areas")
        .order_by("member__name")
    ]
