"""The events demo: drawn from the seeds, valid, and the same rows however often it runs."""

from datetime import UTC, datetime

import pytest
from django.db import connection

from accounts import demo as accounts_demo
from cities import demo as cities_demo
from events import demo
from events.models import (
    AgendaItem,
    Event,
    Participation,
    Registration,
    ReportPractice,
    ReportQuote,
    SessionReport,
    Speaker,
)
from newsfeed.models import NewsItem

pytestmark = pytest.mark.django_db

MODELS = [Event, AgendaItem, Speaker, Participation, SessionReport, ReportQuote, ReportPractice,
          Registration, NewsItem]  # fmt: skip


@pytest.fixture
def loaded():
    accounts_demo.load()
    cities_demo.load()
    demo.load()


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_demo_loaded_twice_gives_the_same_rows(loaded):
    before = _counts()
    uids = dict(Event.objects.values_list("slug", "uid"))
    demo.load()
    assert _counts() == before
    assert dict(Event.objects.values_list("slug", "uid")) == uids
    assert before["Registration"] == 0


def test_demo_events_pass_every_rule_of_the_model_and_the_database(loaded):
    for event in Event.objects.all():
        event.full_clean()
    for item in AgendaItem.objects.select_related("event"):
        item.full_clean()
    with connection.cursor() as cursor:
        # The containment triggers are deferred to the commit a test never reaches: run them.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_demo_working_session_of_2022_follows_the_concept_note(loaded):
    session = Event.objects.get(
        slug="advancing-the-global-movement-of-human-rights-cities-and-territories"
    )
    assert session.starts_at == datetime(2022, 2, 23, 10, 30, tzinfo=UTC)
    assert session.ends_at == datetime(2022, 2, 23, 12, tzinfo=UTC)
    assert (session.time_zone, session.format) == ("Europe/Paris", "online")
    assert len(session.guiding_question_list()) == 3
    times = [
        (item.starts_at.astimezone(session.zone).strftime("%H:%M"), item.title)
        for item in session.agenda_items.all()
    ]
    assert times[0] == ("11:30", "Presentation of the campaign")
    assert times[-1] == ("12:55", "Conclusions of the session")
    assert len(times) == 8
    assert session.participations.get(role="moderator").speaker.name == "Amanda Fléty Martínez"


def test_demo_workshop_of_2023_has_a_published_report_with_quotes(loaded):
    workshop = Event.objects.get(slug="whrcf-2023-global-charter-agenda-workshop")
    assert workshop.parent.slug == "whrcf-2023"
    assert workshop.starts_at == datetime(2023, 10, 6, 7, 30, tzinfo=UTC)  # 16:30 in Seoul
    report = workshop.report
    assert report.status == "published"
    assert report.published_at is not None
    assert list(report.quotes.values_list("language", flat=True)) == ["en", "fr", "en", "en", "es"]
    assert sorted(report.practices.values_list("member__slug", flat=True)) == [
        "barcelona", "kisumu-county", "marseille", "municipio-de-juarez", "san-antonio-chile",
    ]  # fmt: skip
    assert workshop.participations.filter(role="panelist").count() == 12


def test_demo_calendar_has_upcoming_events(loaded):
    after = datetime(2026, 11, 26, tzinfo=UTC)
    upcoming = Event.objects.filter(starts_at__gt=after)
    assert sorted(upcoming.values_list("kind", flat=True)) == ["encounter", "meeting", "webinar"]
    meeting = upcoming.get(kind="meeting")
    assert (meeting.visibility, meeting.capacity) == ("members", 2)
    assert meeting.online_link.startswith("https://")


def test_demo_skips_members_that_are_not_there():
    accounts_demo.load()  # no cities demo: no hosts, speakers' members or practices
    demo.load()
    report = Event.objects.get(slug="whrcf-2023-global-charter-agenda-workshop").report
    assert report.quotes.count() == 5
    assert report.practices.count() == 0
    assert not Event.objects.filter(host__isnull=False).exists()
