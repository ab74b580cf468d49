"""The Charter-Agenda in a browser: a member comments and proposes a change (with its preview),
and the version, right, propose and compare pages pass axe on a desktop and a phone."""

import pytest
from playwright.sync_api import expect

from charter import services
from charter.models import Amendment, Comment, Right, RightText
from tests.accounts.factories import SecretariatFactory, SteeringGroupFactory
from tests.charter.factories import charter, right, version
from tests.cities.factories import AffiliationFactory, MemberFactory
from tests.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def consultation():
    """Version 1 open for comments, with a comment, a reply and a decided amendment."""
    v = version(open_round=True)
    v.phase = "The content of each right."
    v.save(update_fields=["phase"])
    city = MemberFactory(name="Barcelona", slug="barcelona")
    ana = AffiliationFactory(member=city, user__name="Ana Pérez").user
    kim = AffiliationFactory(member=MemberFactory(name="Gwangju", slug="gwangju"),
                             user__name="Kim Min").user  # fmt: skip
    first = services.comment_post(right_text=right(v, 2), by=ana, body="Include **children**.")
    services.comment_post(right_text=right(v, 2), by=kim, body="Agreed.", parent=first)
    amendment = services.amendment_submit(
        right_text=right(v, 2), by=kim, title="Right to participation",
        formulation="All inhabitants have the right to take part in the decisions of their city "
        "and their region.", rationale="Regions decide too.",
    )  # fmt: skip
    services.amendment_decide(
        amendment=amendment, by=SteeringGroupFactory(), decision="reject",
        response="The Charter speaks to cities; regions are covered by right 1.",
    )  # fmt: skip
    return v


def test_a_member_comments_and_proposes_a_change(browser_context, consultation):
    user = AffiliationFactory(member=MemberFactory(name="Lyon", slug="lyon"),
                              user__name="Léa Martin").user  # fmt: skip
    sign_in(browser_context, user)
    page = browser_context.new_page()
    page.goto("/charter/v1/")
    expect(page.locator(".charter-invitation")).to_contain_text("Comment or propose a change until")
    assert_accessible(page, screenshot="charter-version")

    page.get_by_role("heading", name="1. Right to the city").get_by_role("link").click()
    page.wait_for_url("**/charter/v1/rights/1/")
    page.get_by_label("Your comment").fill("Name *solidarity* too.")
    page.get_by_role("button", name="Publish the comment").click()
    page.wait_for_url("**/charter/v1/rights/1/#comment-*")
    expect(page.locator(".charter-comment-body .prose")).to_have_text("Name solidarity too.")
    assert Comment.objects.filter(author=user).count() == 1

    page.get_by_role("link", name="Propose a change to right 1").click()
    page.wait_for_url("**/charter/v1/rights/1/propose/")
    assert_accessible(page, screenshot="charter-propose")
    formulation = page.get_by_label("Formulation")
    formulation.fill(formulation.input_value().replace("equality", "equality and solidarity"))
    preview = page.locator("#charter-preview")
    # The live preview (charter/js/propose.js) shows the diff while the person types ...
    expect(preview.locator("ins")).to_have_text("[added: and solidarity]")
    page.get_by_label("Why this change?").fill("Solidarity is how cities hold together.")
    # ... and the Preview button, which works without JavaScript, shows the same.
    page.get_by_role("button", name="Preview").click()
    page.wait_for_load_state()
    expect(preview.locator("ins")).to_have_text("[added: and solidarity]")
    expect(page.get_by_label("Why this change?")).to_have_value(
        "Solidarity is how cities hold together."
    )
    assert Amendment.objects.filter(author=user).count() == 0
    assert_accessible(page, screenshot="charter-propose-preview")

    page.get_by_role("button", name="Submit").click()
    page.wait_for_url("**/charter/v1/rights/1/#amendment-*")
    expect(page.locator(".messages")).to_contain_text("Your proposal is submitted.")
    amendment = Amendment.objects.get(author=user)
    mine = page.locator(f"#amendment-{amendment.pk}")
    expect(mine.locator("ins")).to_have_text("[added: and solidarity]")
    expect(mine.get_by_role("button", name="Withdraw my proposal")).to_be_visible()
    assert_accessible(page, screenshot="charter-right-after")


def test_right_and_compare_pages_pass_axe(page, consultation):
    page.goto("/charter/v1/rights/2/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "2. Right to participatory democracy"
    )
    assert page.get_by_role("heading", level=2).all_inner_texts() == [
        "Take part", "Proposed change (1)", "Comments (2)",
        "Local practices that realise this right",
    ]  # fmt: skip
    expect(page.locator(".charter-response")).to_contain_text("regions are covered by right 1")
    assert_accessible(page, screenshot="charter-right")

    # A pending proposal on right 1 that v2 rewords: it "needs rebase" in v2.
    services.amendment_submit(
        right_text=right(consultation, 1), by=AffiliationFactory(user__name="Sam Lee").user,
        title="", formulation="All inhabitants have the right to a city of freedom and equality.",
    )  # fmt: skip
    secretariat = SecretariatFactory()
    services.round_close(version=consultation, by=secretariat)
    v2 = services.version_start_next(charter=charter(), by=secretariat)
    RightText.objects.filter(version=v2, number=1).update(
        formulation="All inhabitants have the right to a city that is a space of freedom, "
        "equality and solidarity."
    )
    RightText.objects.filter(version=v2, number=3).update(number=4, order=4)
    RightText.objects.create(
        version=v2, right=Right.objects.create(charter=charter(), key="water"), number=3,
        group="Rights of everyone", title="Right to water", formulation="Clean water for all.",
        order=3,
    )  # fmt: skip
    services.version_apply_amendments(version=v2, by=secretariat)
    services.round_open(version=v2, by=secretariat, closes_at=consultation.round_closes_at)
    page.goto("/charter/v2/rights/1/")
    expect(page.locator(".charter-side-by-side h4")).to_have_text(
        ["Written against", "Current text", "Proposed"]
    )
    assert_accessible(page, screenshot="charter-right-needs-rebase")
    page.goto("/charter/compare/")
    page.get_by_label("Older version").select_option("1")
    page.get_by_label("Newer version").select_option("2")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url("**/charter/compare/1/2/")
    expect(page.locator(".charter-count-added dd")).to_have_text("1")
    expect(page.locator(".charter-count-reworded dd")).to_have_text("1")
    expect(page.locator(".charter-count-renumbered dd")).to_have_text("1")
    assert_accessible(page, screenshot="charter-compare")


def test_charter_pages_work_on_a_phone(phone_page, consultation):
    for path, name in [("/charter/v1/", "charter-version-phone"),
                       ("/charter/v1/rights/2/", "charter-right-phone")]:  # fmt: skip
        phone_page.goto(path)
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390, path
        assert_accessible(phone_page, screenshot=name)


def test_the_steering_group_accepts_and_the_next_version_shows_the_change(browser_context):
    from django.core import mail

    v = version(open_round=True)
    author = AffiliationFactory(member=MemberFactory(name="Kisumu", slug="kisumu"),
                                user__name="Achieng Otieno").user  # fmt: skip
    amendment = services.amendment_submit(
        right_text=right(v, 3), by=author, title="Right to adequate housing",
        formulation="All inhabitants have the right to decent, safe, affordable and accessible "
        "housing.", rationale="Accessibility for persons with disabilities.",
    )  # fmt: skip
    mail.outbox.clear()
    sign_in(browser_context, SteeringGroupFactory(name="Lucas Moreau"))
    page = browser_context.new_page()
    page.goto("/charter/review/")
    assert_accessible(page, screenshot="charter-review")
    decision = page.locator(f"#amendment-{amendment.pk}")
    decision.get_by_label("Accept", exact=True).check()
    decision.get_by_label("Public response").fill("Accepted: accessibility belongs in the right.")
    decision.get_by_role("button", name="Decide").click()
    expect(page.get_by_text("The author is told by e-mail.")).to_be_visible()
    assert Amendment.objects.get(pk=amendment.pk).status == "accepted"
    assert [message.to for message in mail.outbox] == [[author.email]]
    assert "Accepted: accessibility belongs in the right." in mail.outbox[0].body

    secretariat = SecretariatFactory()
    services.round_close(version=v, by=secretariat)
    services.version_apply_amendments(
        version=services.version_start_next(charter=charter(), by=secretariat), by=secretariat
    )
    sign_in(browser_context, secretariat)  # the new version is a draft: staff read it
    page.goto("/charter/compare/1/2/")
    expect(page.get_by_role("link", name="“Right to adequate housing” (version 1, Accepted)")) \
        .to_have_attribute("href", f"/charter/v1/rights/3/#amendment-{amendment.pk}")  # fmt: skip
    assert page.locator("ins").filter(has_text="accessible").count() >= 1
    assert_accessible(page, screenshot="charter-compare-applied")
