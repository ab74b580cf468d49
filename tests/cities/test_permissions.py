"""Every permission of cities, for every role, both sides (cities/rules.py)."""

import pytest

from tests.cities.factories import MemberFactory
from tests.roles import allowed_roles

pytestmark = pytest.mark.django_db


def test_update_member_profile_is_for_its_focal_point_and_the_secretariat():
    member = MemberFactory()
    assert allowed_roles("cities.update_member_profile", member, member=member) == {
        "focal_point", "secretariat"
    }  # fmt: skip


def test_another_members_focal_point_may_not_update_the_profile():
    member, other = MemberFactory(), MemberFactory()
    assert allowed_roles("cities.update_member_profile", other, member=member) == {"secretariat"}


def test_confirm_affiliation_is_for_the_secretariat_only():
    assert allowed_roles("cities.confirm_affiliation", member=MemberFactory()) == {"secretariat"}
