import pytest
from django.urls import reverse

from tests.accounts.factories import SecretariatFactory, UserFactory, enrol_totp

pytestmark = pytest.mark.django_db


def test_admin_sends_a_visitor_to_the_portal_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=%2Fadmin%2F"


def test_admin_own_login_form_redirects_to_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=/admin/"


def test_admin_refuses_an_approved_member_who_is_not_staff(client):
    client.force_login(UserFactory())
    response = client.get("/admin/")
    assert response.status_code == 403
    assert "You may not see this page" in response.content.decode()


def test_admin_sends_staff_without_totp_to_enrol(client):
    client.force_login(SecretariatFactory())
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('mfa_activate_totp')}?next=%2Fadmin%2F"


def test_admin_opens_for_staff_with_totp(client):
    staff = SecretariatFactory()
    enrol_totp(staff)
    client.force_login(staff)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Curate the portal" in response.content.decode()


def test_admin_opens_without_totp_when_the_setting_is_off(client, settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = False
    client.force_login(SecretariatFactory())
    assert "Curate the portal" in client.get("/admin/").content.decode()


def test_staff_login_with_totp_asks_for_the_code(client):
    staff = SecretariatFactory()
    enrol_totp(staff)
    response = client.post(
        reverse("account_login"), {"login": staff.email, "password": "a-long-test-password-2030"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
