from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from core.timezones import format_span
from events.models import Event, ReportPractice, ReportQuote, SessionReport
from tests.cities.factories import MemberFactory, focus_area
from tests.conftest import assert_accessible
from tests.events.factories import AgendaItemFactory, EventFactory, SpeakerFactory, local, role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def events():
    """A forum in three weeks (9:30 in Paris) with an agenda, speakers, two sessions and a
    report; a members-only meeting; a cancelled webinar."""
    day = (timezone.now() + timedelta(days=21)).astimezone(Event(time_zone="Europe/Paris").zone)
    host = MemberFactory(name="Gwangju", slug="gwangju", country="KR")
    forum = EventFactory(
        title="World Human Rights Cities Forum",
        slug="whrcf",
        kind=Event.Kind.FORUM,
        format=Event.Format.HYBRID,
        starts_at=local(day.year, day.month, day.day, 9, 30),
        ends_at=local(day.year, day.month, day.day, 18) + timedelta(days=1),
        venue="Kimdaejung Convention Center",
        city="Gwangju",
        latitude="35.14600",
        longitude="126.84000",
        host=host,
        theme="Human rights cities in a changing climate",
        description="The yearly forum of the community: **practices**, commitments, partners.",
        guiding_questions="How do cities protect the right to housing?\nWho is left out?",
    )
    forum.focus_areas.set([focus_area("housing")])
    opening = AgendaItemFactory(
        event=forum, title="Opening", starts_at=forum.starts_at,
        ends_at=forum.starts_at + timedelta(minutes=45),
    )  # fmt: skip
    role(forum, SpeakerFactory(name="Ana Moderator", member=host), role="moderator")
    role(forum, SpeakerFactory(name="Kim Speaker"), agenda_item=opening)
    for n, offset in enumerate([timedelta(hours=4), timedelta(days=1, hours=1)]):
        starts = forum.starts_at + offset
        session = EventFactory(
            title=f"Working session {n + 1}: housing", slug=f"session-{n + 1}",
            kind=Event.Kind.SESSION, parent=forum, starts_at=starts,
            ends_at=starts + timedelta(hours=2),
        )  # fmt: skip
        item = AgendaItemFactory(
            event=session, title="Panel", starts_at=starts, ends_at=starts + timedelta(hours=1)
        )
        role(session, SpeakerFactory(name=f"Panelist {n + 1}"), role="panelist", agenda_item=item)
    report = SessionReport.objects.create(
        event=forum, status=SessionReport.Status.PUBLISHED, published_at=timezone.now(),
        aim="To share practices.", key_messages="Housing is a **right**.",
        take_forward="Meet again next year.",
    )  # fmt: skip
    ReportQuote.objects.create(
        report=report, text="La ville est à nous.", said_by="A mayor", language="fr"
    )
    ReportPractice.objects.create(report=report, member=host, text="A housing observatory.")
    EventFactory(title="Members' meeting", visibility="members")
    EventFactory(
        title="Webinar on the Charter", status=Event.Status.CANCELLED,
        cancelled_at=timezone.now(),
    )  # fmt: skip
    return forum


def _month_path(event) -> str:
    start = event.starts_at.astimezone(event.zone)
    return f"/events/month/{start.year}/{start.month}/"


def test_a_visitor_in_seoul_sees_both_times_after_the_first_page(chromium, live_server, events):
    context = chromium.new_context(
        base_url=live_server.url, locale="en-GB", timezone_id="Asia/Seoul",
        viewport={"width": 1280, "height": 900},
    )  # fmt: skip
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        page.goto("/events/")
        assert {"name": "tz", "value": "Asia/Seoul"}.items() <= next(
            cookie for cookie in context.cookies() if cookie["name"] == "tz"
        ).items()
        page.goto("/events/whrcf/")
        times = page.locator(".event-facts .event-when")
        with translation.override("en"):  # the page is in English (en-GB browser)
            seoul = format_span(events.starts_at, events.ends_at, ZoneInfo("Asia/Seoul"))
            paris = format_span(events.starts_at, events.ends_at, events.zone)
        expect(times.locator(".time-own")).to_have_text(paris)
        expect(times.locator(".time-yours")).to_have_text(f"Your time (Asia/Seoul): {seoul}")
        assert "9:30" in times.locator(".time-own").inner_text()
        assert_accessible(page, screenshot="event-detail-seoul")
    finally:
        context.close()


def test_event_pages_pass_axe_on_a_desktop(page, events):
    page.goto("/events/")
    assert page.get_by_role("heading", level=1).inner_text() == "Events"
    assert page.locator(".event-list h3").all_inner_texts() == [
        "Webinar on the Charter Cancelled", "World Human Rights Cities Forum",
        "Working session 1: housing", "Working session 2: housing",
    ]  # fmt: skip
    assert_accessible(page, screenshot="events-list")

    page.goto(_month_path(events))
    expect(page.locator("table.month-grid caption")).to_contain_text("events")
    assert page.locator("table.month-grid thead th").count() == 7
    expect(page.get_by_role("link", name="World Human Rights Cities Forum")).to_be_visible()
    assert_accessible(page, screenshot="events-month")

    page.get_by_role("link", name="World Human Rights Cities Forum").click()
    page.wait_for_url("**/events/whrcf/")
    assert page.get_by_role("heading", level=1).inner_text() == "World Human Rights Cities Forum"
    # What to do comes right after the facts (beside them on a wide screen), then the rest.
    assert page.get_by_role("heading", level=2).all_inner_texts() == [
        "Registration", "Online meeting", "In your calendar", "Documents", "About this event",
        "Guiding questions", "Agenda", "Who takes part", "Programme", "Session report",
    ]  # fmt: skip
    assert_accessible(page, screenshot="event-detail")

    page.goto("/events/?from=2030-03-10&to=2030-03-01")
    expect(page.locator(".errorlist")).to_have_text("The end of the period comes before its start.")
    assert_accessible(page, screenshot="events-list-error")


def test_event_pages_work_on_a_phone(phone_page, events):
    phone_page.goto("/events/")
    assert_accessible(phone_page, screenshot="events-list-phone")
    phone_page.goto(_month_path(events))
    # Under 40em the grid is a list of the days that have events: no empty day shows.
    assert not phone_page.locator("td.day-empty").first.is_visible()
    expect(phone_page.get_by_role("link", name="World Human Rights Cities Forum")).to_be_visible()
    assert_accessible(phone_page, screenshot="events-month-phone")
    phone_page.goto("/events/whrcf/")
    # Nothing wider than the screen.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(phone_page, screenshot="event-detail-phone")


def test_a_member_registers_sees_the_online_link_and_downloads_the_ics(browser_context):
    from tests.accounts.factories import UserFactory
    from tests.conftest import sign_in

    starts = timezone.now() + timedelta(minutes=30)  # the link shows from an hour before
    event = EventFactory(
        title="Focal points' working session", slug="focal-points-session",
        starts_at=starts, ends_at=starts + timedelta(hours=2), capacity=10,
        online_link="https://meet.example.org/focal-points",
    )  # fmt: skip
    sign_in(browser_context, UserFactory(name="Amara Diallo"))
    page = browser_context.new_page()
    page.goto(event.get_absolute_url())
    expect(page.get_by_role("link", name="Join the online meeting")).to_have_count(0)
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("You are registered.", exact=True)).to_be_visible()
    link = page.get_by_role("link", name="Join the online meeting")
    expect(link).to_have_attribute("href", "https://meet.example.org/focal-points")
    assert_accessible(page, screenshot="event-registered")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download this event (.ics)").click()
    ics = open(download_info.value.path(), encoding="utf-8").read()  # noqa: SIM115
    assert f"UID:{event.uid}" in ics and "meet.example.org" not in ics
    assert Event.objects.get(pk=event.pk).registrations.get().status == "registered"
