"""The events pages: list, month calendar and one event (events/views.py)."""

import html as html_lib
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from events import selectors
from events.models import Event, Registration, ReportPractice, ReportQuote, SessionReport
from tests.accounts.factories import PendingUserFactory, UserFactory
from tests.cities.factories import MemberFactory, focus_area
from tests.events.factories import AgendaItemFactory, EventFactory, SpeakerFactory, local, role

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.org/hrc-session"


def _text(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", html, flags=re.S)
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip())


def _titles(response) -> list[str]:
    return [event.title for event in response.context["page"].object_list]


def _day(days: int) -> tuple[int, int, int]:
    """A date ``days`` from today, in Paris (the events' zone)."""
    day = (timezone.now() + timedelta(days=days)).astimezone(Event(time_zone="Europe/Paris").zone)
    return day.year, day.month, day.day


def _cancelled(**fields) -> Event:
    return EventFactory(status=Event.Status.CANCELLED, cancelled_at=timezone.now(), **fields)


def _forum(*, sessions: int) -> Event:
    """A three-day forum with an agenda, speakers, ``sessions`` sessions each with its own
    agenda and speaker, and a published report."""
    year, month, day = _day(40)
    host = MemberFactory(name="Gwangju", slug="gwangju")
    forum = EventFactory(
        title="World Human Rights Cities Forum",
        slug="whrcf",
        kind=Event.Kind.FORUM,
        format=Event.Format.HYBRID,
        time_zone="Europe/Paris",
        starts_at=local(year, month, day, 9),
        ends_at=local(year, month, day, 18) + timedelta(days=2),
        venue="Kimdaejung Convention Center",
        city="Gwangju",
        latitude="35.14600",
        longitude="126.84000",
        host=host,
        theme="Human rights cities in a changing climate",
        description="The **forum** of the community.",
        guiding_questions="How do cities protect housing?\n- Who is left out?",
    )
    forum.focus_areas.set([focus_area("housing")])
    opening = AgendaItemFactory(
        event=forum,
        title="Opening",
        starts_at=forum.starts_at,
        ends_at=forum.starts_at + timedelta(minutes=30),
    )
    role(forum, SpeakerFactory(name="Ana Moderator", member=host), role="moderator")
    role(forum, SpeakerFactory(name="Kim Speaker"), agenda_item=opening)
    role(forum, SpeakerFactory(name="Raj Rapporteur"), role="rapporteur")
    for n in range(sessions):
        starts = forum.starts_at + timedelta(days=n % 3, hours=4)
        session = EventFactory(
            title=f"Session {n}",
            slug=f"session-{n}",
            kind=Event.Kind.SESSION,
            parent=forum,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
        )
        item = AgendaItemFactory(
            event=session,
            title=f"Panel {n}",
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
        )
        role(session, SpeakerFactory(name=f"Panelist {n}"), role="panelist", agenda_item=item)
    report = SessionReport.objects.create(
        event=forum,
        status=SessionReport.Status.PUBLISHED,
        published_at=timezone.now(),
        aim="To share practices.",
        key_messages="Housing is a **right**.",
        take_forward="Meet again next year.",
    )
    ReportQuote.objects.create(
        report=report, text="La ville est à nous.", said_by="A mayor", language="fr"
    )
    ReportPractice.objects.create(report=report, member=host, text="A housing observatory.")
    return forum


# --- query counts -------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 50])
def test_event_list_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    host = MemberFactory()
    for n in range(count):
        event = EventFactory(title=f"Event {n}", host=host)
        event.focus_areas.set([focus_area("housing"), focus_area("health")])
    # count, the page of events with host and forum, their focus areas; the form's focus areas.
    with django_assert_num_queries(4):
        response = client.get("/events/")
    assert len(response.context["page"].object_list) == min(count, 20)


@pytest.mark.parametrize("count", [1, 50])
def test_event_month_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    year, month, _day_ = _day(0)
    for n in range(count):
        EventFactory(
            title=f"Event {n}",
            starts_at=local(year, month, 1 + n % 28, 10),
            ends_at=local(year, month, 1 + n % 28, 11),
            host=MemberFactory(),
        )
    # The month's events with their hosts.
    with django_assert_num_queries(1):
        response = client.get(f"/events/month/{year}/{month}/")
    assert response.context["event_count"] == count


@pytest.mark.parametrize("sessions", [1, 50])
def test_event_detail_runs_a_fixed_number_of_queries(client, django_assert_num_queries, sessions):
    _forum(sessions=sessions)
    # The event with host, forum and report; focus areas; agenda; its speakers; all roles;
    # sessions; their agendas; their speakers; the report's quotes; its practices.
    with django_assert_num_queries(10):
        response = client.get("/events/whrcf/")
    text = _text(response)
    assert f"Session {sessions - 1}" in text
    assert f"Panelist {sessions - 1}" in text


@pytest.mark.parametrize("sessions", [1, 50])
def test_event_detail_queries_for_a_signed_in_member_are_fixed(
    client, django_assert_num_queries, sessions
):
    _forum(sessions=sessions)
    client.force_login(UserFactory())
    client.get("/events/whrcf/")  # the session's first read
    # Session and user; the ten reads of the page; the registration; has_perm asks whether
    # the person holds a place and whether they report on the session.
    with django_assert_num_queries(15):
        client.get("/events/whrcf/")


# --- the list -----------------------------------------------------------------------------


def test_event_list_shows_upcoming_soonest_first_and_past_latest_first(client):
    EventFactory(
        title="Next week",
        starts_at=timezone.now() + timedelta(days=7),
        ends_at=timezone.now() + timedelta(days=7, hours=2),
    )
    EventFactory(
        title="Tomorrow",
        starts_at=timezone.now() + timedelta(days=1),
        ends_at=timezone.now() + timedelta(days=1, hours=2),
    )
    EventFactory(
        title="Last year",
        starts_at=timezone.now() - timedelta(days=365),
        ends_at=timezone.now() - timedelta(days=365) + timedelta(hours=2),
    )
    EventFactory(title="Last month", starts_at=timezone.now() - timedelta(days=30),
                 ends_at=timezone.now() - timedelta(days=30) + timedelta(hours=2))  # fmt: skip
    assert _titles(client.get("/events/")) == ["Tomorrow", "Next week"]
    response = client.get("/events/?when=past")
    assert _titles(response) == ["Last month", "Last year"]
    assert "2 past events" in _text(response)


def test_event_list_is_paginated_twenty_a_page(client):
    for n in range(25):
        EventFactory(title=f"Event {n:02}")
    assert len(_titles(client.get("/events/"))) == 20
    assert _titles(client.get("/events/?page=2")) == [f"Event {n:02}" for n in range(20, 25)]


def test_event_list_marks_cancelled_events(client):
    _cancelled(title="Called off")
    response = client.get("/events/")
    assert _titles(response) == ["Called off"]
    assert "Called off Cancelled" in _text(response)


def test_event_list_filters_by_kind_format_and_focus_area(client):
    workshop = EventFactory(
        title="Workshop", kind=Event.Kind.WORKSHOP, format=Event.Format.IN_PERSON
    )
    workshop.focus_areas.set([focus_area("housing"), focus_area("health")])
    EventFactory(title="Webinar", kind=Event.Kind.WEBINAR)
    assert _titles(client.get("/events/?kind=workshop")) == ["Workshop"]
    assert _titles(client.get("/events/?format=online")) == ["Webinar"]
    # Two matching focus areas on one event: listed once.
    assert _titles(client.get("/events/?focus_area=housing")) == ["Workshop"]


def test_event_list_filters_by_member_hosting_or_speaking(client):
    gwangju = MemberFactory(name="Gwangju", slug="gwangju")
    EventFactory(title="Hosted", host=gwangju)
    spoken = EventFactory(title="Spoken")
    speaker = SpeakerFactory(member=gwangju)
    role(spoken, speaker, role="moderator")
    role(spoken, speaker, role="speaker")  # two roles: still listed once
    EventFactory(title="Other")
    response = client.get("/events/?member=gwangju")
    assert _titles(response) == ["Hosted", "Spoken"]
    assert "Events hosted by Gwangju or where its people speak." in _text(response)


def test_event_list_filters_by_a_date_range_in_the_viewer_zone(client):
    year, month, day = _day(20)
    EventFactory(
        title="In range", starts_at=local(year, month, day, 10), ends_at=local(year, month, day, 12)
    )
    EventFactory(title="Later", starts_at=local(year, month, day, 10) + timedelta(days=5),
                 ends_at=local(year, month, day, 12) + timedelta(days=5))  # fmt: skip
    first = f"{year}-{month:02}-{day:02}"
    response = client.get(f"/events/?from={first}&to={first}")
    assert _titles(response) == ["In range"]
    assert "1 event in these dates" in _text(response)
    # The tabs leave the period behind.
    assert 'href="?when=past"' in response.content.decode()


def test_event_list_reversed_date_range_is_a_form_error(client):
    EventFactory(title="Anything")
    response = client.get("/events/?from=2026-03-10&to=2026-03-01")
    assert response.status_code == 200
    assert _titles(response) == []
    assert response.context["filterset"].form.errors == {
        "to": ["The end of the period comes before its start."]
    }
    assert "The end of the period comes before its start." in _text(response)


@pytest.mark.parametrize(
    "query",
    [
        "from=not-a-date",
        "to=2026-02-30",
        "from=9999-12-31",
        "to=0001-01-01",
        "kind=party",
        "member=nobody",
        "focus_area=unknown",
        "page=999",
        "when=yesterday",
    ],
)
def test_event_list_bad_input_is_never_a_500(client, query):
    EventFactory(title="Anything")
    response = client.get(f"/events/?{query}")
    assert response.status_code == 200


def test_event_list_unknown_values_say_so(client):
    EventFactory(title="Anything")
    response = client.get("/events/?from=9999-12-31")
    assert _titles(response) == []
    assert "Choose a date between the years 1900 and 2999." in _text(response)


# --- visibility ---------------------------------------------------------------------------


def _members_only():
    year, month, day = _day(3)
    return EventFactory(
        title="Members' meeting",
        slug="members-meeting",
        visibility="members",
        starts_at=local(year, month, day, 10),
        ends_at=local(year, month, day, 12),
    )


@pytest.mark.parametrize("who", ["visitor", "pending"])
def test_members_only_events_never_reach_visitors_or_pending_users(client, who):
    event = _members_only()
    EventFactory(title="Open forum")
    if who == "pending":
        client.force_login(PendingUserFactory())
    assert _titles(client.get("/events/")) == ["Open forum"]
    local_start = event.starts_at.astimezone(event.zone)
    month = client.get(f"/events/month/{local_start.year}/{local_start.month}/")
    assert "Members' meeting" not in _text(month)
    detail = client.get("/events/members-meeting/")
    assert detail.status_code == 404
    assert "Members' meeting" not in _text(detail)


def test_members_only_events_reach_members(client):
    event = _members_only()
    client.force_login(UserFactory())
    assert _titles(client.get("/events/")) == ["Members' meeting"]
    local_start = event.starts_at.astimezone(event.zone)
    month = client.get(f"/events/month/{local_start.year}/{local_start.month}/")
    assert "Members' meeting" in _text(month)
    detail = client.get("/events/members-meeting/")
    assert detail.status_code == 200
    assert "Members' meeting Webinar · Online · Members only" in _text(detail)


def test_event_detail_unknown_slug_is_the_site_404(client):
    response = client.get("/events/no-such-event/")
    assert response.status_code == 404
    assert "Page not found" in _text(response)


# --- the online link ----------------------------------------------------------------------


def _starting_in(delta: timedelta, **fields) -> Event:
    starts = timezone.now() + delta
    return EventFactory(
        slug="webinar", starts_at=starts, ends_at=starts + timedelta(hours=2), **fields
    )


def test_online_link_shows_to_a_registered_member_within_the_hour(client):
    event = _starting_in(timedelta(minutes=30))
    member = UserFactory()
    Registration.objects.create(event=event, user=member, status=Registration.Status.REGISTERED)
    client.force_login(member)
    response = client.get("/events/webinar/")
    assert response.context["link_open"] is True
    assert f'href="{LINK}"' in response.content.decode()
    assert "You are registered." in _text(response)


def test_online_link_waits_until_an_hour_before_the_start(client):
    event = _starting_in(timedelta(hours=3))
    member = UserFactory()
    Registration.objects.create(event=event, user=member, status=Registration.Status.REGISTERED)
    client.force_login(member)
    response = client.get("/events/webinar/")
    assert LINK not in response.content.decode()
    assert "The link to join appears here from one hour before the start." in _text(response)


@pytest.mark.parametrize("who", ["visitor", "pending", "member", "waiting"])
def test_online_link_never_shows_to_people_without_a_place(client, who):
    event = _starting_in(timedelta(minutes=30))
    if who != "visitor":
        person = PendingUserFactory() if who == "pending" else UserFactory()
        client.force_login(person)
        if who == "waiting":
            Registration.objects.create(
                event=event, user=person, status=Registration.Status.WAITING
            )
    response = client.get("/events/webinar/")
    assert LINK not in response.content.decode()
    assert "Registered members find the link to join here" in _text(response)


def test_online_link_hidden_once_the_event_has_ended(client):
    event = _starting_in(-timedelta(hours=3))
    member = UserFactory()
    Registration.objects.create(event=event, user=member, status=Registration.Status.REGISTERED)
    client.force_login(member)
    response = client.get("/events/webinar/")
    assert LINK not in response.content.decode()
    assert "This event has ended." in _text(response)


# --- registration block -------------------------------------------------------------------


def test_registration_block_tells_visitors_and_pending_users_how_to_join(client):
    EventFactory(slug="open")
    text = _text(client.get("/events/open/"))
    assert "Sign in to register" in text and "Join the community" in text
    client.force_login(PendingUserFactory())
    text = _text(client.get("/events/open/"))
    assert "Once the secretariat has approved your account, you can register here." in text
    assert 'action="/events/open/register/"' not in client.get("/events/open/").content.decode()


def test_registration_block_offers_a_member_to_register_and_to_cancel(client):
    event = EventFactory(slug="open", capacity=30)
    member = UserFactory()
    client.force_login(member)
    html = client.get("/events/open/").content.decode()
    assert 'action="/events/open/register/"' in html
    assert "30 places; a waiting list beyond them." in html
    Registration.objects.create(event=event, user=member, status=Registration.Status.WAITING)
    response = client.get("/events/open/")
    assert response.context["registration"].status == "waiting"
    assert 'action="/events/open/cancel/"' in response.content.decode()
    assert "You are on the waiting list." in _text(response)


# --- month --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/events/month/2026/13/", "/events/month/2026/0/", "/events/month/0/5/",
             "/events/month/99999/1/", "/events/month/2026/abc/"],
)  # fmt: skip
def test_malformed_month_is_the_site_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Page not found" in _text(response)


def test_month_without_a_date_goes_to_this_month_in_the_viewer_zone(client):
    client.force_login(UserFactory(time_zone="Pacific/Kiritimati"))
    today = timezone.now().astimezone(Event(time_zone="Pacific/Kiritimati").zone).date()
    response = client.get("/events/month/")
    assert response.status_code == 302
    assert response["Location"] == f"/events/month/{today.year}/{today.month}/"


def test_month_places_events_on_their_local_start_day_in_the_viewer_zone(client):
    # 20:00 in Paris on 31 January is 4:00 on 1 February in Seoul.
    EventFactory(
        title="Evening in Paris", starts_at=local(2030, 1, 31, 20), ends_at=local(2030, 1, 31, 21)
    )
    client.cookies["tz"] = "Asia/Seoul"
    january, february = client.get("/events/month/2030/1/"), client.get("/events/month/2030/2/")
    assert "Evening in Paris" not in january.content.decode()
    cells = [
        (cell["date"].day, [entry["time"] for entry in cell["entries"]])
        for week in february.context["weeks"]
        for cell in week
        if cell["entries"]
    ]
    assert cells == [(1, ["4:00"])]
    assert "Days and times in your time zone, Asia/Seoul." in _text(february)


def test_month_is_an_accessible_table_with_links_to_the_next_months(client):
    EventFactory(
        title="Spring forum", starts_at=local(2030, 3, 12, 9), ends_at=local(2030, 3, 12, 12)
    )
    _cancelled(title="Called off", starts_at=local(2030, 3, 13, 9), ends_at=local(2030, 3, 13, 12))
    response = client.get("/events/month/2030/3/")
    html = response.content.decode()
    assert "<caption>March 2030: 2 events</caption>" in html
    assert html.count('<th scope="col">') == 7
    assert html.count('<td class="day') - html.count('<td class="day-outside') == 31
    assert 'href="/events/month/2030/2/" rel="prev"' in html
    assert 'href="/events/month/2030/4/" rel="next"' in html
    assert "Called off Cancelled" in _text(response)


def test_month_lists_an_event_under_way_on_its_first_day(client):
    EventFactory(title="Long forum", starts_at=local(2030, 3, 30, 9), ends_at=local(2030, 4, 2, 18))
    response = client.get("/events/month/2030/4/")
    first = next(cell for week in response.context["weeks"] for cell in week if cell["in_month"])
    assert [entry["event"].title for entry in first["entries"]] == ["Long forum"]
    assert first["entries"][0]["continued"] is True


# --- one event ----------------------------------------------------------------------------


def test_event_detail_shows_everything_about_a_forum(client):
    _forum(sessions=2)
    response = client.get("/events/whrcf/")
    html, text = response.content.decode(), _text(response)
    assert response.context["event"].title == "World Human Rights Cities Forum"
    assert "Forum · Hybrid" in text
    assert "Kimdaejung Convention Center, Gwangju" in text
    assert "https://www.openstreetmap.org/?mlat=35.14600&amp;mlon=126.84000" in html
    assert '<a href="/members/gwangju/">Gwangju</a>' in html
    assert "<strong>forum</strong>" in html
    assert "How do cities protect housing?" in text and "Who is left out?" in text
    # The panelists speak in the sessions: they are listed with each session.
    roles = [group["label"] for group in response.context["roles"]]
    assert roles == ["Moderation", "Speakers", "Rapporteurs"]
    assert [len(day["sessions"]) for day in response.context["session_days"]] == [1, 1]
    assert "Opening" in text and "Kim Speaker" in text
    assert "Session report" in text and "Housing is a <strong>right</strong>." in html
    assert '<blockquote lang="fr"><p>La ville est à nous.</p></blockquote>' in html
    assert "A mayor (in French)" in text
    assert '<a href="/members/gwangju/">Gwangju</a>: A housing observatory.' in html
    assert 'href="/library/?event=whrcf"' in html
    assert 'href="/events/whrcf.ics"' in html


def test_event_detail_hides_a_draft_report(client):
    event = EventFactory(slug="draft")
    SessionReport.objects.create(event=event, aim="Not yet.")
    response = client.get("/events/draft/")
    assert response.context["report"] is None
    assert "Not yet." not in _text(response)


def test_cancelled_event_shows_a_clear_banner(client):
    _cancelled(slug="called-off")
    response = client.get("/events/called-off/")
    assert response.status_code == 200
    assert "Cancelled This event will not take place." in _text(response)
    assert 'action="/events/called-off/register/"' not in response.content.decode()


def test_upcoming_events_for_the_home_page_leave_out_cancelled_ones():
    EventFactory(title="Next")
    _cancelled(title="Called off")
    EventFactory(title="Past", starts_at=timezone.now() - timedelta(days=3),
                 ends_at=timezone.now() - timedelta(days=3, hours=-1))  # fmt: skip
    assert [event.title for event in selectors.upcoming_events(user=None)] == ["Next"]


def test_events_of_member_hosted_or_spoken():
    gwangju = MemberFactory()
    hosted = EventFactory(title="Hosted", host=gwangju)
    spoken = EventFactory(title="Spoken")
    role(spoken, SpeakerFactory(member=gwangju))
    EventFactory(title="Other")
    assert set(selectors.events_of_member(member=gwangju, user=None)) == {hosted, spoken}


# --- languages ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "heading", "month"),
    [("fr", "Événements", "mars 2030"), ("es", "Eventos", "marzo de 2030")],
)
def test_pages_speak_french_and_spanish(client, language, heading, month):
    EventFactory(slug="forum", starts_at=local(2030, 3, 12, 9), ends_at=local(2030, 3, 12, 12))
    response = client.get("/events/", headers={"accept-language": language})
    assert f"<h1>{heading}</h1>" in response.content.decode()
    assert f'<html lang="{language}">' in response.content.decode()
    response = client.get("/events/month/2030/3/", headers={"accept-language": language})
    assert month in _text(response)
