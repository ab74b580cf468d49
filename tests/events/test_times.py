"""Times in the event's zone and the viewer's (core/timezones.py, {% event_times %})."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from core.timezones import format_span, viewer_zone, zone_named
from tests.accounts.factories import UserFactory
from tests.events.factories import AgendaItemFactory, EventFactory, local

PARIS, SEOUL = ZoneInfo("Europe/Paris"), ZoneInfo("Asia/Seoul")


@pytest.fixture(autouse=True)
def _english():
    """A request of another test may leave French active in this thread."""
    with translation.override("en"):
        yield


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def _request(*, user=None, tz_cookie=None):
    request = RequestFactory().get("/events/")
    request.user = user or AnonymousUser()
    if tz_cookie is not None:
        request.COOKIES["tz"] = tz_cookie
    return request


def _times(event, request, source="{% event_times event %}") -> str:
    template = Template("{% load event_times %}" + source)
    return _text(template.render(Context({"event": event, "request": request})))


def _paris_event(year, month, day, start=(9, 30), end=(12, 0), **fields):
    return EventFactory(
        starts_at=local(year, month, day, *start),
        ends_at=local(year, month, day, *end),
        **fields,
    )


# --- format_span ------------------------------------------------------------------------------


def test_format_span_one_day_with_and_without_date():
    starts, ends = (
        datetime(2022, 2, 23, 11, 30, tzinfo=PARIS),
        datetime(2022, 2, 23, 13, 0, tzinfo=PARIS),
    )
    assert format_span(starts, ends, PARIS) == "Wed 23 Feb 2022, 11:30–13:00 CET"
    assert format_span(starts, ends, PARIS, with_date=False) == "11:30–13:00 CET"


def test_format_span_summer_time_abbreviation():
    starts, ends = (
        datetime(2022, 6, 1, 9, 30, tzinfo=PARIS),
        datetime(2022, 6, 1, 12, 0, tzinfo=PARIS),
    )
    assert format_span(starts, ends, PARIS, with_date=False) == "9:30–12:00 CEST"


def test_format_span_says_when_it_ends_the_next_day():
    starts = datetime(2022, 2, 23, 23, 0, tzinfo=SEOUL)
    ends = datetime(2022, 2, 24, 1, 0, tzinfo=SEOUL)
    assert format_span(starts, ends, SEOUL, with_date=False) == "23:00 – 1:00 (next day) KST"
    assert format_span(starts, ends, SEOUL) == "Wed 23 Feb 2022, 23:00 – 1:00 (next day) KST"


def test_format_span_over_several_days_gives_both_dates():
    starts = datetime(2022, 2, 21, 9, 0, tzinfo=PARIS)
    ends = datetime(2022, 2, 23, 18, 0, tzinfo=PARIS)
    assert format_span(starts, ends, PARIS) == "Mon 21 Feb 2022, 9:00 – Wed 23 Feb 2022, 18:00 CET"


def test_format_span_writes_bare_offsets_as_utc_plus():
    dubai, kathmandu = ZoneInfo("Asia/Dubai"), ZoneInfo("Asia/Kathmandu")
    starts = datetime(2022, 2, 23, 9, 0, tzinfo=dubai)
    ends = datetime(2022, 2, 23, 10, 0, tzinfo=dubai)
    assert format_span(starts, ends, dubai, with_date=False) == "9:00–10:00 UTC+4"
    assert format_span(starts, ends, kathmandu, with_date=False) == "10:45–11:45 UTC+5:45"
    bogota = ZoneInfo("America/Bogota")
    assert format_span(starts, ends, bogota, with_date=False) == "0:00–1:00 UTC-5"


def test_format_span_across_a_change_of_clocks_names_each_end():
    starts = datetime(2022, 3, 26, 18, 0, tzinfo=PARIS)
    ends = datetime(2022, 3, 27, 12, 0, tzinfo=PARIS)
    assert format_span(starts, ends, PARIS, with_date=False) == (
        "18:00 CET – 12:00 (next day) CEST"
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "mer 23 fév 2022, 11:30–13:00 CET"),
        ("es", "mié 23 Feb 2022, 11:30–13:00 CET"),
    ],
)
def test_format_span_speaks_the_active_language(language, expected):
    starts, ends = (
        datetime(2022, 2, 23, 11, 30, tzinfo=PARIS),
        datetime(2022, 2, 23, 13, 0, tzinfo=PARIS),
    )
    with translation.override(language):
        # Case aside: a translator may choose "fév" or "Fév" for the month.
        assert format_span(starts, ends, PARIS).casefold() == expected.casefold()


# --- whose zone -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "junk", ["", "Not/AZone", "../../etc/passwd", "Europe", "Europe/Paris; rm", "x" * 80, "UTC\x00"]
)
def test_zone_named_refuses_junk(junk):
    assert zone_named(junk) is None


@pytest.mark.django_db
def test_viewer_zone_prefers_the_person_setting_to_the_cookie():
    user = UserFactory(time_zone="Asia/Seoul")
    assert viewer_zone(_request(user=user, tz_cookie="America/Bogota")) == SEOUL
    assert viewer_zone(_request(tz_cookie="America/Bogota")) == ZoneInfo("America/Bogota")
    assert viewer_zone(_request(tz_cookie="Mars/Olympus_Mons")) is None
    assert viewer_zone(_request()) is None


# --- {% event_times %} ------------------------------------------------------------------------


@pytest.mark.django_db
def test_event_times_in_winter_for_a_viewer_in_seoul():
    event = _paris_event(2022, 2, 23)
    viewer = UserFactory(time_zone="Asia/Seoul")
    assert _times(event, _request(user=viewer)) == (
        "Wed 23 Feb 2022, 9:30–12:00 CET Your time (Asia/Seoul): Wed 23 Feb 2022, 17:30–20:00 KST"
    )


@pytest.mark.django_db
def test_event_times_in_summer_follow_paris_summer_time():
    # Paris moves its clocks in summer and Seoul does not: the gap is 7 hours, not 8.
    event = _paris_event(2022, 6, 15)
    viewer = UserFactory(time_zone="Asia/Seoul")
    assert _times(event, _request(user=viewer)) == (
        "Wed 15 Jun 2022, 9:30–12:00 CEST Your time (Asia/Seoul): Wed 15 Jun 2022, 16:30–19:00 KST"
    )


@pytest.mark.django_db
def test_event_times_mark_a_session_that_ends_after_midnight_for_the_viewer():
    event = _paris_event(2022, 2, 23, start=(15, 0), end=(17, 30))
    viewer = UserFactory(time_zone="Asia/Seoul")
    assert _times(event, _request(user=viewer)) == (
        "Wed 23 Feb 2022, 15:00–17:30 CET "
        "Your time (Asia/Seoul): Wed 23 Feb 2022, 23:00 – 1:30 (next day) KST "
        "ends the next day in your time zone"
    )


@pytest.mark.django_db
def test_event_times_from_the_browser_cookie_for_a_visitor():
    event = _paris_event(2022, 2, 23)
    assert _times(event, _request(tz_cookie="Asia/Seoul")).endswith(
        "Your time (Asia/Seoul): Wed 23 Feb 2022, 17:30–20:00 KST"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("cookie", ["Not/AZone", "../../etc/passwd", "%3Cscript%3E", ""])
def test_event_times_ignore_an_invalid_cookie(cookie):
    event = _paris_event(2022, 2, 23)
    assert _times(event, _request(tz_cookie=cookie)) == "Wed 23 Feb 2022, 9:30–12:00 CET"


@pytest.mark.django_db
@pytest.mark.parametrize("zone", ["Europe/Paris", "Europe/Berlin"])
def test_event_times_show_one_line_when_the_viewer_clock_reads_the_same(zone):
    event = _paris_event(2022, 2, 23)
    viewer = UserFactory(time_zone=zone)
    assert _times(event, _request(user=viewer)) == "Wed 23 Feb 2022, 9:30–12:00 CET"


@pytest.mark.django_db
def test_event_times_of_an_agenda_item_in_the_event_zone_without_date():
    event = _paris_event(2022, 2, 23)
    item = AgendaItemFactory(
        event=event, starts_at=local(2022, 2, 23, 10), ends_at=local(2022, 2, 23, 10, 45)
    )
    viewer = UserFactory(time_zone="Asia/Seoul")
    html = Template(
        "{% load event_times %}{% event_times item zone=zone with_date=False %}"
    ).render(Context({"item": item, "zone": PARIS, "request": _request(user=viewer)}))
    assert _text(html) == "10:00–10:45 CET Your time (Asia/Seoul): 18:00–18:45 KST"
    assert '<time datetime="2022-02-23T10:00:00+01:00">10:00</time>' in html


@pytest.mark.django_db
def test_event_times_give_the_date_when_the_viewer_day_differs():
    event = _paris_event(2022, 2, 23, start=(20, 0), end=(21, 0))
    item = AgendaItemFactory(event=event, starts_at=event.starts_at, ends_at=event.ends_at)
    viewer = UserFactory(time_zone="Asia/Seoul")
    html = Template(
        "{% load event_times %}{% event_times item zone=zone with_date=False %}"
    ).render(Context({"item": item, "zone": PARIS, "request": _request(user=viewer)}))
    assert _text(html) == "20:00–21:00 CET Your time (Asia/Seoul): Thu 24 Feb 2022, 4:00–5:00 KST"


@pytest.mark.django_db
def test_event_page_shows_the_viewer_time_from_the_cookie(client):
    event = _paris_event(2022, 2, 23, slug="seoul-dialogue")
    client.cookies["tz"] = "Asia/Seoul"
    response = client.get("/events/seoul-dialogue/")
    text = _text(response.content.decode())
    assert (
        "Wed 23 Feb 2022, 9:30–12:00 CET Your time (Asia/Seoul): Wed 23 Feb 2022, 17:30–20:00 KST"
        in text
    )
    assert event.title in text
