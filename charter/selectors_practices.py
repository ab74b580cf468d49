"""Reads of the local practices (the Agenda part of the Charter-Agenda), and of the round of
comments open now, for the practices pages, a member's profile and the home page."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.contrib.postgres.aggregates import JSONBAgg
from django.db.models import F, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import JSONObject
from django.utils import timezone

from charter.models import LocalPractice, PracticeStatus, RightText, Version, VersionStatus
from cities.models import FocusArea, Member
from cities.selectors import FeatureWriter, member_map_rows


def _current_versions() -> QuerySet[Version]:
    # The reading pages' rule too (charter.selectors.current_version): adopted or consulted.
    return Version.objects.filter(
        status__in=[VersionStatus.ADOPTED, VersionStatus.CONSULTATION]
    ).order_by("-number", "-pk")


def version_current() -> Version | None:
    """The version whose rights practices are listed by: the latest adopted or in
    consultation."""
    return _current_versions().first()


def version_in_consultation() -> Version | None:
    """The version whose round of comments is open now (for the home page), or None."""
    now = timezone.now()
    return (
        Version.objects.filter(status=VersionStatus.CONSULTATION, round_opens_at__lte=now)
        .filter(Q(round_closes_at__isnull=True) | Q(round_closes_at__gt=now))
        .order_by("-number")
        .first()
    )


def rights_of_version(*, version: Version | None) -> QuerySet[RightText]:
    """The rights a practice may name: those of ``version``, by number."""
    if version is None:
        return RightText.objects.none()
    return version.rights.select_related("right").order_by("number")


def practices_published(*, members: QuerySet[Member] | None = None) -> QuerySet[LocalPractice]:
    """Published practices of published members, with their member, rights and focus areas
    (the view filters them: PracticeFilter)."""
    published = Member.objects.published() if members is None else members
    return (
        LocalPractice.objects.filter(status=PracticeStatus.PUBLISHED, member__in=published)
        .select_related("member")
        .prefetch_related(
            "rights", Prefetch("focus_areas", queryset=FocusArea.objects.order_by("order"))
        )
        .order_by("member__name", "title")
    )


@dataclass
class RightWithPractices:
    text: RightText | None  # None: rights the version does not hold
    practices: list[LocalPractice] = field(default_factory=list)


def practices_by_right(
    *, practices: QuerySet[LocalPractice], version: Version | None
) -> list[RightWithPractices]:
    """The practices under each right of ``version`` that has some, by number; a practice
    that realises three rights is under each. Those whose rights the version does not hold
    come last (text None)."""
    groups = [RightWithPractices(text) for text in rights_of_version(version=version)]
    by_right = {group.text.right_id: group for group in groups}
    elsewhere = RightWithPractices(None)
    for practice in practices:
        placed = False
        for identity in practice.rights.all():
            if identity.pk in by_right:
                by_right[identity.pk].practices.append(practice)
                placed = True
        if not placed:
            elsewhere.practices.append(practice)
    found = [group for group in groups if group.practices]
    return found + [elsewhere] if elsewhere.practices else found


def practice_members(*, practices: QuerySet[LocalPractice]) -> QuerySet[Member]:
    """The published members that have (some of) these practices, for the map."""
    return Member.objects.published().filter(pk__in=practices.values("member"))


def practices_geojson(*, practices: QuerySet[LocalPractice]) -> str:
    """The members of these practices as a GeoJSON FeatureCollection (a JSON string)."""
    writer = FeatureWriter()
    members = practice_members(practices=practices)
    return json.dumps(
        {
            "type": "FeatureCollection",
            "features": [writer.feature(row) for row in member_map_rows(members)],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def practices_of_member(*, member: Member) -> list[LocalPractice]:
    """The member's published practices for its profile, each with ``rights_realised``: the
    rights of the current version it names, as {"version", "number", "title"} by number. One
    query."""
    current = Subquery(_current_versions().values("pk")[:1])
    return list(
        LocalPractice.objects.filter(member=member, status=PracticeStatus.PUBLISHED)
        .annotate(
            rights_realised=JSONBAgg(
                JSONObject(
                    version=F("rights__texts__version__number"),
                    number=F("rights__texts__number"),
                    title=F("rights__texts__title"),
                ),
                filter=Q(rights__texts__version=current),
                order_by=F("rights__texts__number"),
                default=[],
            )
        )
        .order_by("-published_at", "title")
    )
