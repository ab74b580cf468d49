import json
from collections import Counter

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from campaign.models import Pledge
from campaign.selectors import campaign_report
from tests.accounts.factories import PendingUserFactory, SecretariatFactory, UserFactory, enrol_totp
from tests.campaign.factories import (
    CampaignFactory,
    accepted_pledge,
    pdf_bytes,
    submitted_pledge,
)
from tests.cities.factories import (
    AffiliationFactory,
    MemberFactory,
    focal_point_of,
    focus_area,
    region,
)

pytestmark = pytest.mark.django_db

PLEDGE_URL = "/campaign/pledge/"
SUBMIT_URL = "/campaign/pledge/submit/"


def _step(client, step, data, action="next", files=None):
    return client.post(f"{PLEDGE_URL}?step={step}", {**data, "action": action, **(files or {})})


def test_focal_point_fills_the_steps_submits_and_the_secretariat_accepts(client):
    CampaignFactory()
    member = MemberFactory(name="Rabat", country="MA", region=region("africa"))
    client.force_login(focal_point_of(member))
    assert "Step 1 of 6: Key information" in client.get(PLEDGE_URL).content.decode()
    response = _step(client, "key", {"inhabitants": "580000", "kind": "city",
                                     "representative_name": "Asmaa Rhlalou",
                                     "representative_title": "Mayor",
                                     "political_structure": ""})  # fmt: skip
    assert response["Location"] == f"{PLEDGE_URL}?step=vision"
    _step(client, "vision", {"vision_essential": "Proximity.", "vision_framework": "Coherence."})
    # Back and forth keeps what was typed.
    _step(client, "motivations", {"motivations": "Mutual learning."}, action="back")
    assert "Mutual learning." in client.get(f"{PLEDGE_URL}?step=motivations").content.decode()
    _step(client, "focus", {
        "focus_areas": [focus_area("gender-equality").pk, focus_area("childrens-rights").pk],
        "initiatives-TOTAL_FORMS": "1", "initiatives-INITIAL_FORMS": "0",
        "initiatives-MIN_NUM_FORMS": "0", "initiatives-MAX_NUM_FORMS": "20",
        "initiatives-0-title": "Safe public spaces for women", "initiatives-0-kind": "programme",
        "initiatives-0-description": "", "initiatives-0-link": "",
    })  # fmt: skip
    pdf = SimpleUploadedFile("statement.pdf", pdf_bytes(), content_type="application/pdf")
    signatory = {"signatory_name": "Asmaa Rhlalou", "signatory_title": "Mayor",
                 "signed_on": "2022-10-01"}  # fmt: skip
    _step(client, "statement", signatory, files={"signed_statement": pdf})
    preview = client.get(f"{PLEDGE_URL}?step=preview").content.decode()
    assert "Safe public spaces for women" in preview
    client.post(SUBMIT_URL)
    pledge = Pledge.objects.get(member=member)
    assert (pledge.status, pledge.with_form, pledge.inhabitants) == ("submitted", True, 580000)
    assert "The secretariat is reviewing your pledge." in client.get(PLEDGE_URL).content.decode()

    staff = SecretariatFactory()
    enrol_totp(staff)
    client.force_login(staff)
    client.post("/admin/campaign/pledge/", {"action": "accept_selected",
                                            "_selected_action": [pledge.pk]})  # fmt: skip
    assert Pledge.objects.get(pk=pledge.pk).status == "accepted"
    body = client.get("/campaign/").content.decode()
    assert "<strong>1</strong> accepted pledge" in body
    assert "Rabat" in client.get("/campaign/pledges/").content.decode()


def test_returned_pledge_shows_the_note_and_can_be_resubmitted(client):
    campaign = CampaignFactory()
    pledge, focal = submitted_pledge(campaign=campaign)
    staff = SecretariatFactory()
    enrol_totp(staff)
    client.force_login(staff)
    client.post("/admin/campaign/pledge/", {"action": "return_selected", "apply": "1",
                                            "note": "Please sign the statement.",
                                            "_selected_action": [pledge.pk]})  # fmt: skip
    assert Pledge.objects.get(pk=pledge.pk).status == "returned"
    client.force_login(focal)
    page = client.get(PLEDGE_URL).content.decode()
    assert "Please sign the statement." in page
    client.post(SUBMIT_URL)
    assert Pledge.objects.get(pk=pledge.pk).status == "submitted"


def test_submitting_with_missing_sections_lists_them(client):
    CampaignFactory()
    client.force_login(focal_point_of(MemberFactory()))
    _step(client, "motivations", {"motivations": "Kept text."})
    response = client.post(SUBMIT_URL, follow=True)
    body = response.content.decode()
    assert "Before submitting, complete: signed by (name), signed by (title), signed on." in body
    assert Pledge.objects.get().motivations == "Kept text."


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("statement.pdf", b"MZ\x90\x00 not a pdf"), "Accepted: PDF."),
        (SimpleUploadedFile("statement.pdf", b"%PDF-1.4 but broken"), "Accepted: PDF."),
        (SimpleUploadedFile("statement.pdf", b"%PDF-1.4" + b"0" * 2048), "the limit is 1.0"),
    ],
)
def test_signed_statement_must_be_a_pdf_under_the_cap(client, settings, upload, message):
    settings.PORTAL_UPLOAD_MAX_BYTES = 1024
    CampaignFactory()
    client.force_login(focal_point_of(MemberFactory()))
    response = _step(client, "statement", {"signatory_name": "A", "signatory_title": "B",
                                           "signed_on": "2022-10-01"},
                     files={"signed_statement": upload})  # fmt: skip
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Pledge.objects.get().signed_statement
    assert Pledge.objects.get().signatory_name == ""


def test_a_100000_character_answer_is_refused_with_the_limit_named(client):
    CampaignFactory()
    client.force_login(focal_point_of(MemberFactory()))
    response = _step(client, "motivations", {"motivations": "x" * 100_000})
    assert "Ensure this value has at most 10000 characters (it has 100000)." in (
        response.content.decode()
    )
    assert Pledge.objects.get().motivations == ""


def test_who_may_open_the_pledge_form(client):
    CampaignFactory()
    member = MemberFactory()
    assert client.get(PLEDGE_URL)["Location"].startswith("/accounts/login/")
    plain = AffiliationFactory(member=member, is_focal_point=False).user
    unconfirmed = AffiliationFactory(member=member, is_focal_point=True, confirmed_at=None).user
    pending_focal = AffiliationFactory(
        member=member, is_focal_point=True, user=PendingUserFactory()
    ).user
    for outsider in [UserFactory(), plain, unconfirmed, pending_focal]:
        client.force_login(outsider)
        response = client.get(PLEDGE_URL)
        assert response.status_code == 403
        assert "You may not see this page" in response.content.decode()
    client.force_login(focal_point_of(member))
    assert "Step 1 of 6: Key information" in client.get(PLEDGE_URL).content.decode()


def test_another_members_focal_point_only_sees_their_own_pledge(client):
    campaign = CampaignFactory()
    pledge, _focal = submitted_pledge(campaign=campaign, member=MemberFactory(name="Vienna"))
    other = focal_point_of(MemberFactory(name="Graz"))
    client.force_login(other)
    body = client.get(PLEDGE_URL).content.decode()
    assert "Pledge of Graz" in body and "Vienna" not in body
    assert Pledge.objects.get(pk=pledge.pk).status == "submitted"


def test_draft_and_returned_pledges_are_never_public(client):
    from campaign.services import pledge_for_focal_point, pledge_return

    campaign = CampaignFactory()
    submitted_pledge(campaign=campaign, member=MemberFactory(name="Submitted city"))
    returned, _focal = submitted_pledge(
        campaign=campaign, member=MemberFactory(name="Returned city")
    )
    pledge_return(pledge=returned, by=SecretariatFactory(), note="Sign it.")
    draft_member = MemberFactory(name="Draft city")
    pledge_for_focal_point(user=focal_point_of(draft_member), campaign=campaign)
    accepted_pledge(campaign=campaign, member=MemberFactory(name="Accepted city"))
    for url in ["/campaign/", "/campaign/pledges/", "/campaign/report/", "/campaign/report.json",
                "/campaign/report.csv", "/campaign/pledges.geojson"]:  # fmt: skip
        body = client.get(url).content.decode()
        assert "Accepted city" in body
        for hidden in ["Submitted city", "Returned city", "Draft city"]:
            assert hidden not in body
    assert (
        "Pledge to the campaign" not in client.get(draft_member.get_absolute_url()).content.decode()
    )


def test_report_counts_equal_the_database():
    campaign = CampaignFactory()
    plan = [("europe", "city", "housing"), ("europe", "municipality", "health"),
            ("africa", "city", "housing"), ("latin-america", "department", "housing")]  # fmt: skip
    for n, (region_slug, kind, area) in enumerate(plan * 3):
        accepted_pledge(campaign=campaign, areas=(area,), full=n % 2 == 0,
                        member=MemberFactory(region=region(region_slug), kind=kind))  # fmt: skip
    report = campaign_report(campaign=campaign)
    accepted = Pledge.objects.filter(status="accepted")
    assert report["pledge_count"] == accepted.count() == 12
    assert report["form_count"] == accepted.filter(with_form=True).count()
    assert dict(report["regions"]) == dict(Counter(
        p.member.region.label for p in accepted.select_related("member__region")))  # fmt: skip
    assert {e["area"].slug: e["count"] for e in report["areas"]} == dict(Counter(
        a.slug for p in accepted for a in p.focus_areas.all()))  # fmt: skip


@pytest.mark.parametrize("count", [1, 50])
def test_wall_and_report_run_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    campaign = CampaignFactory()
    for _ in range(count):
        accepted_pledge(campaign=campaign)
    # campaign, count, pledges, focus areas, initiatives; filter form: regions, focus areas.
    with django_assert_num_queries(7):
        client.get("/campaign/pledges/")
    # campaign, pledges with their members, regions, focus areas, pledges' focus areas.
    with django_assert_num_queries(5):
        client.get("/campaign/report/")


def test_report_exports(client):
    accepted_pledge(campaign=CampaignFactory(), member=MemberFactory(name="Sfax", country="TN"))
    data = json.loads(client.get("/campaign/report.json").content)
    assert [row["member"] for row in data["pledges"]] == ["Sfax"]
    assert "Sfax,TN" in client.get("/campaign/report.csv").content.decode()


@pytest.mark.parametrize(
    ("language", "heading", "wall"),
    [("fr", "Avancement vers les étapes", "Le mur des engagements"),
     ("es", "Avance hacia los hitos", "El muro de compromisos")],
)  # fmt: skip
def test_campaign_pages_speak_french_and_spanish(client, language, heading, wall):
    accepted_pledge(campaign=CampaignFactory())
    body = client.get("/campaign/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert heading in body
    assert (
        f"<h1>{wall}</h1>"
        in client.get("/campaign/pledges/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    )


def test_signed_statement_is_public_once_accepted_and_private_before(client):
    CampaignFactory()
    member = MemberFactory()
    focal = focal_point_of(member)
    client.force_login(focal)
    content = pdf_bytes()
    pdf = SimpleUploadedFile("s.pdf", content, content_type="application/pdf")
    statement = {"signatory_name": "A", "signatory_title": "Mayor", "signed_on": "2022-10-01"}
    _step(client, "statement", statement, files={"signed_statement": pdf})
    pledge = Pledge.objects.get(member=member)
    url = f"/campaign/pledges/{pledge.pk}/statement.pdf"
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == content
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404
    client.force_login(focal)
    client.post(SUBMIT_URL)
    from campaign.services import pledge_accept

    pledge_accept(pledge=Pledge.objects.get(pk=pledge.pk), by=SecretariatFactory())
    client.logout()
    public = client.get(url)
    assert public["Content-Disposition"].startswith("attachment;")
    assert b"".join(public.streaming_content) == content
