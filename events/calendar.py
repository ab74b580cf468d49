"""Calendar files: one event's .ics, the public feed, and each person's secret feed.

A feed may be forwarded or subscribed to by anyone holding its address, so nothing in it is
more than the event's public page shows: never the online meeting link."""

from __future__ import annotations

import hashlib
import re
import secrets
import zoneinfo
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

import icalendar
import rules
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from core.rules import require_perm
from events.models import CalendarFeed, Event, EventFormat, EventStatus, RegistrationStatus

PRODID = "-//Human Rights Cities//Portal//EN"

# How long feeds keep what is over: past events, and cancelled ones (marked CANCELLED).
PAST_WINDOW = timedelta(days=90)
CANCELLED_WINDOW = timedelta(days=30)
# last_used_at is for the person's page ("used an hour ago"), not a log: one write an hour.
LAST_USED_PRECISION = timedelta(hours=1)
# token_urlsafe(32) gives 43 characters; anything much longer is not one of ours.
TOKEN_MAX_LENGTH = 100


class CalendarEntry(NamedTuple):
    """What a VEVENT is made of: an event's fields, and its host's name (the place of an event
    with no venue). Feeds read these as rows, not as Events: 3,000 model instances would take
    as long as the rest of the file."""

    uid: str
    sequence: int
    updated_at: datetime
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    title: str
    theme: str
    description: str
    guiding_questions: str
    format: str
    venue: str
    city: str
    host_name: str | None
    slug: str
    status: str

    # The event's own reading of its questions (it reads only guiding_questions).
    guiding_question_list = Event.guiding_question_list

    @classmethod
    def of(cls, event: Event | tuple) -> CalendarEntry:
        """An Event, or a row of a feed query (the same fields, in this order)."""
        if not isinstance(event, Event):
            return cls._make(event)
        host_name = event.host.name if event.host_id else None
        fields = {name: getattr(event, name) for name in cls._fields if name != "host_name"}
        return cls(**fields, host_name=host_name)


# Control characters, except tab and newline (carriage returns are normalised away first).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_SPACES = re.compile(r"\s+")


# --- Text --------------------------------------------------------------------------------


def plain_text(value: str | None) -> str:
    """Text for a DESCRIPTION: no HTML, no control characters but newline and tab."""
    if not value:
        return ""
    text = value if value.isprintable() else _CONTROL.sub("", _LINE_BREAKS.sub("\n", value))
    if "<" in text:
        text = strip_tags(text)
    return text.strip()


def one_line(value: str | None) -> str:
    """Text for a SUMMARY or LOCATION: one line, no control characters."""
    if value and value.isprintable() and "<" not in value:
        return value.strip()
    return _SPACES.sub(" ", plain_text(value)).strip()


class _Words(NamedTuple):
    """The words a VEVENT adds, translated once per file (in the reader's language)."""

    questions: str
    online: str
    place_and_online: str

    @classmethod
    def now(cls) -> _Words:
        return cls(_("Guiding questions:"), _("Online"), _("%(place)s, and online"))


def _description(event: CalendarEntry, words: _Words) -> str:
    parts = [one_line(event.theme), plain_text(event.description)]
    questions = [q for q in map(one_line, event.guiding_question_list()) if q]
    if questions:
        parts.append("\n".join([words.questions, *(f"- {q}" for q in questions)]))
    return "\n\n".join(part for part in parts if part)


def _location(event: CalendarEntry, words: _Words) -> str:
    if event.format == EventFormat.ONLINE:
        return words.online
    place = ", ".join(
        one_line(part) for part in (event.venue or event.host_name, event.city) if part
    )
    if event.format == EventFormat.HYBRID:
        return words.place_and_online % {"place": place} if place else words.online
    return place


# --- Content lines -----------------------------------------------------------------------
# VEVENTs are written here, line by line: icalendar's own writer folds text one character at a
# time, which makes a feed of 3,000 events take a second. icalendar makes the VTIMEZONEs, and
# the tests read every file back with icalendar's parser.

_TEXT_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})
_LINE_LIMIT = 75  # octets, without the line break (RFC 5545, 3.1)


def _text(value: str) -> str:
    """A TEXT value, escaped (RFC 5545, 3.3.11)."""
    if "\\" in value or ";" in value or "," in value or "\n" in value:
        return value.translate(_TEXT_ESCAPES)
    return value


def _fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character or an escape."""
    if len(line) <= _LINE_LIMIT and line.isascii():
        return line
    data = line.encode()
    if len(data) <= _LINE_LIMIT:
        return line
    chunks, start, limit = [], 0, _LINE_LIMIT
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a continuation byte: the character goes on
            end -= 1
        if data[end - 1] == 0x5C:  # keep a backslash with the character it escapes
            end -= 1
        chunks.append(data[start:end])
        start, limit = end, _LINE_LIMIT - 1  # the next lines start with a space
    chunks.append(data[start:])
    return b"\r\n ".join(chunks).decode()


def _local(moment: datetime, zone: zoneinfo.ZoneInfo) -> str:
    """A DATE-TIME in ``zone`` (to go with its TZID), to the second."""
    return moment.astimezone(zone).strftime("%Y%m%dT%H%M%S")


def _utc(moment: datetime) -> str:
    return _local(moment, UTC) + "Z"


@lru_cache(maxsize=64)
def _zone(tzid: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(tzid)


@lru_cache(maxsize=256)
def _vtimezone(tzid: str, first_year: int, last_year: int) -> str:
    # Working the transitions out takes a while: once per zone and span of years.
    component = icalendar.Timezone.from_tzid(
        tzid, first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1)
    )
    return component.to_ical().decode().removesuffix("\r\n")


def _vtimezones(events: list[CalendarEntry]) -> list[str]:
    """One VTIMEZONE per zone the events use, covering the years they take place in."""
    years: dict[str, tuple[int, int]] = {}
    for event in events:
        first, last = event.starts_at.year - 1, event.ends_at.year + 1
        if event.time_zone in years:
            known_first, known_last = years[event.time_zone]
            first, last = min(first, known_first), max(last, known_last)
        years[event.time_zone] = (first, last)
    return [_vtimezone(tzid, first, last) for tzid, (first, last) in sorted(years.items())]


def _vevent(event: CalendarEntry, *, url: str, stamp: str, words: _Words) -> str:
    zone = _zone(event.time_zone)
    # Zone names are IANA names (validated, and checked by the database): no quoting needed.
    tzid = event.time_zone
    status = "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED"
    # Only the free text can be longer than a line: the rest is never folded.
    lines = [
        "BEGIN:VEVENT",
        f"UID:{_text(event.uid)}",
        f"SEQUENCE:{int(event.sequence)}",
        f"DTSTAMP:{stamp}",
        f"LAST-MODIFIED:{_utc(event.updated_at)}",
        f"DTSTART;TZID={tzid}:{_local(event.starts_at, zone)}",
        f"DTEND;TZID={tzid}:{_local(event.ends_at, zone)}",
        _fold(f"SUMMARY:{_text(one_line(event.title))}"),
    ]
    description = _description(event, words)
    if description:
        lines.append(_fold(f"DESCRIPTION:{_text(description)}"))
    location = _location(event, words)
    if location:
        lines.append(_fold(f"LOCATION:{_text(location)}"))
    lines += [_fold(f"URL:{url}"), f"STATUS:{status}", "END:VEVENT"]
    return "\r\n".join(lines)


def _calendar(events: list[CalendarEntry], *, site_url: str, url_of, name: str | None) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{_text(PRODID)}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if name is not None:
        lines.append(_fold(f"X-WR-CALNAME:{_text(one_line(name))}"))
    lines += _vtimezones(events)
    stamp, words = _utc(timezone.now()), _Words.now()
    lines += [
        _vevent(event, url=site_url + url_of(event), stamp=stamp, words=words) for event in events
    ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def event_ics(event: Event, *, site_url: str) -> bytes:
    """One event as a calendar file (for a download, or attached to an e-mail)."""
    url = event.get_absolute_url()
    return _calendar([CalendarEntry.of(event)], site_url=site_url, url_of=lambda _: url, name=None)


def feed_ics(events: Iterable[Event | tuple], *, site_url: str, name: str) -> bytes:
    """Many events as one subscribable calendar: Events, or the rows of a feed query."""
    # reverse() costs as much as the rest of a VEVENT: the event's address is worked out once
    # and the slug put in it (what Event.get_absolute_url gives).
    marker = "slug-placeholder"
    pattern = reverse("events:detail", kwargs={"slug": marker})
    before, after = pattern.split(marker, 1)
    return _calendar(
        [CalendarEntry.of(event) for event in events],
        site_url=site_url,
        url_of=lambda event: f"{before}{event.slug}{after}",
        name=name,
    )


# --- What the feeds show -----------------------------------------------------------------


def _in_feed_window(now: datetime) -> Q:
    return Q(status=EventStatus.SCHEDULED, ends_at__gte=now - PAST_WINDOW) | Q(
        status=EventStatus.CANCELLED, cancelled_at__gte=now - CANCELLED_WINDOW
    )


def _for_feed(queryset):
    return (
        queryset.annotate(host_name=F("host__name"))
        .order_by("starts_at", "pk")
        .values_list(*CalendarEntry._fields, named=True)
    )


def public_feed_events(now: datetime):
    """Public events from 90 days ago on; cancelled ones for 30 days after they were (rows
    with the fields of a CalendarEntry, for ``feed_ics``)."""
    return _for_feed(Event.objects.public().filter(_in_feed_window(now)))


def personal_feed_events(user, now: datetime):
    """The events ``user`` holds a place for or waits on, in the same window."""
    return _for_feed(
        Event.objects.visible_to(user).filter(
            _in_feed_window(now),
            registrations__user=user,
            registrations__status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITING],
        )
    )


# --- Personal feed addresses -------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _lock_person(user):
    # Serialises a person's own clicks: two "make my address" never leave two live feeds.
    return get_user_model().objects.select_for_update().get(pk=user.pk)


def calendar_feed_create(*, user) -> str:
    """A new secret address for ``user`` (any live one stops working); returns the token,
    which is shown once and never stored."""
    with transaction.atomic():
        person = _lock_person(user)
        require_perm(
            person,
            "events.subscribe_calendar",
            message=_("Only approved members have a personal calendar address."),
        )
        now = timezone.now()
        CalendarFeed.objects.filter(user=person, revoked_at__isnull=True).update(revoked_at=now)
        token = secrets.token_urlsafe(32)
        feed = CalendarFeed(user=person, token_hash=_token_hash(token), created_at=now)
        feed.full_clean()
        feed.save()
    return token


def calendar_feed_revoke(*, user) -> None:
    """Stop ``user``'s secret address: calendars subscribed to it get nothing more."""
    with transaction.atomic():
        person = _lock_person(user)
        CalendarFeed.objects.filter(user=person, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )


def calendar_feed_live(*, user) -> CalendarFeed | None:
    """The person's working address, if they have one (its token is not known any more)."""
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()


def calendar_feed_user(token: str):
    """The person whose live address ``token`` is, if they may still have one; else None."""
    if not isinstance(token, str) or not token or len(token) > TOKEN_MAX_LENGTH:
        return None
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=_token_hash(token), revoked_at__isnull=True)
        .first()
    )
    if feed is None or not rules.has_perm("events.subscribe_calendar", feed.user):
        return None
    now = timezone.now()
    if feed.last_used_at is None or feed.last_used_at < now - LAST_USED_PRECISION:
        # A conditional update: calendars polling at once write it once.
        CalendarFeed.objects.filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_PRECISION),
            pk=feed.pk,
        ).update(last_used_at=now)
    return feed.user
