"""The events pages: the list (upcoming and past), a month's calendar, and one event."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from itertools import groupby

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import dateformat, formats, timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from core.filtering import filter_results
from core.timezones import TIME_FORMAT, viewer_zone
from events import selectors
from events.filters import EARLIEST, LATEST, EventFilter
from events.models import SpeakerRole
from events.services import registration_window_error

PAGE_SIZE = 20
# The online link appears this long before the start (events.rules: see_online_link).
LINK_OPENS_BEFORE = timedelta(hours=1)

ROLE_HEADINGS = [
    (SpeakerRole.MODERATOR, _("Moderation")),
    (SpeakerRole.SPEAKER, _("Speakers")),
    (SpeakerRole.PANELIST, _("Panelists")),
    (SpeakerRole.RAPPORTEUR, _("Rapporteurs")),
]


def _zone(request):
    """The viewer's zone, else the site's (UTC): the calendar grid needs one clock."""
    return viewer_zone(request) or timezone.get_current_timezone()


@require_GET
def event_list(request):
    if request.GET.get("from") or request.GET.get("to"):
        when = None  # a chosen period shows everything in it, past or to come
    elif request.GET.get("when") == "past":
        when = selectors.PAST
    else:
        when = selectors.UPCOMING
    filterset = EventFilter(
        request.GET, queryset=selectors.event_list(user=request.user, when=when), request=request
    )
    page = Paginator(filter_results(filterset), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "events/event_list.html",
        {
            "filterset": filterset,
            "page": page,
            "filters_invalid": not filterset.is_valid(),
            "when": when,
            "this_month": timezone.now().astimezone(_zone(request)).date(),
        },
    )


@require_GET
def event_month_current(request):
    today = timezone.now().astimezone(_zone(request)).date()
    return redirect("events:month", year=today.year, month=today.month)


def _month_link(day: date) -> dict | None:
    if not EARLIEST <= day <= LATEST:
        return None
    return {"year": day.year, "month": day.month, "label": _month_label(day)}


def _month_label(day: date) -> str:
    return formats.date_format(day, "YEAR_MONTH_FORMAT")


@require_GET
def event_month(request, year: int, month: int):
    if not (1 <= month <= 12 and EARLIEST.year <= year <= LATEST.year):
        raise Http404("No such month")
    zone = _zone(request)
    first = date(year, month, 1)
    month_start, _following = selectors.month_bounds(year=year, month=month, zone=zone)
    by_day: dict[date, list[dict]] = {}
    for event in selectors.event_month(user=request.user, year=year, month=month, zone=zone):
        start = event.starts_at.astimezone(zone)
        # Under way when the month begins: shown on its first day.
        continued = event.starts_at < month_start
        day = first if continued else start.date()
        by_day.setdefault(day, []).append(
            {
                "event": event,
                "start": start,
                "time": dateformat.format(start, TIME_FORMAT),
                "continued": continued,
            }
        )

    today = timezone.now().astimezone(zone).date()
    # Django counts from Sunday (0), Python's calendar from Monday (0).
    first_weekday = (int(formats.get_format("FIRST_DAY_OF_WEEK")) - 1) % 7
    weeks = [
        [
            {
                "date": day,
                "in_month": day.month == month,
                "entries": by_day.get(day, []) if day.month == month else [],
                "is_today": day == today,
            }
            for day in week
        ]
        for week in calendar.Calendar(first_weekday).monthdatescalendar(year, month)
    ]
    weekdays = [
        {
            "name": dateformat.format(cell["date"], "l"),
            "short": dateformat.format(cell["date"], "D"),
        }
        for cell in weeks[0]
    ]
    return render(
        request,
        "events/event_month.html",
        {
            "month_label": _month_label(first),
            "weeks": weeks,
            "weekdays": weekdays,
            "event_count": sum(len(entries) for entries in by_day.values()),
            "zone_name": zone.key.replace("_", " "),
            "zone_known": viewer_zone(request) is not None,
            "previous": _month_link(first - timedelta(days=1)),
            "next": _month_link(first + timedelta(days=31)),
        },
    )


def _speakers_by_role(event) -> list[dict]:
    """Each role's people, once each, whether they speak to the whole event or one item."""
    seen, people = set(), {role: [] for role, _label in ROLE_HEADINGS}
    for participation in event.participations.all():
        key = (participation.role, participation.speaker_id)
        if key not in seen and participation.role in people:
            seen.add(key)
            people[participation.role].append(participation.speaker)
    return [
        {"role": role, "label": label, "speakers": people[role]}
        for role, label in ROLE_HEADINGS
        if people[role]
    ]


def _sessions_by_day(event) -> list[dict]:
    """A forum's sessions under the forum's own days (its zone's calendar)."""
    zone = event.zone
    return [
        {"day": day, "sessions": list(sessions)}
        for day, sessions in groupby(
            event.sessions.all(), key=lambda session: session.starts_at.astimezone(zone).date()
        )
    ]


def _published_report(event):
    # A missing report raises RelatedObjectDoesNotExist, an AttributeError: getattr's default.
    report = getattr(event, "report", None)
    return report if report is not None and report.is_published else None


@require_GET
def event_detail(request, slug: str):
    event = selectors.event_detail(slug=slug, user=request.user)
    if event is None:
        raise Http404("No such event")
    now = timezone.now()
    link_opens_at = event.starts_at - LINK_OPENS_BEFORE
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "agenda": event.agenda_items.all(),
            "roles": _speakers_by_role(event),
            "session_days": _sessions_by_day(event),
            "report": _published_report(event),
            "registration": selectors.registration_of(event=event, user=request.user),
            "registration_closed": registration_window_error(event, now),
            "has_ended": now >= event.ends_at,
            "link_open": link_opens_at <= now < event.ends_at,
        },
    )
