import pytest

from tests.accounts.factories import PendingUserFactory, UserFactory
from tests.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_signup_page_passes_axe_and_shows_errors_accessibly(page):
    page.goto("/accounts/signup/")
    assert page.get_by_role("heading", level=1).inner_text() == "Sign Up"
    assert_accessible(page, screenshot="signup")
    page.get_by_label("Email").fill("not-an-email")
    page.get_by_label("Full name").fill("Ana Torres")
    page.locator("#id_password1").fill("rights-for-all-2030")
    page.locator("#id_password2").fill("something-else-2030")
    page.get_by_role("button", name="Sign Up").click()
    summary = page.get_by_role("alert")
    assert "Please correct the following:" in summary.inner_text()
    assert_accessible(page, screenshot="signup-errors")


def test_settings_page_passes_axe(browser_context):
    sign_in(browser_context, UserFactory(name="Ana Torres"))
    page = browser_context.new_page()
    page.goto("/accounts/settings/")
    assert page.get_by_role("heading", level=1).inner_text() == "Your settings"
    assert page.get_by_label("Time zone").input_value() == "UTC"
    assert_accessible(page, screenshot="settings")


def test_pending_page_and_notice_pass_axe(browser_context):
    sign_in(browser_context, PendingUserFactory())
    page = browser_context.new_page()
    page.goto("/accounts/pending/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Your account is waiting for approval"
    )
    assert (
        page.get_by_role("status")
        .first.inner_text()
        .startswith("Your account is waiting for approval by the secretariat.")
    )
    assert_accessible(page, screenshot="pending")


def test_not_found_page_passes_axe(page):
    response = page.goto("/nothing-here/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"
    assert_accessible(page)


def test_staff_without_totp_is_sent_to_enrol_and_the_page_passes_axe(page):
    from tests.accounts.factories import PASSWORD, SecretariatFactory

    staff = SecretariatFactory()
    page.goto("/admin/")
    page.get_by_label("Email").fill(staff.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    # allauth asks for the password again before any change to authenticators.
    page.wait_for_url("**/accounts/reauthenticate/**")
    assert_accessible(page, screenshot="reauthenticate")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/totp/activate/**")
    assert page.url.endswith("/accounts/2fa/totp/activate/?next=%2Fadmin%2F")
    assert page.get_by_role("heading", level=1).inner_text() == "Activate Authenticator App"
    assert_accessible(page, screenshot="totp-activate")
