"""The visibility rule for every role, both sides (core/rules.py)."""

import pytest

from core.visibility import Visibility
from tests.cities.factories import MemberFactory
from tests.roles import allowed_roles

pytestmark = pytest.mark.django_db


class Item:
    def __init__(self, visibility):
        self.visibility = visibility


def test_members_content_is_for_approved_members_and_staff():
    assert allowed_roles("core.see_members_content", member=MemberFactory()) == {
        "member", "focal_point", "steering_group", "secretariat"
    }  # fmt: skip


@pytest.mark.parametrize(
    ("visibility", "roles"),
    [(Visibility.PUBLIC, {"visitor", "pending", "member", "focal_point", "steering_group",
                          "secretariat"}),
     (Visibility.MEMBERS, {"member", "focal_point", "steering_group", "secretariat"})],
)  # fmt: skip
def test_see_follows_the_objects_visibility(visibility, roles):
    assert allowed_roles("core.see", Item(visibility), member=MemberFactory()) == roles


def test_see_refuses_nothing_to_everyone():
    assert allowed_roles("core.see", None, member=MemberFactory()) == set()
