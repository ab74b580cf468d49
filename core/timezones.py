"""Time zones: whose clock a page speaks in, and a time span written for people to read."""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from datetime import datetime

from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

# Set by static/js/timezone.js from the browser's own setting.
TZ_COOKIE = "tz"

_ZONE_NAME = re.compile(r"^[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)*$")
# Abbreviations the tz database does not have are written as a bare offset: +04, -0330.
_BARE_OFFSET = re.compile(r"^([+-])(\d{2})(\d{2})?$")

TIME_FORMAT = "G:i"  # 9:30, 16:30


def _date_format() -> str:
    # Translators: Django's date format for the day of an event ("Wed 23 Feb 2022"); French
    # may prefer "D j b Y" (lower-case month).
    return pgettext("date format of event times", "D j M Y")


def zone_named(name: str | None) -> zoneinfo.ZoneInfo | None:
    """The zone of that IANA name, or None for anything else (a cookie may hold junk)."""
    if not name or len(name) > 64 or not _ZONE_NAME.match(name):
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return None


def viewer_zone(request) -> zoneinfo.ZoneInfo | None:
    """The signed-in person's setting, else the browser's zone (``tz`` cookie), else None."""
    if not hasattr(request, "_viewer_zone"):
        zone = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            zone = zone_named(getattr(user, "time_zone", ""))
            if zone is not None and zone.key == "UTC" and request.COOKIES.get(TZ_COOKIE):
                zone = None  # UTC is the setting's default: the browser knows better
        if zone is None:
            zone = zone_named(request.COOKIES.get(TZ_COOKIE))
        request._viewer_zone = zone
    return request._viewer_zone


def zone_abbreviation(moment: datetime) -> str:
    """CET, CEST, KST ... or UTC+4 where the tz database only knows the offset ("+04")."""
    name = moment.tzname() or ""
    bare = _BARE_OFFSET.match(name)
    if not bare:
        return name
    sign, hours, minutes = bare.groups()
    text = f"UTC{sign}{int(hours)}"
    if minutes and minutes != "00":
        text += f":{minutes}"
    return text


def same_clock(zone_a: zoneinfo.ZoneInfo, zone_b: zoneinfo.ZoneInfo, *moments: datetime) -> bool:
    """True when the two zones are one, or read the same time at each of these instants."""
    if zone_a.key == zone_b.key:
        return True
    return all(
        moment.astimezone(zone_a).utcoffset() == moment.astimezone(zone_b).utcoffset()
        for moment in moments
    )


def ends_another_day(starts_at: datetime, ends_at: datetime, zone: zoneinfo.ZoneInfo) -> bool:
    return starts_at.astimezone(zone).date() != ends_at.astimezone(zone).date()


@dataclass(frozen=True)
class Span:
    """A span in one zone, in parts, so a template can wrap each end in <time>."""

    start: datetime
    end: datetime
    start_text: str
    separator: str
    end_text: str
    zone_text: str  # the abbreviation after the end ("" when each end carries its own)

    def __str__(self) -> str:
        return f"{self.start_text}{self.separator}{self.end_text}{self.zone_text}"


def span_in(
    starts_at: datetime, ends_at: datetime, zone: zoneinfo.ZoneInfo, *, with_date: bool = True
) -> Span:
    start, end = starts_at.astimezone(zone), ends_at.astimezone(zone)
    start_zone, end_zone = zone_abbreviation(start), zone_abbreviation(end)
    start_time, end_time = (
        dateformat.format(start, TIME_FORMAT),
        dateformat.format(end, TIME_FORMAT),
    )
    days = (end.date() - start.date()).days
    if days == 0:
        start_text, separator, end_text = start_time, "–", end_time
    elif days == 1:
        start_text, separator = start_time, " – "
        end_text = _("%(time)s (next day)") % {"time": end_time}
    else:
        start_text, separator = start_time, " – "
        end_text = f"{dateformat.format(end, _date_format())}, {end_time}"
    if with_date or days > 1:
        start_text = f"{dateformat.format(start, _date_format())}, {start_text}"
    if start_zone != end_zone:
        # A change of clocks (summer time) during the span: each end says its own.
        return Span(start, end, f"{start_text} {start_zone}", " – ", f"{end_text} {end_zone}", "")
    return Span(start, end, start_text, separator, end_text, f" {start_zone}")


def format_span(
    starts_at: datetime, ends_at: datetime, zone: zoneinfo.ZoneInfo, *, with_date: bool = True
) -> str:
    """ "Wed 23 Feb 2022, 11:30–13:00 CET"; "9:30–12:00 CET" without the date; "23:00 – 1:00
    (next day) KST" when it ends on the next calendar day in that zone."""
    return str(span_in(starts_at, ends_at, zone, with_date=with_date))
