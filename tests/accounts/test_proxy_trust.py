"""The login rate limit counts the real client, whatever X-Forwarded-For a client sends."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TOO_MANY = "Too many failed login attempts. Try again later."
WRONG = "The email address and/or password you specified are not correct."


def _login(client, email, password, forwarded_for):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        headers={"x-forwarded-for": forwarded_for},
    )


def test_rotating_x_forwarded_for_without_a_trusted_proxy_is_still_rate_limited(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    user = UserFactory()
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for attempt in range(10):
        response = _login(attacker, user.email, "wrong-password", f"198.51.100.{attempt}")
        assert WRONG in response.content.decode()

    blocked = _login(attacker, user.email, PASSWORD, "198.51.100.99")
    assert TOO_MANY in blocked.content.decode()
    assert "_auth_user_id" not in attacker.session


def test_behind_one_proxy_the_address_it_appends_is_the_client(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    user = UserFactory()
    # Every request reaches gunicorn from the proxy; the proxy appends the real client last.
    attacker = Client(REMOTE_ADDR="10.0.0.2")
    for attempt in range(10):
        forged = f"198.51.100.{attempt}, 203.0.113.9"
        response = _login(attacker, user.email, "wrong-password", forged)
        assert WRONG in response.content.decode()

    blocked = _login(attacker, user.email, PASSWORD, "198.51.100.99, 203.0.113.9")
    assert TOO_MANY in blocked.content.decode()

    owner = Client(REMOTE_ADDR="10.0.0.2")
    response = _login(owner, user.email, PASSWORD, "192.0.2.44")
    assert response.status_code == 302
    assert owner.session["_auth_user_id"] == str(user.pk)
