"""Reads of the Charter-Agenda: versions as each person may read them, a right with its
comments, amendments and practices, the rows two versions are compared on, one's own
contributions. No request here and no Http404: a missing or hidden row is None."""

from __future__ import annotations

from typing import NamedTuple

import rules
from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from charter.diff import RightRow
from charter.models import (
    Amendment,
    AmendmentStatus,
    Comment,
    LocalPractice,
    PracticeStatus,
    RightText,
    Version,
    VersionStatus,
)

A = AmendmentStatus


def current_version(*, user) -> Version | None:
    """The version people read now: the latest adopted or in consultation, else the latest
    one ``user`` may read (a closed round, or a draft for those who prepare it)."""
    versions = Version.objects.select_related("charter", "based_on").order_by("-number")
    current = versions.filter(status__in=[VersionStatus.ADOPTED, VersionStatus.CONSULTATION])
    version = current.first()
    if version is not None:
        return version
    return next((v for v in versions if rules.has_perm("charter.read_version", user, v)), None)


def version_for(*, number: int, user) -> Version | None:
    """Version ``number``, or None when there is none or ``user`` may not read it."""
    version = (
        Version.objects.select_related("charter", "based_on")
        .filter(number=number)
        .order_by("charter_id")
        .first()
    )
    if version is None or not rules.has_perm("charter.read_version", user, version):
        return None
    return version


def readable_versions(*, user) -> list[Version]:
    """Every version ``user`` may read, newest first (for choosing two to compare)."""
    versions = Version.objects.order_by("-number")
    return [v for v in versions if rules.has_perm("charter.read_version", user, v)]


def _count(queryset: QuerySet):
    """The number of rows of ``queryset`` (filtered on OuterRef) as a subquery, 0 when none."""
    counted = queryset.order_by().values("right_text").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def version_texts(*, version: Version) -> QuerySet[RightText]:
    """The rights of ``version`` in their order, with their identity (for the exports)."""
    return version.rights.select_related("right").order_by("order", "number")


def version_rights(*, version: Version) -> QuerySet[RightText]:
    """The rights of ``version`` in their order, each with how many comments and amendments it
    has (pending, accepted, rejected), counted in the same query."""
    amendments = Amendment.objects.filter(right_text=OuterRef("pk"))
    return version_texts(version=version).annotate(
        comment_count=_count(Comment.objects.filter(right_text=OuterRef("pk"))),
        amendment_count=_count(amendments.exclude(status__in=[A.DRAFT, A.WITHDRAWN])),
        amendments_pending=_count(amendments.filter(status=A.SUBMITTED)),
        amendments_accepted=_count(amendments.filter(status__in=A.accepted())),
        amendments_rejected=_count(amendments.filter(status=A.REJECTED)),
    )


def _about_earlier_wording() -> ExpressionWrapper:
    return ExpressionWrapper(
        ~Q(quoted_title=F("right_text__title"))
        | ~Q(quoted_formulation=F("right_text__formulation")),
        output_field=BooleanField(),
    )


def right_page(*, version: Version, number: int) -> RightText | None:
    """Right ``number`` of ``version`` with what its page shows besides the comments
    (``right_comments``): ``comment_count``, the amendments (``amendment_list``) and the
    published local practices that realise the right (``right.published_practices``)."""
    # Authors' institutions as plain values: a missing affiliation is then no exception for
    # the template to catch (which cost a tenth of the page with 500 comments).
    return (
        RightText.objects.filter(version=version, number=number)
        .select_related("version", "right")
        .annotate(comment_count=Count("comments"))
        .prefetch_related(
            Prefetch(
                "amendments",
                queryset=Amendment.objects.exclude(status=A.DRAFT)
                .select_related("author", "decided_by")
                .annotate(author_member_name=F("author__affiliation__member__name"))
                .order_by("created_at", "pk"),
                to_attr="amendment_list",
            ),
            Prefetch(
                "right__practices",
                queryset=LocalPractice.objects.filter(status=PracticeStatus.PUBLISHED)
                .select_related("member")
                .order_by("member__name", "title"),
                to_attr="published_practices",
            ),
        )
        .first()
    )


def right_comments(*, text: RightText) -> QuerySet[Comment]:
    """The conversations on a right: top-level comments, oldest first, each with its replies
    in ``reply_list`` (the view pages them)."""
    comments = (
        Comment.objects.select_related("author", "gathered_at")
        .annotate(
            is_about_earlier_wording=_about_earlier_wording(),
            author_member_name=F("author__affiliation__member__name"),
        )
        .order_by("created_at", "pk")
    )
    return comments.filter(right_text=text, parent__isnull=True).prefetch_related(
        Prefetch("replies", queryset=comments, to_attr="reply_list")
    )


def right_in_version(*, version: Version, number: int) -> RightText | None:
    """Right ``number`` of ``version`` alone (to propose a change to it)."""
    return (
        RightText.objects.filter(version=version, number=number).select_related("version").first()
    )


def amendment_of(*, version: Version, right_number: int, pk: int) -> Amendment | None:
    """Amendment ``pk``, only when it is about right ``right_number`` of ``version``."""
    return (
        Amendment.objects.filter(
            pk=pk, right_text__version=version, right_text__number=right_number
        )
        .select_related("right_text__version")
        .first()
    )


def right_rows(*, version: Version) -> list[RightRow]:
    """The rights of ``version`` as the comparison reads them, in one query."""
    fields = ("right_id", "number", "group", "title", "formulation")
    return [
        RightRow(*values)
        for values in version.rights.order_by("order", "number").values_list(*fields)
    ]


def amendments_applied_in(*, version: Version) -> QuerySet[Amendment]:
    """The accepted amendments written into ``version``'s text, with the right they changed."""
    return (
        Amendment.objects.filter(applied_in=version)
        .select_related("right_text__version", "author")
        .order_by("right_text__right_id", "decided_at", "pk")
    )


class Contributions(NamedTuple):
    comments: QuerySet[Comment]
    amendments: QuerySet[Amendment]


def my_contributions(*, user) -> Contributions:
    """What ``user`` wrote: comments and amendments, newest first, with their right and
    version (and the steering group's decision for amendments)."""
    if not user.is_authenticated:
        return Contributions(Comment.objects.none(), Amendment.objects.none())
    return Contributions(
        comments=Comment.objects.filter(author=user)
        .select_related("right_text__version", "parent__author")
        .annotate(is_about_earlier_wording=_about_earlier_wording())
        .order_by("-created_at", "-pk"),
        amendments=Amendment.objects.filter(author=user)
        .select_related("right_text__version", "decided_by")
        .order_by("-created_at", "-pk"),
    )
