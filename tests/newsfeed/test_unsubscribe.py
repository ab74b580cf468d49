import time
from unittest import mock

import pytest
from django.test import Client

from accounts.models import User
from accounts.services import user_update_settings
from newsfeed.services.digests import unsubscribe_token
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def _url(user) -> str:
    """The link in the digest the person receives now."""
    return f"/news/unsubscribe/{unsubscribe_token(user=user, frequency=user.digest_frequency)}/"


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


def _token(user, *, frequency: str, days_ago: float = 0) -> str:
    """A token as a digest sent ``days_ago`` days ago carried it."""
    issued = time.time() - days_ago * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=issued):
        return unsubscribe_token(user=user, frequency=frequency)


def test_old_daily_digest_link_leaves_a_weekly_subscriber_alone(client):
    user = UserFactory(digest_frequency="daily")
    url = f"/news/unsubscribe/{_token(user, frequency='daily')}/"
    user_update_settings(
        user=user, name=user.name, language="en", time_zone="UTC", digest_frequency="weekly"
    )
    page = client.get(url).content.decode()
    assert "Nothing was changed" in page
    assert "Unsubscribe</button>" not in page
    done = client.post(url).content.decode()
    assert "Nothing was changed" in done
    assert "You are unsubscribed" not in done
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert User.objects.get(pk=user.pk).digest_frequency == "weekly"


def test_expired_unsubscribe_link_is_refused(client):
    user = UserFactory(digest_frequency="weekly")
    url = f"/news/unsubscribe/{_token(user, frequency='weekly', days_ago=61)}/"
    for response in (
        client.get(url),
        client.post(url),
        client.post(url, {"List-Unsubscribe": "One-Click"}),
    ):
        assert response.status_code == 400
        assert "This unsubscribe link is not valid" in response.content.decode()
    assert User.objects.get(pk=user.pk).digest_frequency == "weekly"


def test_unsubscribe_link_max_age_comes_from_the_setting(client, settings):
    settings.NEWSFEED_UNSUBSCRIBE_MAX_AGE_DAYS = 7
    user = UserFactory(digest_frequency="weekly")
    url = f"/news/unsubscribe/{_token(user, frequency='weekly', days_ago=8)}/"
    assert client.post(url).status_code == 400
    assert User.objects.get(pk=user.pk).digest_frequency == "weekly"


def test_unsubscribe_link_younger_than_the_max_age_unsubscribes(client):
    user = UserFactory(digest_frequency="weekly")
    url = f"/news/unsubscribe/{_token(user, frequency='weekly', days_ago=59)}/"
    assert "Stop the news digest" in client.get(url).content.decode()
    assert "You are unsubscribed" in client.post(url).content.decode()
    assert User.objects.get(pk=user.pk).digest_frequency == "none"


def test_unsubscribe_link_of_a_deleted_account_is_not_valid(client):
    user = UserFactory(digest_frequency="weekly")
    url = _url(user)
    user.delete()
    response = client.post(url)
    assert response.status_code == 400
    assert "This unsubscribe link is not valid" in response.content.decode()
