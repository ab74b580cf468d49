"""Every permission of the campaign, for every role, both sides (campaign/rules.py)."""

import pytest

from campaign.services import pledge_for_focal_point, pledge_return, pledge_withdraw
from tests.accounts.factories import SecretariatFactory
from tests.campaign.factories import CampaignFactory, accepted_pledge, submitted_pledge
from tests.cities.factories import MemberFactory, focal_point_of
from tests.roles import allowed_roles

pytestmark = pytest.mark.django_db

EVERYONE = {"visitor", "pending", "member", "focal_point", "steering_group", "secretariat"}


def _pledge(state: str):
    campaign = CampaignFactory()
    if state == "draft":
        member = MemberFactory()
        return pledge_for_focal_point(user=focal_point_of(member), campaign=campaign)
    if state == "accepted":
        return accepted_pledge(campaign=campaign)
    pledge, _focal = submitted_pledge(campaign=campaign)
    if state == "returned":
        return pledge_return(pledge=pledge, by=SecretariatFactory(), note="Sign it.")
    if state == "withdrawn":
        return pledge_withdraw(pledge=pledge, by=SecretariatFactory())
    return pledge


def test_start_pledge_is_for_a_confirmed_focal_point_only():
    member = MemberFactory()
    assert allowed_roles("campaign.start_pledge", member=member) == {"focal_point"}


@pytest.mark.parametrize(
    ("state", "roles"),
    [("draft", {"focal_point"}), ("returned", {"focal_point"}), ("submitted", set()),
     ("accepted", set()), ("withdrawn", set())],
)  # fmt: skip
def test_edit_pledge_is_for_its_focal_point_while_it_is_a_draft_or_returned(state, roles):
    pledge = _pledge(state)
    assert allowed_roles("campaign.edit_pledge", pledge, member=pledge.member) == roles


@pytest.mark.parametrize(
    ("state", "roles"),
    [("draft", {"focal_point", "secretariat"}), ("submitted", {"focal_point", "secretariat"}),
     ("returned", {"focal_point", "secretariat"}), ("accepted", {"secretariat"}),
     ("withdrawn", set())],
)  # fmt: skip
def test_withdraw_pledge_focal_point_until_decided_secretariat_always(state, roles):
    pledge = _pledge(state)
    assert allowed_roles("campaign.withdraw_pledge", pledge, member=pledge.member) == roles


def test_review_pledge_is_for_the_secretariat_only():
    pledge = _pledge("submitted")
    assert allowed_roles("campaign.review_pledge", pledge, member=pledge.member) == {"secretariat"}


@pytest.mark.parametrize(
    ("state", "published", "roles"),
    [("accepted", True, EVERYONE), ("accepted", False, {"focal_point", "secretariat"}),
     ("submitted", True, {"focal_point", "secretariat"}),
     ("draft", True, {"focal_point", "secretariat"})],
)  # fmt: skip
def test_view_statement_public_once_accepted_else_focal_point_and_secretariat(
    state, published, roles
):
    pledge = _pledge(state)
    if not published:
        pledge.member.is_published = False
        pledge.member.save(update_fields=["is_published"])
    assert allowed_roles("campaign.view_statement", pledge, member=pledge.member) == roles
