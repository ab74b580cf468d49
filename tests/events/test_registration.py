"""Registration: places, the waiting list, promotion, and what is refused (events/services.py)."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from events.models import Registration
from events.services import event_cancel, registration_cancel, registration_register
from tests.accounts.factories import PendingUserFactory, SecretariatFactory, UserFactory
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db


def _statuses(event):
    return dict(Registration.objects.filter(event=event).values_list("user__email", "status"))


def test_the_third_person_waits_and_a_cancellation_gives_them_the_place(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(capacity=2)
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        for person in (first, second, third):
            registration_register(event=event, user=person)
    assert _statuses(event) == {first.email: "registered", second.email: "registered",
                                third.email: "waiting"}  # fmt: skip
    assert mail.outbox[-1].to == [third.email]
    assert "waiting list" in mail.outbox[-1].subject.lower()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(event=event, user=first)
    assert _statuses(event) == {first.email: "cancelled", second.email: "registered",
                                third.email: "registered"}  # fmt: skip
    assert [message.to for message in mail.outbox] == [[third.email]]
    assert mail.outbox[0].subject == f"A place is yours: {event.title}"
    ics = mail.outbox[0].attachments[0]
    assert ics[0] == f"{event.slug}.ics" and ics[2] == "text/calendar"
    assert event.uid in ics[1]


def test_the_waiting_list_is_first_come_first_served():
    event = EventFactory(capacity=1)
    holder = UserFactory()
    registration_register(event=event, user=holder)
    early, late = UserFactory(), UserFactory()
    registration_register(event=event, user=early)
    registration_register(event=event, user=late)
    registration_cancel(event=event, user=holder)
    assert _statuses(event)[early.email] == "registered"
    assert _statuses(event)[late.email] == "waiting"


def test_registering_twice_keeps_one_registration():
    event = EventFactory()
    person = UserFactory()
    first = registration_register(event=event, user=person)
    again = registration_register(event=event, user=person)
    assert first.pk == again.pk
    assert Registration.objects.filter(event=event).count() == 1


def test_who_cancels_and_comes_back_joins_at_the_end_of_the_queue():
    event = EventFactory(capacity=1)
    holder, waiting = UserFactory(), UserFactory()
    registration_register(event=event, user=holder)
    registration_register(event=event, user=waiting)
    registration_cancel(event=event, user=holder)
    assert registration_register(event=event, user=holder).status == "waiting"


@pytest.mark.django_db(transaction=True)
def test_two_people_racing_for_the_last_place_never_both_get_it():
    event = EventFactory(capacity=1)
    people = [UserFactory() for _ in range(6)]
    errors = []

    def register(person):
        try:
            registration_register(event=event, user=person)
        except Exception as error:  # noqa: BLE001 - the test reports any failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = sorted(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses == ["registered"] + ["waiting"] * 5


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"registration_opens_at": timezone.now() + timedelta(days=1)}, "Registration opens on"),
        ({"registration_closes_at": timezone.now() - timedelta(minutes=1),
          "registration_opens_at": timezone.now() - timedelta(days=3)}, "Registration is closed."),
        ({"registration_enabled": False}, "This event takes no registrations."),
    ],
)  # fmt: skip
def test_registration_outside_its_window_is_refused_and_nothing_is_stored(change, message):
    event = EventFactory(**change)
    with pytest.raises(ValidationError) as error:
        registration_register(event=event, user=UserFactory())
    assert error.value.messages[0].startswith(message)
    assert not Registration.objects.exists()


def test_a_started_event_takes_no_registration():
    event = EventFactory(
        starts_at=timezone.now() - timedelta(minutes=5), ends_at=timezone.now() + timedelta(hours=1)
    )
    with pytest.raises(ValidationError) as error:
        registration_register(event=event, user=UserFactory())
    assert error.value.messages == ["Registration is closed."]


def test_a_cancelled_event_takes_no_registration():
    event = event_cancel(event=EventFactory(), by=SecretariatFactory())
    with pytest.raises(ValidationError) as error:
        registration_register(event=event, user=UserFactory())
    assert error.value.messages == ["This event is cancelled."]
    assert not Registration.objects.exists()


@pytest.mark.parametrize("make", [PendingUserFactory, None])
def test_visitors_and_pending_accounts_cannot_register(make):
    from django.contrib.auth.models import AnonymousUser

    person = make() if make else AnonymousUser()
    with pytest.raises(PermissionDenied):
        registration_register(event=EventFactory(), user=person)
    assert not Registration.objects.exists()


def test_members_only_event_is_registered_by_members(client):
    event = EventFactory(visibility="members")
    assert registration_register(event=event, user=UserFactory()).status == "registered"


def test_cancelling_an_event_tells_everyone_registered_or_waiting(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(capacity=1)
    holder, waiting, gone = UserFactory(), UserFactory(), UserFactory()
    for person in (holder, waiting, gone):
        registration_register(event=event, user=person)
    registration_cancel(event=event, user=gone)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event = event_cancel(event=event, by=SecretariatFactory())
    assert (event.status, event.sequence) == ("cancelled", 1)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([holder.email, waiting.email])
    assert "STATUS:CANCELLED" in mail.outbox[0].attachments[0][1]
