"""Every permission of the Charter-Agenda, for every role, both sides (charter/rules.py)."""

import pytest

from charter.models import Amendment
from tests.charter.factories import right, version
from tests.cities.factories import MemberFactory
from tests.roles import ROLES, allowed_roles, person

pytestmark = pytest.mark.django_db

EVERYONE = set(ROLES)
MEMBERS = {"member", "focal_point", "steering_group", "secretariat"}


@pytest.mark.parametrize(
    ("status", "roles"),
    [("drafting", {"steering_group", "secretariat"}), ("consultation", EVERYONE),
     ("closed", EVERYONE), ("adopted", EVERYONE)],
)  # fmt: skip
def test_read_version_drafts_only_for_secretariat_and_steering_group(status, roles):
    v = version(status=status)
    assert allowed_roles("charter.read_version", v, member=MemberFactory()) == roles


@pytest.mark.parametrize("perm", ["charter.comment", "charter.propose"])
def test_comment_and_propose_members_while_the_round_is_open(perm):
    open_version = version(open_round=True)
    assert allowed_roles(perm, open_version, member=MemberFactory()) == MEMBERS
    for status in ("drafting", "closed", "adopted"):
        closed = version(number=2 + ["drafting", "closed", "adopted"].index(status),
                         status=status)  # fmt: skip
        assert allowed_roles(perm, closed, member=MemberFactory()) == set(), status


def test_decide_amendment_is_for_the_steering_group_only():
    assert allowed_roles("charter.decide_amendment", member=MemberFactory()) == {"steering_group"}


def test_manage_version_is_for_the_secretariat_only():
    assert allowed_roles("charter.manage_version", member=MemberFactory()) == {"secretariat"}


def test_withdraw_amendment_only_its_author_while_pending():
    v = version(open_round=True)
    member = MemberFactory()
    author = person("member", member=member)
    amendment = Amendment.objects.create(
        right_text=right(v), author=author, proposed_title="Right to the city",
        proposed_formulation="New words.", base_fingerprint="x", base_title="t",
        base_formulation="f",
    )  # fmt: skip
    assert author.has_perm("charter.withdraw_amendment", amendment)
    assert allowed_roles("charter.withdraw_amendment", amendment, member=member) == set()
    amendment.status = "withdrawn"
    assert not author.has_perm("charter.withdraw_amendment", amendment)


def test_submit_practice_focal_points_and_secretariat_publish_practice_secretariat():
    member = MemberFactory()
    assert allowed_roles("charter.submit_practice", member=member) == {"focal_point", "secretariat"}
    assert allowed_roles("charter.publish_practice", member=member) == {"secretariat"}
