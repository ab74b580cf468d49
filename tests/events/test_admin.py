"""The secretariat's events admin: adding with an agenda, refusals as messages, the actions."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.exports import attendee_rows
from events.models import AgendaItem, Event, Participation, Registration, SessionReport
from events.services import registration_register
from newsfeed.models import NewsItem
from tests.accounts.factories import SecretariatFactory, UserFactory, enrol_totp
from tests.cities.factories import AffiliationFactory, MemberFactory
from tests.events.factories import AgendaItemFactory, EventFactory, SpeakerFactory, role

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/events/event/"
HOUR = timedelta(hours=1)


@pytest.fixture
def secretariat_client(client):
    staff = SecretariatFactory()
    enrol_totp(staff)
    client.force_login(staff)
    return client


def _management(prefix: str, total: int = 0, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _event_form(**overrides) -> dict:
    """The add form of a webinar on 4 March 2030, 11:30–13:00 in Paris, with one agenda item."""
    data = {
        "title": "Housing as a human right",
        "slug": "housing-as-a-human-right",
        "kind": "webinar",
        "parent": "",
        "language": "en",
        "time_zone": "Europe/Paris",
        "starts_at_0": "2030-03-04",
        "starts_at_1": "11:30:00",
        "ends_at_0": "2030-03-04",
        "ends_at_1": "13:00:00",
        "format": "online",
        "venue": "",
        "city": "",
        "host": "",
        "latitude": "",
        "longitude": "",
        "online_link": "https://meet.example.org/housing",
        "visibility": "public",
        "registration_enabled": "on",
        "capacity": "",
        "registration_opens_at_0": "",
        "registration_opens_at_1": "",
        "registration_closes_at_0": "",
        "registration_closes_at_1": "",
        "theme": "",
        "description": "",
        "guiding_questions": "",
        **_management("agenda_items", total=1),
        "agenda_items-0-starts_at_0": "2030-03-04",
        "agenda_items-0-starts_at_1": "11:30:00",
        "agenda_items-0-ends_at_0": "2030-03-04",
        "agenda_items-0-ends_at_1": "11:45:00",
        "agenda_items-0-title": "Presentation of the campaign",
        "agenda_items-0-description": "",
        "agenda_items-0-order": "1",
        **_management("participations"),
    }
    data.update(overrides)
    return data


def _action(client, action: str, *events):
    return client.post(
        CHANGELIST, {"action": action, "_selected_action": [event.pk for event in events]}
    )


def test_admin_adds_an_event_with_its_agenda_in_the_event_time_zone(secretariat_client):
    from tests.cities.factories import focus_area

    housing = focus_area("housing")
    response = secretariat_client.post(
        reverse("admin:events_event_add"), {**_event_form(), "focus_areas": [housing.pk]}
    )
    assert response.status_code == 302
    event = Event.objects.get(slug="housing-as-a-human-right")
    # 11:30 in Paris (winter time), whatever the secretariat's own zone (UTC here).
    assert event.starts_at == datetime(2030, 3, 4, 10, 30, tzinfo=UTC)
    assert event.ends_at == datetime(2030, 3, 4, 12, tzinfo=UTC)
    assert event.sequence == 0
    assert event.uid.endswith("@hrcities")
    assert list(event.agenda_items.values_list("title", "starts_at")) == [
        ("Presentation of the campaign", datetime(2030, 3, 4, 10, 30, tzinfo=UTC))
    ]
    news = NewsItem.objects.get(object_id=event.pk, kind="event")
    assert list(news.focus_areas.all()) == [housing]


def test_admin_refuses_an_agenda_item_outside_the_event_and_stores_nothing(secretariat_client):
    response = secretariat_client.post(
        reverse("admin:events_event_add"),
        _event_form(**{"agenda_items-0-starts_at_1": "14:00:00",
                       "agenda_items-0-ends_at_1": "14:30:00"}),
    )  # fmt: skip
    assert response.status_code == 200
    assert "An agenda item takes place within its event&#x27;s times." in response.content.decode()
    assert Event.objects.count() == 0
    assert AgendaItem.objects.count() == 0


def test_admin_refuses_an_unknown_time_zone_with_a_message(secretariat_client):
    # "Europe" is a folder of the tz database: opening it as a zone is an OSError, not a 500.
    response = secretariat_client.post(
        reverse("admin:events_event_add"), _event_form(time_zone="Europe")
    )
    assert response.status_code == 200
    assert "Select a valid choice. Europe is not one of the available choices." in (
        response.content.decode()
    )
    assert Event.objects.count() == 0


def _change_form(event: Event, item: AgendaItem, **overrides) -> dict:
    data = _event_form(
        title=event.title,
        slug=event.slug,
        starts_at_0="2030-03-04",
        starts_at_1="11:30:00",
        **_management("agenda_items", total=1, initial=1),
        **{"agenda_items-0-id": str(item.pk), "agenda_items-0-event": str(event.pk)},
        **_management("registrations"),
    )
    data.update(overrides)
    return data


def test_admin_change_of_time_moves_the_calendar_sequence_and_of_title_does_not(
    secretariat_client,
):
    secretariat_client.post(reverse("admin:events_event_add"), _event_form())
    event = Event.objects.get(slug="housing-as-a-human-right")
    item = event.agenda_items.get()
    url = reverse("admin:events_event_change", args=[event.pk])

    response = secretariat_client.post(url, _change_form(event, item, title="Housing rights"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.title, event.sequence) == ("Housing rights", 0)

    response = secretariat_client.post(
        url, _change_form(event, item, title="Housing rights", ends_at_1="13:30:00")
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.ends_at, event.sequence) == (datetime(2030, 3, 4, 12, 30, tzinfo=UTC), 1)


def test_admin_refuses_to_shorten_an_event_away_from_its_agenda(secretariat_client):
    secretariat_client.post(reverse("admin:events_event_add"), _event_form())
    event = Event.objects.get(slug="housing-as-a-human-right")
    item = event.agenda_items.get()  # 11:30–11:45
    response = secretariat_client.post(
        reverse("admin:events_event_change", args=[event.pk]),
        _change_form(event, item, starts_at_1="12:00:00"),
    )
    assert response.status_code == 200
    assert "An agenda item takes place within its event&#x27;s times." in response.content.decode()
    assert Event.objects.get(pk=event.pk).starts_at == event.starts_at


def test_admin_refuses_to_shrink_a_forum_away_from_its_sessions(secretariat_client):
    forum = EventFactory(kind="forum", slug="forum", title="Forum")  # 2.5 hours
    EventFactory(parent=forum, starts_at=forum.starts_at, ends_at=forum.starts_at + HOUR)
    later = (forum.starts_at + 2 * HOUR).astimezone(forum.zone)
    ends = forum.ends_at.astimezone(forum.zone)
    data = _event_form(
        title="Forum", slug="forum", kind="forum",
        starts_at_0=later.strftime("%Y-%m-%d"), starts_at_1=later.strftime("%H:%M:%S"),
        ends_at_0=ends.strftime("%Y-%m-%d"), ends_at_1=ends.strftime("%H:%M:%S"),
        **_management("agenda_items"), **_management("registrations"),
    )  # fmt: skip
    response = secretariat_client.post(reverse("admin:events_event_change", args=[forum.pk]), data)
    assert response.status_code == 200
    assert "Some of this forum&#x27;s sessions would lie outside its dates." in (
        response.content.decode()
    )
    assert Event.objects.get(pk=forum.pk).starts_at == forum.starts_at


def test_admin_speaker_roles_offer_only_this_event_s_agenda(secretariat_client):
    event = EventFactory()
    AgendaItemFactory(event=event, title="Our own item")
    AgendaItemFactory(title="Another event's item")
    page = secretariat_client.get(reverse("admin:events_event_change", args=[event.pk]))
    body = page.content.decode()
    assert "Our own item" in body
    assert "Another event&#x27;s item" not in body


def test_admin_forum_picker_offers_forums_only(secretariat_client):
    EventFactory(kind="forum", title="Forum 2030")
    EventFactory(kind="webinar", title="Webinar 2030")
    response = secretariat_client.get(
        "/admin/autocomplete/",
        {"app_label": "events", "model_name": "event", "field_name": "parent", "term": "2030"},
    )
    assert [result["text"] for result in response.json()["results"]] == ["Forum 2030"]


def test_cancel_action_cancels_and_tells_the_registrant(
    secretariat_client, django_capture_on_commit_callbacks
):
    event = EventFactory()
    person = UserFactory()
    registration_register(event=event, user=person)  # its e-mail waits for a commit: none here
    with django_capture_on_commit_callbacks(execute=True):
        response = _action(secretariat_client, "cancel_selected", event)
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.status, event.sequence) == ("cancelled", 1)
    assert [message.to for message in mail.outbox] == [[person.email]]
    assert mail.outbox[0].subject == f"Cancelled: {event.title}"


def test_duplicate_action_copies_the_agenda_under_a_new_uid(secretariat_client):
    event = EventFactory(title="Working session")
    first = AgendaItemFactory(event=event, title="Presentation")
    AgendaItemFactory(event=event, title="Open discussion")
    role(event, SpeakerFactory(name="Amanda"), role="moderator")
    role(event, SpeakerFactory(name="Hans"), agenda_item=first)
    registration_register(event=event, user=UserFactory())

    response = _action(secretariat_client, "duplicate_selected", event)
    assert response.status_code == 302
    copy = Event.objects.exclude(pk=event.pk).get()
    assert copy.uid != event.uid
    assert copy.slug != event.slug
    assert list(copy.agenda_items.values_list("title", "starts_at")) == list(
        event.agenda_items.values_list("title", "starts_at")
    )
    assert sorted(
        Participation.objects.filter(event=copy).values_list(
            "speaker__name", "role", "agenda_item__title"
        )
    ) == [("Amanda", "moderator", None), ("Hans", "speaker", "Presentation")]
    assert not Registration.objects.filter(event=copy).exists()


def test_attendees_csv_lists_registrants_and_neutralises_formulas(secretariat_client):
    event = EventFactory(title="Working session", capacity=1)
    other = EventFactory(title="Another session")
    member = MemberFactory(name="Grigny")
    first = AffiliationFactory(member=member, user=UserFactory(name="Elsa Touré")).user
    second = UserFactory(name='=HYPERLINK("https://evil.example","click")')
    gone = UserFactory(name="Gone")
    for person in (first, second, gone):
        registration_register(event=event, user=person)
    registration_register(event=other, user=UserFactory(name="Elsewhere"))
    Registration.objects.filter(user=gone).update(status="cancelled", cancelled_at=event.starts_at)

    response = _action(secretariat_client, "export_attendees", event)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    joined = {
        r.user_id: r.joined_at.astimezone(UTC).isoformat(timespec="minutes")
        for r in Registration.objects.filter(event=event)
    }
    assert rows == [
        ["event", "name", "email", "status", "joined_at", "member"],
        ["Working session", "Elsa Touré", first.email, "Registered", joined[first.pk], "Grigny"],
        ["Working session", "'" + second.name, second.email, "On the waiting list",
         joined[second.pk], ""],
    ]  # fmt: skip


def test_attendee_rows_take_one_query_for_any_number_of_events(django_assert_num_queries):
    events = [EventFactory() for _ in range(3)]
    for event in events:
        for _ in range(2):
            registration_register(event=event, user=AffiliationFactory().user)
    with django_assert_num_queries(1):
        rows = attendee_rows(Event.objects.filter(pk__in=[event.pk for event in events]))
    assert len(rows) == 6


def _changelist_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    return len(queries)


def test_event_list_query_count_does_not_grow_with_events(secretariat_client):
    registration_register(event=EventFactory(), user=UserFactory())
    one = _changelist_queries(secretariat_client)
    for _ in range(4):
        event = EventFactory(host=MemberFactory())
        registration_register(event=event, user=UserFactory())
        registration_register(event=event, user=UserFactory())
    assert _changelist_queries(secretariat_client) == one


def test_event_list_shows_times_in_the_event_zone_and_registrations(secretariat_client):
    event = EventFactory(
        title="Workshop", time_zone="Asia/Seoul", capacity=1,
        starts_at=datetime(2030, 10, 6, 7, 30, tzinfo=UTC),
        ends_at=datetime(2030, 10, 6, 10, tzinfo=UTC),
    )  # fmt: skip
    for _ in range(3):
        registration_register(event=event, user=UserFactory())
    body = secretariat_client.get(CHANGELIST).content.decode()
    assert "Sun 6 Oct 2030, 16:30–19:00 KST" in body
    assert "1 (+2 waiting)" in body


def test_a_member_who_is_not_staff_gets_no_admin_page(client):
    EventFactory(title="Members-only planning")
    client.force_login(UserFactory())
    for url in (CHANGELIST, reverse("admin:events_event_add"), "/admin/events/sessionreport/"):
        response = client.get(url)
        assert response.status_code == 403
        assert "Members-only planning" not in response.content.decode()
    response = _action(client, "export_attendees", Event.objects.get())
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")


def test_admin_writes_a_report_with_quotes_and_publishes_it(secretariat_client):
    event = EventFactory(title="Workshop on the Charter-Agenda")
    response = secretariat_client.post(
        reverse("admin:events_sessionreport_add"),
        {
            "event": event.pk, "aim": "Review the rights of the new structure.",
            "relation_to_theme": "", "key_messages": "", "commitments": "", "take_forward": "",
            **_management("quotes", total=1),
            "quotes-0-text": "Everybody should be an active participant.",
            "quotes-0-said_by": "Gyonggu Shin", "quotes-0-language": "en", "quotes-0-order": "1",
            **_management("practices"),
        },
    )  # fmt: skip
    assert response.status_code == 302
    report = SessionReport.objects.get(event=event)
    assert (report.status, report.aim) == ("draft", "Review the rights of the new structure.")
    assert report.written_by.is_staff
    assert list(report.quotes.values_list("said_by", "language")) == [("Gyonggu Shin", "en")]

    response = secretariat_client.post(
        "/admin/events/sessionreport/",
        {"action": "publish_selected", "_selected_action": [report.pk]},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "published"
    assert NewsItem.objects.get(kind="session_report").title == (
        "Report: Workshop on the Charter-Agenda"
    )


def test_admin_pages_of_events_open_for_the_secretariat(secretariat_client):
    event = EventFactory()
    AgendaItemFactory(event=event)
    role(event, SpeakerFactory(member=MemberFactory()), role="moderator")
    registration_register(event=event, user=UserFactory())
    report = SessionReport.objects.create(event=event, aim="Aim")
    urls = [
        reverse("admin:events_event_change", args=[event.pk]),
        reverse("admin:events_event_add"),
        reverse("admin:events_sessionreport_change", args=[report.pk]),
        "/admin/events/sessionreport/",
        "/admin/events/speaker/",
        "/admin/events/registration/",
        "/admin/events/registration/?q=example.org",
    ]
    for url in urls:
        assert secretariat_client.get(url).status_code == 200, url
