import csv
import io

import pytest
from django.urls import reverse

from campaign.admin import PledgeResource
from campaign.services import (
    pledge_accept,
    pledge_for_focal_point,
    pledge_save_section,
    pledge_submit,
)
from tests.accounts.factories import SecretariatFactory, enrol_totp
from tests.campaign.factories import FULL_FORM, CampaignFactory, fill_pledge
from tests.cities.factories import MemberFactory, focal_point_of

pytestmark = pytest.mark.django_db


def _accepted_pledge_signed_by(name: str, *, member):
    focal = focal_point_of(member)
    pledge = pledge_for_focal_point(user=focal, campaign=CampaignFactory())
    pledge = fill_pledge(pledge, by=focal, areas=("housing",))
    statement = {"signatory_name": name, "signatory_title": "Mayor",
                 "signed_on": FULL_FORM["signed_on"]}  # fmt: skip
    pledge_save_section(pledge=pledge, by=focal, section="statement", answers=statement)
    pledge = pledge_submit(pledge=pledge, by=focal)
    return pledge_accept(pledge=pledge, by=SecretariatFactory())


def test_report_csv_neutralises_a_signatory_a_spreadsheet_would_run(client):
    _accepted_pledge_signed_by("@SUM(1)", member=MemberFactory(name="Rabat"))
    response = client.get("/campaign/report.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["member"] for row in rows] == ["Rabat"]
    assert rows[0]["signatory"] == "'@SUM(1), Mayor"
    assert rows[0]["focus_areas"] == "housing"
    assert rows[0]["full_form"] == "True"


def test_admin_pledge_export_neutralises_a_signatory_a_spreadsheet_would_run(client):
    _accepted_pledge_signed_by("@SUM(1)", member=MemberFactory(name="Rabat"))
    staff = SecretariatFactory()
    enrol_totp(staff)
    client.force_login(staff)
    selected = {f"pledgeresource_{name}": "on" for name in PledgeResource._meta.fields}
    response = client.post(
        reverse("admin:campaign_pledge_export"), {"format": "0", "resource": "0", **selected}
    )
    assert response["Content-Type"] == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(row["member"], row["signatory_name"]) for row in rows] == [("Rabat", "'@SUM(1)")]
