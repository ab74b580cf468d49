import pytest
from django.test import Client

from accounts.models import User
from newsfeed.services.digests import unsubscribe_token
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def _url(user) -> str:
    return f"/news/unsubscribe/{unsubscribe_token(user=user, frequency='weekly')}/"


def test_unsubscribe_link_works_without_login_and_only_once(client):
    user = UserFactory(digest_frequency="weekly")
    page = client.get(_url(user))
    assert "Stop the news digest" in page.content.decode()
    assert User.objects.get(pk=user.pk).digest_frequency == "weekly"  # GET changes nothing
    done = client.post(_url(user))
    assert "You are unsubscribed" in done.content.decode()
    assert User.objects.get(pk=user.pk).digest_frequency == "none"
    again = client.post(_url(user))
    assert "You were already unsubscribed" in again.content.decode()


def test_one_click_post_needs_no_body_beyond_the_rfc_8058_field():
    user = UserFactory(digest_frequency="daily")
    client = Client(enforce_csrf_checks=True)
    response = client.post(_url(user), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert response.content == b""
    assert User.objects.get(pk=user.pk).digest_frequency == "none"


def test_tampered_unsubscribe_token_gets_a_clear_error(client):
    user = UserFactory(digest_frequency="weekly")
    url = _url(user)
    tampered = url.replace(url[-8:-2], "AAAAAA")
    response = client.post(tampered)
    assert response.status_code == 400
    assert "This unsubscribe link is not valid" in response.content.decode()
    assert User.objects.get(pk=user.pk).digest_frequency == "weekly"
