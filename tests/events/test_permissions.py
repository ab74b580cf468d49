"""Every permission of events, for every role, both sides (events/rules.py)."""

import pytest

from events.models import Registration
from events.services import event_cancel
from tests.accounts.factories import SecretariatFactory
from tests.cities.factories import MemberFactory
from tests.events.factories import EventFactory, SpeakerFactory, role
from tests.roles import ROLES, allowed_roles, person

pytestmark = pytest.mark.django_db

EVERYONE = set(ROLES)
MEMBERS = {"member", "focal_point", "steering_group", "secretariat"}


@pytest.mark.parametrize(("visibility", "roles"), [("public", EVERYONE), ("members", MEMBERS)])
def test_see_event_follows_its_visibility(visibility, roles):
    event = EventFactory(visibility=visibility)
    assert allowed_roles("events.see_event", event, member=MemberFactory()) == roles


@pytest.mark.parametrize("visibility", ["public", "members"])
def test_register_is_for_approved_members(visibility):
    event = EventFactory(visibility=visibility)
    assert allowed_roles("events.register", event, member=MemberFactory()) == MEMBERS


def test_nobody_registers_for_a_cancelled_event_or_one_without_registration():
    cancelled = event_cancel(event=EventFactory(), by=SecretariatFactory())
    closed = EventFactory(registration_enabled=False)
    assert allowed_roles("events.register", cancelled, member=MemberFactory()) == set()
    assert allowed_roles("events.register", closed, member=MemberFactory()) == set()


@pytest.mark.parametrize("visibility", ["public", "members"])
@pytest.mark.parametrize("role_name", ROLES)
def test_online_link_only_for_people_holding_a_place(visibility, role_name):
    event = EventFactory(visibility=visibility)
    someone = person(role_name, member=MemberFactory())
    assert not someone.has_perm("events.see_online_link", event)
    if role_name == "visitor":
        return
    registration = Registration.objects.create(event=event, user=someone, status="waiting")
    assert not someone.has_perm("events.see_online_link", event)
    registration.status = "registered"
    registration.save()
    someone = type(someone).objects.get(pk=someone.pk)  # a new request: nothing cached
    assert someone.has_perm("events.see_online_link", event) == (role_name in MEMBERS)


def test_write_report_secretariat_and_the_sessions_moderator_or_rapporteur():
    event = EventFactory()
    member = MemberFactory()
    assert allowed_roles("events.write_report", event, member=member) == {"secretariat"}
    for role_name, allowed in [("moderator", True), ("rapporteur", True), ("panelist", False),
                               ("speaker", False)]:  # fmt: skip
        someone = person("member", member=member)
        role(event, SpeakerFactory(user=someone), role=role_name)
        assert someone.has_perm("events.write_report", event) == allowed, role_name


def test_a_moderator_of_another_session_may_not_write_this_report():
    event, other = EventFactory(), EventFactory()
    someone = person("member", member=MemberFactory())
    role(other, SpeakerFactory(user=someone), role="moderator")
    assert not someone.has_perm("events.write_report", event)


def test_manage_event_is_for_the_secretariat_only():
    assert allowed_roles("events.manage_event", EventFactory(), member=MemberFactory()) == {
        "secretariat"
    }


def test_subscribe_calendar_is_for_approved_members():
    assert allowed_roles("events.subscribe_calendar", member=MemberFactory()) == MEMBERS
