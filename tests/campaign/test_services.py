import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from campaign.models import Pledge, PledgeStatus
from campaign.selectors import campaign_progress
from campaign.services import (
    pledge_accept,
    pledge_for_focal_point,
    pledge_return,
    pledge_save_section,
    pledge_submit,
    pledge_withdraw,
)
from newsfeed.models import NewsItem, NewsKind
from tests.accounts.factories import SecretariatFactory, UserFactory
from tests.campaign.factories import CampaignFactory, accepted_pledge, submitted_pledge
from tests.cities.factories import MemberFactory, focal_point_of

pytestmark = pytest.mark.django_db


def test_whole_workflow_and_counters_move_only_on_acceptance(django_capture_on_commit_callbacks):
    campaign = CampaignFactory()
    secretariat = SecretariatFactory()
    member = MemberFactory(name="Rabat")
    pledge, focal = submitted_pledge(member=member, campaign=campaign)
    assert (pledge.status, pledge.with_form) == ("submitted", True)
    assert campaign_progress(campaign=campaign)["pledges"] == 0

    with django_capture_on_commit_callbacks(execute=True):
        pledge = pledge_return(pledge=pledge, by=secretariat, note="Please add a signed PDF.")
    assert pledge.status == "returned"
    assert campaign_progress(campaign=campaign)["pledges"] == 0
    assert mail.outbox[-1].to == [focal.email]
    assert "Please add a signed PDF." in mail.outbox[-1].body

    pledge = pledge_submit(pledge=pledge, by=focal)
    with django_capture_on_commit_callbacks(execute=True):
        pledge = pledge_accept(pledge=pledge, by=secretariat)
    progress = campaign_progress(campaign=campaign)
    assert (progress["pledges"], progress["forms"]) == (1, 1)
    assert progress["next"].milestone.target == 10
    assert "accepted" in mail.outbox[-1].subject
    news = NewsItem.objects.get(kind=NewsKind.PLEDGE, object_id=pledge.pk)
    assert news.title == "Rabat joined the campaign"
    assert [t.to_status for t in pledge.transitions.all()] == [
        "draft", "submitted", "returned", "submitted", "accepted",
    ]  # fmt: skip
    assert all(t.by_id for t in pledge.transitions.all())


def test_bare_pledges_are_counted_apart_from_full_forms():
    campaign = CampaignFactory()
    accepted_pledge(campaign=campaign)
    accepted_pledge(campaign=campaign, full=False)
    progress = campaign_progress(campaign=campaign)
    assert (progress["pledges"], progress["forms"]) == (2, 1)


def test_a_second_accepted_pledge_for_the_same_member_is_refused():
    campaign = CampaignFactory()
    member = MemberFactory(name="Vienna")
    first = accepted_pledge(member=member, campaign=campaign)
    pledge_withdraw(pledge=first, by=SecretariatFactory())
    second, focal = submitted_pledge(member=member, campaign=campaign)
    Pledge.objects.filter(pk=first.pk).update(status=PledgeStatus.ACCEPTED)  # a stale review
    with pytest.raises(ValidationError) as error:
        pledge_accept(pledge=second, by=SecretariatFactory())
    assert error.value.messages == ["Vienna already has an accepted pledge in this campaign."]
    assert Pledge.objects.get(pk=second.pk).status == "submitted"


def test_submitting_without_the_statement_lists_what_is_missing_and_keeps_the_answers():
    campaign = CampaignFactory()
    member = MemberFactory()
    focal = focal_point_of(member)
    pledge = pledge_for_focal_point(user=focal, campaign=campaign)
    pledge_save_section(
        pledge=pledge, by=focal, section="motivations", answers={"motivations": "To learn."}
    )
    with pytest.raises(ValidationError) as error:
        pledge_submit(pledge=pledge, by=focal)
    assert error.value.messages == [
        "Before submitting, complete: signed by (name), signed by (title), signed on."
    ]
    pledge.refresh_from_db()
    assert (pledge.status, pledge.motivations) == ("draft", "To learn.")


def test_an_answer_over_the_limit_is_refused_with_the_limit_named():
    campaign = CampaignFactory()
    member = MemberFactory()
    focal = focal_point_of(member)
    pledge = pledge_for_focal_point(user=focal, campaign=campaign)
    with pytest.raises(ValidationError) as error:
        pledge_save_section(
            pledge=pledge, by=focal, section="motivations", answers={"motivations": "x" * 100_000}
        )
    assert "Ensure this value has at most 10000 characters (it has 100000)." in str(error.value)
    assert Pledge.objects.get(pk=pledge.pk).motivations == ""


def test_only_the_members_focal_point_edits_and_only_the_secretariat_reviews():
    campaign = CampaignFactory()
    pledge, focal = submitted_pledge(campaign=campaign)
    other_focal = focal_point_of(MemberFactory())
    for outsider in [other_focal, UserFactory(), focal]:
        with pytest.raises(PermissionDenied):
            pledge_accept(pledge=pledge, by=outsider)
    pledge = pledge_return(pledge=pledge, by=SecretariatFactory(), note="Add initiatives.")
    with pytest.raises(PermissionDenied):
        pledge_save_section(
            pledge=pledge, by=other_focal, section="motivations", answers={"motivations": "Hijack"}
        )
    pledge_save_section(
        pledge=pledge, by=focal, section="motivations", answers={"motivations": "Revised"}
    )
    assert Pledge.objects.get(pk=pledge.pk).motivations == "Revised"


def test_a_plain_member_or_unconfirmed_focal_point_has_no_pledge_to_edit():
    campaign = CampaignFactory()
    with pytest.raises(PermissionDenied):
        pledge_for_focal_point(user=UserFactory(), campaign=campaign)
