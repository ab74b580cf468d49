import pytest

from campaign.models import Pledge
from campaign.services import pledge_accept
from tests.accounts.factories import SecretariatFactory
from tests.campaign.factories import CampaignFactory, accepted_pledge
from tests.cities.factories import MemberFactory, focal_point_of, focus_area
from tests.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_focal_point_pledges_the_secretariat_accepts_and_the_counter_moves(browser_context):
    campaign = CampaignFactory()
    accepted_pledge(campaign=campaign, member=MemberFactory(name="Vienna", slug="vienna"))
    member = MemberFactory(name="Rabat", slug="rabat", country="MA")
    sign_in(browser_context, focal_point_of(member))
    page = browser_context.new_page()

    page.goto("/campaign/")
    assert page.locator(".counter").first.inner_text().startswith("1 accepted pledge")
    assert_accessible(page, screenshot="campaign")

    page.goto("/campaign/pledge/")
    assert "Step 1 of 6: Key information" in page.content()
    assert_accessible(page, screenshot="pledge-step-1")
    page.get_by_label("number of inhabitants").fill("580000")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Why are local and regional governments essential").fill("Proximity.")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Why do you join the Global Campaign?").fill("Mutual learning.")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label(focus_area("gender-equality").name).check()
    assert_accessible(page, screenshot="pledge-step-4")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("signed by (name)").fill("Asmaa Rhlalou")
    page.get_by_label("signed by (title)").fill("Mayor")
    page.get_by_label("signed on").fill("2022-10-01")
    page.get_by_role("button", name="Save and continue").click()
    assert page.get_by_role("heading", name="Preview").count() == 1
    assert_accessible(page, screenshot="pledge-preview")
    page.get_by_role("button", name="Submit the pledge").click()
    assert "The secretariat is reviewing your pledge." in page.content()

    pledge_accept(pledge=Pledge.objects.get(member=member), by=SecretariatFactory())
    page.goto("/campaign/")
    assert page.locator(".counter").first.inner_text().startswith("2 accepted pledges")
    page.wait_for_selector("[data-member-map][data-ready='true']")
    assert page.locator("[data-member-map]").get_attribute("data-marker-count") == "2"


def test_wall_and_report_pass_axe(page):
    campaign = CampaignFactory()
    accepted_pledge(campaign=campaign, member=MemberFactory(name="Sfax", country="TN"))
    page.goto("/campaign/pledges/")
    assert page.get_by_role("heading", level=3).all_inner_texts() == ["Sfax"]
    assert_accessible(page, screenshot="wall")
    page.goto("/campaign/report/")
    assert_accessible(page, screenshot="report")
