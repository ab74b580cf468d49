"""Calendar files (events/calendar.py, events/views_calendar.py): one event's .ics, the public
feed, the personal feed at a secret address, and the page that makes and stops that address."""

import hashlib
from datetime import timedelta

import icalendar
import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from events.calendar import (
    calendar_feed_create,
    calendar_feed_revoke,
    calendar_feed_user,
    event_ics,
    feed_ics,
    personal_feed_events,
    public_feed_events,
)
from events.models import CalendarFeed, Event
from events.services import event_cancel, registration_cancel, registration_register
from tests.accounts.factories import PendingUserFactory, SecretariatFactory, UserFactory
from tests.cities.factories import MemberFactory
from tests.events.factories import EventFactory, local

pytestmark = pytest.mark.django_db

ONLINE_LINK = "https://meet.example.org/secret-room-4821"


def _calendar(body: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(body)


def _vevents(body: bytes) -> list:
    return _calendar(body).walk("VEVENT")


def _vevent(body: bytes):
    (vevent,) = _vevents(body)
    return vevent


def _uids(body: bytes) -> set[str]:
    return {str(vevent["UID"]) for vevent in _vevents(body)}


def _statuses(body: bytes) -> dict[str, str]:
    return {str(vevent["UID"]): str(vevent["STATUS"]) for vevent in _vevents(body)}


def _ics_url(event: Event) -> str:
    return f"/events/{event.slug}.ics"


def _personal_url(token: str) -> str:
    return f"/events/my/{token}.ics"


# --- One event ----------------------------------------------------------------------------


def test_event_ics_round_trips_to_the_same_instants_in_the_events_zone(client):
    event = EventFactory(
        title="Seoul forum",
        time_zone="Asia/Seoul",
        starts_at=local(2031, 10, 14, 9, 30, zone="Asia/Seoul"),
        ends_at=local(2031, 10, 14, 12, 0, zone="Asia/Seoul"),
        format=Event.Format.IN_PERSON,
        venue="City Hall",
        city="Gwangju",
    )
    response = client.get(_ics_url(event))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    calendar = _calendar(response.content)
    assert str(calendar["PRODID"]) == "-//Human Rights Cities//Portal//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert [tz.tz_name for tz in calendar.timezones] == ["Asia/Seoul"]
    vevent = _vevent(response.content)
    assert vevent["DTSTART"].dt == event.starts_at
    assert vevent["DTEND"].dt == event.ends_at
    assert vevent["DTSTART"].params["TZID"] == "Asia/Seoul"
    assert vevent["DTEND"].params["TZID"] == "Asia/Seoul"
    assert b"DTSTART;TZID=Asia/Seoul:20311014T093000" in response.content
    assert str(vevent["UID"]) == event.uid
    assert int(vevent["SEQUENCE"]) == 0
    assert vevent["LAST-MODIFIED"].dt == event.updated_at.replace(microsecond=0)
    assert str(vevent["SUMMARY"]) == "Seoul forum"
    assert str(vevent["LOCATION"]) == "City Hall, Gwangju"
    assert str(vevent["URL"]) == settings.SITE_URL + event.get_absolute_url()
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert calendar.get_missing_tzids() == set()


def test_event_ics_of_an_online_event_says_online_and_describes_it_in_plain_text():
    event = EventFactory(
        theme="The right to housing",
        description="We meet **online**.\n\nBring <b>questions</b>.",
        guiding_questions="- Who decides?\n\n• Who pays?",
    )
    vevent = _vevent(event_ics(event, site_url="https://hrcities.example"))
    assert str(vevent["LOCATION"]) == "Online"
    assert str(vevent["DESCRIPTION"]) == (
        "The right to housing\n\nWe meet **online**.\n\nBring questions.\n\n"
        "Guiding questions:\n- Who decides?\n- Who pays?"
    )
    assert str(vevent["URL"]) == "https://hrcities.example" + event.get_absolute_url()


def test_event_without_a_venue_takes_place_at_its_host_in_the_ics_and_the_feed(client):
    host = MemberFactory(name="City of Graz")
    event = EventFactory(format=Event.Format.IN_PERSON, host=host, venue="", city="Graz")
    expected = "City of Graz\\, Graz"
    assert f"LOCATION:{expected}".encode() in event_ics(event, site_url=settings.SITE_URL)
    feed = client.get("/events/feed.ics").content
    assert str(_vevent(feed)["LOCATION"]) == "City of Graz, Graz"


def test_event_ics_keeps_its_uid_and_shows_a_higher_sequence_after_a_change():
    event = EventFactory()
    first = _vevent(event_ics(event, site_url=settings.SITE_URL))
    again = _vevent(event_ics(event, site_url=settings.SITE_URL))
    assert str(first["UID"]) == str(again["UID"]) == event.uid
    assert event.slug not in event.uid and str(event.pk) != event.uid
    event.starts_at += timedelta(hours=1)
    event.ends_at += timedelta(hours=1)
    event.sequence += 1
    event.save()
    moved = _vevent(event_ics(event, site_url=settings.SITE_URL))
    assert str(moved["UID"]) == event.uid
    assert int(moved["SEQUENCE"]) == int(first["SEQUENCE"]) + 1
    assert moved["DTSTART"].dt == first["DTSTART"].dt + timedelta(hours=1)


def test_event_ics_of_a_members_only_event_is_404_for_a_visitor_and_a_pending_user(client):
    event = EventFactory(visibility="members")
    assert client.get(_ics_url(event)).status_code == 404
    client.force_login(PendingUserFactory())
    assert client.get(_ics_url(event)).status_code == 404
    client.force_login(UserFactory())
    response = client.get(_ics_url(event))
    assert response.status_code == 200
    assert _uids(response.content) == {event.uid}
    assert "private" in response["Cache-Control"]


def test_event_ics_of_an_unknown_event_is_404(client):
    assert client.get("/events/no-such-event.ics").status_code == 404


def test_ics_never_contains_the_online_link(client):
    public = EventFactory(online_link=ONLINE_LINK, format=Event.Format.HYBRID, venue="Town hall")
    members = EventFactory(online_link=ONLINE_LINK, visibility="members")
    person = UserFactory()
    for event in (public, members):
        registration_register(event=event, user=person)
    token = calendar_feed_create(user=person)
    client.force_login(person)
    bodies = [
        client.get(_ics_url(public)).content,
        client.get(_ics_url(members)).content,
        client.get("/events/feed.ics").content,
        client.get(_personal_url(token)).content,
        event_ics(members, site_url=settings.SITE_URL),
    ]
    assert _uids(bodies[3]) == {public.uid, members.uid}
    for body in bodies:
        assert b"meet.example.org" not in body
        assert b"secret-room" not in body.replace(b"\r\n ", b"")
    assert str(_vevent(bodies[0])["LOCATION"]) == "Town hall, and online"


def test_event_text_with_control_characters_is_stripped_and_the_feed_still_parses(client):
    event = EventFactory(
        title="Opening\x01 session\x07\r\nof\tthe forum\x1b[31m",
        theme="Rights\x0b and\x0c cities",
        description="Line one\x08\r\nLine\ttwo\x7f\x85three",
        venue="Hall\x02 A",
        format=Event.Format.IN_PERSON,
        city="Vienna",
    )
    response = client.get("/events/feed.ics")
    assert response.status_code == 200
    vevent = _vevent(response.content)
    assert str(vevent["SUMMARY"]) == "Opening session of the forum[31m"
    assert str(vevent["DESCRIPTION"]) == "Rights and cities\n\nLine one\nLine\ttwo\nthree"
    assert str(vevent["LOCATION"]) == "Hall A, Vienna"
    event.title = "A NUL\x00 byte"  # PostgreSQL refuses it, an import might not
    single = event_ics(event, site_url=settings.SITE_URL)
    assert str(_vevent(single)["SUMMARY"]) == "A NUL byte"
    for body in (response.content, single):
        assert not any(byte < 0x20 and byte not in b"\t\r\n" for byte in body)
        assert b"\x7f" not in body and "\x85".encode() not in body


def test_long_text_with_escapes_and_other_scripts_folds_and_reads_back_the_same():
    title = "인권도시 포럼; 광주, 2031 \\ «droits» " * 4
    description = ("Línea única, con; comas \\ y barras — 서울 " * 20).strip()
    event = EventFactory(title=title, description=description, theme="")
    body = event_ics(event, site_url=settings.SITE_URL)
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    body.decode("utf-8")  # folding never cuts a character in two
    vevent = _vevent(body)
    assert str(vevent["SUMMARY"]) == title.strip()
    assert str(vevent["DESCRIPTION"]) == description


# --- The public feed ------------------------------------------------------------------------


def test_public_feed_lists_public_events_with_one_vtimezone_per_zone(client):
    paris = EventFactory()
    also_paris = EventFactory()
    seoul = EventFactory(time_zone="Asia/Seoul")
    response = client.get("/events/feed.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="events.ics"'
    calendar = _calendar(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "Human Rights Cities events"
    assert sorted(tz.tz_name for tz in calendar.timezones) == ["Asia/Seoul", "Europe/Paris"]
    assert calendar.get_missing_tzids() == set()
    assert _uids(response.content) == {paris.uid, also_paris.uid, seoul.uid}
    starts = {str(v["UID"]): v["DTSTART"].dt for v in calendar.walk("VEVENT")}
    assert starts == {e.uid: e.starts_at for e in (paris, also_paris, seoul)}


def test_public_feed_never_lists_members_only_events(client):
    public = EventFactory()
    EventFactory(visibility="members")
    assert _uids(client.get("/events/feed.ics").content) == {public.uid}
    client.force_login(UserFactory())
    assert _uids(client.get("/events/feed.ics").content) == {public.uid}
    assert [row.uid for row in public_feed_events(timezone.now())] == [public.uid]


def test_public_feed_shows_a_cancelled_event_as_cancelled_for_30_days(client):
    scheduled = EventFactory()
    cancelled = event_cancel(event=EventFactory(), by=SecretariatFactory())
    response = client.get("/events/feed.ics")
    assert _statuses(response.content) == {
        scheduled.uid: "CONFIRMED",
        cancelled.uid: "CANCELLED",
    }
    sequences = {str(v["UID"]): int(v["SEQUENCE"]) for v in _vevents(response.content)}
    assert sequences == {scheduled.uid: 0, cancelled.uid: cancelled.sequence}
    assert cancelled.sequence == 1
    now = timezone.now()
    in_29_days = public_feed_events(now + timedelta(days=29))
    in_31_days = public_feed_events(now + timedelta(days=31))
    assert {row.uid for row in in_29_days} == {scheduled.uid, cancelled.uid}
    assert {row.uid for row in in_31_days} == {scheduled.uid}


def test_public_feed_keeps_past_events_for_90_days():
    now = timezone.now()
    recent = EventFactory(
        starts_at=now - timedelta(days=89, hours=2), ends_at=now - timedelta(days=89)
    )
    EventFactory(starts_at=now - timedelta(days=91, hours=2), ends_at=now - timedelta(days=91))
    upcoming = EventFactory()
    assert [row.uid for row in public_feed_events(now)] == [recent.uid, upcoming.uid]


def test_public_feed_runs_the_same_queries_with_1_and_50_events(client, django_assert_num_queries):
    EventFactory(format=Event.Format.IN_PERSON, host=None)
    with django_assert_num_queries(1):
        one = client.get("/events/feed.ics")
    zones = ["Europe/Paris", "Asia/Seoul", "America/Mexico_City", "Africa/Dakar"]
    for n in range(49):
        EventFactory(time_zone=zones[n % 4], format=Event.Format.HYBRID, venue="Hall")
    with django_assert_num_queries(1):
        fifty = client.get("/events/feed.ics")
    assert len(_vevents(one.content)) == 1
    assert len(_vevents(fifty.content)) == 50
    assert len(_calendar(fifty.content).timezones) == 4


def test_feed_ics_of_no_events_is_an_empty_calendar():
    calendar = _calendar(feed_ics([], site_url=settings.SITE_URL, name="Nothing"))
    assert calendar.walk("VEVENT") == []
    assert str(calendar["X-WR-CALNAME"]) == "Nothing"


# --- The personal feed ----------------------------------------------------------------------


def test_personal_feed_lists_only_that_persons_registrations(client):
    full = EventFactory(capacity=1)
    members_only = EventFactory(visibility="members")
    given_up = EventFactory()
    EventFactory()  # not registered
    person, other = UserFactory(), UserFactory()
    registration_register(event=full, user=other)
    registration_register(event=full, user=person)  # waiting
    registration_register(event=members_only, user=person)
    registration_register(event=given_up, user=person)
    registration_cancel(event=given_up, user=person)
    token = calendar_feed_create(user=person)
    other_token = calendar_feed_create(user=other)
    response = client.get(_personal_url(token))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="my-events.ics"'
    assert "private" in response["Cache-Control"]
    assert _uids(response.content) == {full.uid, members_only.uid}
    theirs = client.get(_personal_url(other_token)).content
    assert _uids(theirs) == {full.uid}
    assert members_only.uid.encode() not in theirs
    assert person.email.encode() not in theirs and person.name.encode() not in theirs


def test_personal_feed_events_leaves_out_a_cancelled_registration():
    event = EventFactory()
    person = UserFactory()
    registration_register(event=event, user=person)
    assert [row.uid for row in personal_feed_events(person, timezone.now())] == [event.uid]
    registration_cancel(event=event, user=person)
    assert list(personal_feed_events(person, timezone.now())) == []


def test_personal_feed_of_a_revoked_or_unknown_token_is_404(client):
    person = UserFactory()
    registration_register(event=EventFactory(), user=person)
    first = calendar_feed_create(user=person)
    second = calendar_feed_create(user=person)
    assert client.get(_personal_url(first)).status_code == 404  # a new address stops the old
    assert client.get(_personal_url(second)).status_code == 200
    calendar_feed_revoke(user=person)
    assert client.get(_personal_url(second)).status_code == 404
    assert client.get(_personal_url("not-a-token")).status_code == 404
    assert CalendarFeed.objects.filter(user=person, revoked_at__isnull=True).count() == 0


def test_personal_feed_of_a_person_no_longer_approved_is_404(client):
    person = UserFactory()
    token = calendar_feed_create(user=person)
    person.is_approved = False
    person.approved_at = None
    person.save()
    assert client.get(_personal_url(token)).status_code == 404
    assert calendar_feed_user(token) is None


def test_calendar_feed_stores_only_a_hash_of_the_token():
    person = UserFactory()
    token = calendar_feed_create(user=person)
    feed = CalendarFeed.objects.get(user=person)
    assert len(token) >= 43
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert feed.token_hash != token
    assert not CalendarFeed.objects.filter(token_hash=token).exists()
    assert calendar_feed_user(token) == person


def test_calendar_feed_create_is_refused_to_a_pending_user():
    with pytest.raises(PermissionDenied):
        calendar_feed_create(user=PendingUserFactory())
    assert CalendarFeed.objects.count() == 0


def test_calendar_feed_user_notes_the_last_use_at_most_once_an_hour(
    django_assert_num_queries,
):
    person = UserFactory()
    token = calendar_feed_create(user=person)
    with django_assert_num_queries(2):  # the lookup, and the first use noted
        assert calendar_feed_user(token) == person
    first_use = CalendarFeed.objects.get(user=person).last_used_at
    with django_assert_num_queries(1):
        assert calendar_feed_user(token) == person
    assert CalendarFeed.objects.get(user=person).last_used_at == first_use
    CalendarFeed.objects.filter(user=person).update(last_used_at=first_use - timedelta(hours=2))
    calendar_feed_user(token)
    assert CalendarFeed.objects.get(user=person).last_used_at > first_use


def test_personal_feed_runs_the_same_queries_with_1_and_20_events(
    client, django_assert_num_queries
):
    person = UserFactory()
    registration_register(event=EventFactory(), user=person)
    token = calendar_feed_create(user=person)
    CalendarFeed.objects.update(last_used_at=timezone.now())
    with django_assert_num_queries(2):
        one = client.get(_personal_url(token))
    for _n in range(19):
        registration_register(event=EventFactory(time_zone="America/Mexico_City"), user=person)
    with django_assert_num_queries(2):
        twenty = client.get(_personal_url(token))
    assert len(_vevents(one.content)) == 1
    assert len(_vevents(twenty.content)) == 20


# --- The page of the personal address -------------------------------------------------------


def test_my_calendar_makes_an_address_shown_once_and_stops_it(client):
    person = UserFactory()
    registration_register(event=EventFactory(), user=person)
    client.force_login(person)
    page = client.get("/events/my-calendar/")
    assert page.status_code == 200
    assert "You have no calendar address." in page.text
    made = client.post("/events/my-calendar/", {"action": "create"})
    assert made.status_code == 200
    feed = CalendarFeed.objects.get(user=person, revoked_at__isnull=True)
    (token,) = [
        part.removesuffix(".ics")
        for part in made.context["feed_url"].split("/")
        if part.endswith(".ics")
    ]
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    https_url = settings.SITE_URL + _personal_url(token)
    webcal_url = "webcal://" + https_url.split("://", 1)[1]
    assert made.context["feed_url"] == https_url
    assert made.context["webcal_url"] == webcal_url
    assert https_url in made.text and webcal_url in made.text
    assert "Keep it secret." in made.text
    assert "no-store" in made["Cache-Control"]
    again = client.get("/events/my-calendar/")
    assert token not in again.text
    assert "Stop this address" in again.text
    assert client.get(_personal_url(token)).status_code == 200
    stopped = client.post("/events/my-calendar/", {"action": "revoke"})
    assert stopped.status_code == 302
    assert stopped["Location"] == "/events/my-calendar/"
    assert client.get(_personal_url(token)).status_code == 404


def test_my_calendar_is_for_approved_members_only(client):
    response = client.get("/events/my-calendar/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse(settings.LOGIN_URL)}?next=/events/my-calendar/"
    client.force_login(PendingUserFactory())
    assert client.get("/events/my-calendar/").status_code == 403
    assert client.post("/events/my-calendar/", {"action": "create"}).status_code == 403
    assert CalendarFeed.objects.count() == 0
