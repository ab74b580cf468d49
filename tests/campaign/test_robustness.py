"""What a double click, a stale page, odd input and the admin must never turn into a 500."""

import threading
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from campaign.models import Pledge, PledgeTransition
from campaign.selectors import campaign_progress
from campaign.services import (
    pledge_accept,
    pledge_for_focal_point,
    pledge_save_section,
    pledge_submit,
)
from tests.accounts.factories import SecretariatFactory, enrol_totp
from tests.campaign.factories import (
    CampaignFactory,
    accepted_pledge,
    fill_pledge,
    pdf_bytes,
    submitted_pledge,
)
from tests.cities.factories import MemberFactory, focal_point_of

pytestmark = pytest.mark.django_db

PLEDGE_URL = "/campaign/pledge/"
STATEMENT = {"signatory_name": "Ana Torres", "signatory_title": "Mayor", "signed_on": "2022-10-01"}


def _draft(member=None):
    member = member or MemberFactory()
    focal = focal_point_of(member)
    pledge = pledge_for_focal_point(user=focal, campaign=CampaignFactory())
    return fill_pledge(pledge, by=focal), focal


def test_submitting_twice_from_the_same_page_submits_once_and_says_so():
    pledge, focal = _draft()
    stale = Pledge.objects.get(pk=pledge.pk)
    pledge_submit(pledge=pledge, by=focal)
    with pytest.raises(ValidationError) as error:
        pledge_submit(pledge=stale, by=focal)
    assert error.value.messages == ["This pledge has already been submitted."]
    statuses = PledgeTransition.objects.filter(pledge=pledge).values_list("to_status", flat=True)
    assert list(statuses) == ["draft", "submitted"]


@pytest.mark.django_db(transaction=True)
def test_six_submits_at_once_give_one_submission_and_no_error(client):
    pledge, focal = _draft()
    outcomes = []

    def submit():
        try:
            pledge_submit(pledge=Pledge.objects.get(pk=pledge.pk), by=focal)
            outcomes.append("submitted")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["This pledge has already been submitted."] * 5 + ["submitted"]
    assert PledgeTransition.objects.filter(pledge=pledge, to_status="submitted").count() == 1


def test_a_save_from_a_stale_page_never_overwrites_the_acceptance():
    pledge, focal = _draft()
    stale = Pledge.objects.get(pk=pledge.pk)
    pledge_accept(pledge=pledge_submit(pledge=pledge, by=focal), by=SecretariatFactory())
    with pytest.raises(ValidationError):
        pledge_save_section(
            pledge=stale, by=focal, section="motivations", answers={"motivations": "Late edit"}
        )
    stored = Pledge.objects.get(pk=pledge.pk)
    assert (stored.status, stored.motivations) == ("accepted", "To learn from other cities.")


def test_a_section_saves_only_its_own_fields():
    pledge, focal = _draft()
    with pytest.raises(ValidationError) as error:
        pledge_save_section(
            pledge=pledge, by=focal, section="motivations",
            answers={"motivations": "Fine", "status": "accepted"},
        )  # fmt: skip
    assert error.value.messages == ["These answers do not belong to this section: status."]
    stored = Pledge.objects.get(pk=pledge.pk)
    assert (stored.status, stored.motivations) == ("draft", "To learn from other cities.")


def _upload_statement(client, name="statement.pdf"):
    pdf = SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")
    return client.post(
        f"{PLEDGE_URL}?step=statement", {**STATEMENT, "action": "next", "signed_statement": pdf}
    )


def test_clearing_the_signed_statement_removes_it_from_the_pledge_and_from_storage(
    client, django_capture_on_commit_callbacks
):
    CampaignFactory()
    client.force_login(focal_point_of(MemberFactory()))
    _upload_statement(client)
    stored = Pledge.objects.get().signed_statement
    storage, name = stored.storage, stored.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{PLEDGE_URL}?step=statement",
            {**STATEMENT, "action": "next", "signed_statement-clear": "on"},
        )
    assert response["Location"] == f"{PLEDGE_URL}?step=preview"
    assert not Pledge.objects.get().signed_statement
    assert not storage.exists(name)


def test_replacing_the_signed_statement_deletes_the_old_file(
    client, django_capture_on_commit_callbacks
):
    CampaignFactory()
    client.force_login(focal_point_of(MemberFactory()))
    _upload_statement(client)
    old = Pledge.objects.get().signed_statement
    storage, old_name = old.storage, old.name
    with django_capture_on_commit_callbacks(execute=True):
        _upload_statement(client)
    new_name = Pledge.objects.get().signed_statement.name
    assert new_name != old_name
    assert storage.exists(new_name) and not storage.exists(old_name)


def test_a_long_original_file_name_is_accepted_because_it_is_not_kept(client):
    CampaignFactory()
    client.force_login(focal_point_of(MemberFactory()))
    response = _upload_statement(client, name="statement-" + "x" * 150 + ".pdf")
    assert response.status_code == 302
    assert Pledge.objects.get().signed_statement.name.startswith("pledges/statements/")


@pytest.mark.parametrize(
    ("signed_on", "message"),
    [
        ("0001-01-01", "Give the date the statement was signed."),
        ((date.today() + timedelta(days=3)).isoformat(), "cannot be in the future"),
    ],
)
def test_an_implausible_date_of_signature_is_refused(client, signed_on, message):
    CampaignFactory()
    client.force_login(focal_point_of(MemberFactory()))
    response = client.post(
        f"{PLEDGE_URL}?step=statement", {**STATEMENT, "signed_on": signed_on, "action": "next"}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Pledge.objects.get().signed_on is None


@pytest.mark.parametrize("action", ["", "next", "back", "delete-everything"])
def test_posting_to_the_preview_shows_the_preview_and_changes_nothing(client, action):
    pledge, focal = _draft()
    client.force_login(focal)
    response = client.post(f"{PLEDGE_URL}?step=preview", {"action": action}, follow=True)
    assert response.status_code == 200
    assert "Preview" in response.content.decode()
    assert Pledge.objects.get(pk=pledge.pk).status == "draft"


def test_withdrawing_asks_first_and_says_what_it_means(client):
    pledge, focal = _draft()
    client.force_login(focal)
    preview = client.get(f"{PLEDGE_URL}?step=preview").content.decode()
    assert 'value="withdraw"' not in preview
    assert 'href="/campaign/pledge/withdraw/"' in preview
    page = client.get("/campaign/pledge/withdraw/").content.decode()
    assert "does not count toward the campaign's milestones" in page
    assert Pledge.objects.get(pk=pledge.pk).status == "draft"
    client.post("/campaign/pledge/withdraw/")
    assert Pledge.objects.get(pk=pledge.pk).status == "withdrawn"


def test_an_accepted_pledge_cannot_be_withdrawn_by_its_focal_point(client):
    pledge = accepted_pledge(campaign=CampaignFactory())
    focal = pledge.member.affiliations.get().user
    client.force_login(focal)
    response = client.post("/campaign/pledge/withdraw/", follow=True)
    assert "This pledge cannot be withdrawn here." in response.content.decode()
    assert Pledge.objects.get(pk=pledge.pk).status == "accepted"


def _admin(client):
    staff = SecretariatFactory()
    enrol_totp(staff)
    client.force_login(staff)


def test_admin_refuses_a_second_open_pledge_with_a_message(client):
    pledge, _focal = submitted_pledge(campaign=CampaignFactory())
    _admin(client)
    response = client.post(
        "/admin/campaign/pledge/add/",
        {"campaign": pledge.campaign.pk, "member": pledge.member.pk,
         "initiatives-TOTAL_FORMS": "0", "initiatives-INITIAL_FORMS": "0",
         "transitions-TOTAL_FORMS": "0", "transitions-INITIAL_FORMS": "0"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "This member already has a pledge in progress." in response.content.decode()
    assert Pledge.objects.count() == 1


def test_admin_cannot_move_an_accepted_pledge_to_another_member(client):
    pledge = accepted_pledge(campaign=CampaignFactory())
    _admin(client)
    page = client.get(f"/admin/campaign/pledge/{pledge.pk}/change/").content.decode()
    assert 'name="member"' not in page
    assert 'name="campaign"' not in page


def test_progress_counts_only_what_the_wall_shows(client):
    campaign = CampaignFactory()
    accepted_pledge(campaign=campaign, member=MemberFactory(name="Shown"))
    hidden = accepted_pledge(campaign=campaign, member=MemberFactory(name="Hidden"))
    hidden.member.is_published = False
    hidden.member.save(update_fields=["is_published"])
    assert campaign_progress(campaign=campaign)["pledges"] == 1
    assert "<strong>1</strong> accepted pledge" in client.get("/campaign/").content.decode()
