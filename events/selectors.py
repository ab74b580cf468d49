"""Reads of the events app, for its pages and for the home page and profiles (through portal)."""

from __future__ import annotations

import zoneinfo
from datetime import datetime

from django.db.models import Prefetch, Q, QuerySet

from cities.models import Member
from events.models import (
    AgendaItem,
    Event,
    Participation,
    Registration,
    ReportPractice,
)

UPCOMING = "upcoming"
PAST = "past"


def _listed(user) -> QuerySet[Event]:
    """What a list of events shows for each: host, forum, focus areas."""
    return (
        Event.objects.visible_to(user)
        .select_related("host", "parent")
        .prefetch_related("focus_areas")
    )


def event_list(
    *, user, when: str | None = UPCOMING, now: datetime | None = None
) -> QuerySet[Event]:
    """Events ``user`` may see, cancelled ones included (the page marks them): upcoming ones
    (not yet ended) soonest first, past ones latest first, or all (``when=None``) by date."""
    events = _listed(user)
    if when == UPCOMING:
        return events.upcoming(now).order_by("starts_at", "pk")
    if when == PAST:
        return events.past(now).order_by("-starts_at", "-pk")
    return events.order_by("starts_at", "pk")


def month_bounds(*, year: int, month: int, zone: zoneinfo.ZoneInfo) -> tuple[datetime, datetime]:
    """The first instant of that month and of the next, on the clocks of ``zone``."""
    start = datetime(year, month, 1, tzinfo=zone)
    following = (
        datetime(year + 1, 1, 1, tzinfo=zone)
        if month == 12
        else (datetime(year, month + 1, 1, tzinfo=zone))
    )
    return start, following


def event_month(*, user, year: int, month: int, zone: zoneinfo.ZoneInfo) -> QuerySet[Event]:
    """Events that take place, even in part, during that month in ``zone``, by start."""
    start, following = month_bounds(year=year, month=month, zone=zone)
    return (
        Event.objects.visible_to(user)
        .filter(starts_at__lt=following, ends_at__gt=start)
        .select_related("host")
        .order_by("starts_at", "pk")
    )


def _with_agenda(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.prefetch_related(
        Prefetch(
            "agenda_items",
            queryset=AgendaItem.objects.prefetch_related(
                Prefetch(
                    "participations",
                    queryset=Participation.objects.select_related("speaker__member"),
                )
            ),
        )
    )


def event_detail(*, slug: str, user) -> Event | None:
    """One event with everything its page shows, or None when unknown or not for ``user``:
    its agenda with each item's speakers, every role (``participations``), a forum's sessions
    with their own agendas, host, focus areas, and its report with quotes and practices."""
    sessions = _with_agenda(Event.objects.visible_to(user).select_related("host")).order_by(
        "starts_at", "pk"
    )
    return (
        _with_agenda(Event.objects.visible_to(user))
        .select_related("host", "parent", "report")
        .prefetch_related(
            "focus_areas",
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("speaker__member").order_by(
                    "order", "pk"
                ),
            ),
            Prefetch("sessions", queryset=sessions),
            "report__quotes",
            Prefetch("report__practices", queryset=ReportPractice.objects.select_related("member")),
        )
        .filter(slug=slug)
        .first()
    )


def registration_of(*, event: Event, user) -> Registration | None:
    """The person's registration for the event (in any state), or None."""
    if user is None or not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=user).first()


def upcoming_events(*, user, limit: int = 5) -> QuerySet[Event]:
    """The next events for the home page: scheduled only (never a cancelled one)."""
    return (
        Event.objects.visible_to(user)
        .scheduled()
        .upcoming()
        .select_related("host")
        .order_by("starts_at", "pk")[:limit]
    )


def events_of_member(*, member: Member, user) -> QuerySet[Event]:
    """Events a member hosts or where one of its people speaks, latest first (a profile)."""
    spoken = Participation.objects.filter(speaker__member=member).values("event")
    return _listed(user).filter(Q(host=member) | Q(pk__in=spoken)).order_by("-starts_at", "-pk")
