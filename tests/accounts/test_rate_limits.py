import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_ten_wrong_passwords_are_rate_limited_but_another_client_still_signs_in():
    user = UserFactory()
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(10):
        response = _login(attacker, user.email, "wrong-password")
        assert "The email address and/or password you specified are not correct." in (
            response.content.decode()
        )

    blocked = _login(attacker, user.email, PASSWORD)
    assert "Too many failed login attempts. Try again later." in blocked.content.decode()
    assert "_auth_user_id" not in attacker.session

    owner = Client(REMOTE_ADDR="198.51.100.20")
    response = _login(owner, user.email, PASSWORD)
    assert response.status_code == 302
    assert owner.session["_auth_user_id"] == str(user.pk)
