import pytest
from django.contrib.auth.models import AnonymousUser

from core.rules import can_see, is_approved_member, is_secretariat, is_steering_group
from core.visibility import Visibility
from tests.accounts.factories import (
    PendingUserFactory,
    SecretariatFactory,
    SteeringGroupFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


class Thing:
    def __init__(self, visibility):
        self.visibility = visibility


def test_public_content_is_seen_by_everyone():
    thing = Thing(Visibility.PUBLIC)
    assert can_see(AnonymousUser(), thing) is True
    assert can_see(PendingUserFactory(), thing) is True


def test_members_content_is_seen_only_by_approved_members_and_staff():
    thing = Thing(Visibility.MEMBERS)
    assert can_see(AnonymousUser(), thing) is False
    assert can_see(PendingUserFactory(), thing) is False
    assert can_see(UserFactory(is_active=False), thing) is False
    assert can_see(UserFactory(), thing) is True
    assert can_see(SecretariatFactory(), thing) is True


def test_group_predicates_from_both_sides():
    member = UserFactory()
    assert is_approved_member(member) is True
    assert is_approved_member(AnonymousUser()) is False
    assert is_secretariat(SecretariatFactory()) is True
    assert is_secretariat(member) is False
    assert is_steering_group(SteeringGroupFactory()) is True
    assert is_steering_group(member) is False
    # A steering-group member whose account is pending has no steering rights yet.
    pending = PendingUserFactory()
    pending.groups.add(*SteeringGroupFactory().groups.all())
    assert is_steering_group(pending) is False
