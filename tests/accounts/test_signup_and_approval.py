import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from core.rules import is_approved_member
from tests.accounts.factories import SecretariatFactory, enrol_totp

pytestmark = pytest.mark.django_db


def _signup(client, **overrides):
    data = {
        "email": "ana@city.example",
        "name": "Ana Torres",
        "password1": "rights-for-all-2030",
        "password2": "rights-for-all-2030",
        **overrides,
    }
    return client.post(reverse("account_signup"), data)


def test_signup_verify_login_pending_then_approved_member(
    client, django_capture_on_commit_callbacks
):
    response = _signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="ana@city.example")
    assert user.name == "Ana Torres"
    assert user.is_approved is False

    # The verification e-mail carries the confirmation link.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ana@city.example"]
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[0].body)
    assert link is not None
    confirm = client.post(link.group(1))
    assert confirm.status_code == 302
    assert user.emailaddress_set.get().verified is True

    login = client.post(
        reverse("account_login"),
        {"login": "ana@city.example", "password": "rights-for-all-2030"},
    )
    assert login.status_code == 302
    assert login["Location"] == reverse("accounts:pending")
    pending = client.get(reverse("accounts:pending"))
    assert "Your account is waiting for approval" in pending.content.decode()
    assert is_approved_member(user) is False

    # The secretariat approves from the admin's list of users.
    secretariat = SecretariatFactory()
    enrol_totp(secretariat)
    staff_client = client.__class__()
    staff_client.force_login(secretariat)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:accounts_user_changelist"),
            {"action": "approve_selected", "_selected_action": [user.pk]},
            follow=True,
        )
    assert "1 account approved." in response.content.decode()

    user.refresh_from_db()
    assert user.is_approved is True
    assert user.approved_by == secretariat
    assert is_approved_member(user) is True
    assert [message.to for message in mail.outbox] == [["ana@city.example"]]
    assert "approved" in mail.outbox[0].subject
    assert mail.outbox[0].alternatives[0][1] == "text/html"

    # The notice is gone once approved.
    home = client.get(reverse("portal:home"))
    assert "waiting for approval" not in home.content.decode()


def test_pending_user_sees_notice_on_every_page(client):
    _signup(client)
    user = User.objects.get(email="ana@city.example")
    client.force_login(user)
    body = client.get(reverse("portal:home")).content.decode()
    assert "Your account is waiting for approval by the secretariat." in body


def test_approve_action_refused_for_staff_outside_secretariat(client):
    pending = User.objects.create_user("p@example.org", "x-long-password-1")
    staff = User.objects.create_user(
        "staff@example.org",
        "x-long-password-1",
        is_staff=True,
        is_approved=True,
        approved_at=pending.date_joined,
    )
    enrol_totp(staff)
    # Staff may browse users (view permission) but approving is the secretariat's.
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(
        Permission.objects.get(codename="view_user"), Permission.objects.get(codename="change_user")
    )
    client.force_login(staff)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "approve_selected", "_selected_action": [pending.pk]},
        follow=True,
    )
    assert "Only the secretariat approves accounts." in response.content.decode()
    pending.refresh_from_db()
    assert pending.is_approved is False
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"password2": "something-else-2030"}, "password2", "You must type the same password"),
        ({"name": "x" * 10_000}, "name", "Ensure this value has at most 150 characters"),
    ],
)
def test_signup_bad_input_is_refused_and_nothing_saved(client, overrides, field, message):
    response = _signup(client, **overrides)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert message in " ".join(errors[field])
    assert message in response.content.decode().replace("&#x27;", "'")
    assert User.objects.count() == 0
    assert mail.outbox == []
