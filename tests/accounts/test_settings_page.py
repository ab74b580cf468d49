import pytest
from django.urls import reverse

from accounts.models import User
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def _post(client, **overrides):
    data = {
        "name": "Ana Torres",
        "language": "fr",
        "time_zone": "Asia/Seoul",
        "digest_frequency": "daily",
        **overrides,
    }
    return client.post(reverse("accounts:settings"), data)


def test_settings_page_saves_name_language_time_zone_and_digest(client):
    user = UserFactory(name="Old", language="en", time_zone="UTC", digest_frequency="weekly")
    client.force_login(user)
    response = _post(client)
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.name, user.language, user.time_zone, user.digest_frequency) == (
        "Ana Torres",
        "fr",
        "Asia/Seoul",
        "daily",
    )
    # The page now speaks the chosen language.
    assert "Vos paramètres" in client.get(reverse("accounts:settings")).content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone", "Select a valid choice."),
        ({"name": "x" * 10_000}, "name", "Ensure this value has at most 150 characters"),
        ({"digest_frequency": "hourly"}, "digest_frequency", "Select a valid choice."),
    ],
)
def test_settings_bad_input_changes_nothing(client, overrides, field, message):
    user = UserFactory(name="Kept", language="en", time_zone="UTC", digest_frequency="weekly")
    client.force_login(user)
    response = _post(client, **overrides)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    stored = User.objects.get(pk=user.pk)
    assert (stored.name, stored.language, stored.time_zone, stored.digest_frequency) == (
        "Kept",
        "en",
        "UTC",
        "weekly",
    )


def test_settings_page_needs_sign_in(client):
    response = client.get(reverse("accounts:settings"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_time_zone_is_validated_by_the_model_too():
    from django.core.exceptions import ValidationError

    user = UserFactory()
    user.time_zone = "Nowhere/Atlantis"
    with pytest.raises(ValidationError) as error:
        user.full_clean()
    assert "time_zone" in error.value.message_dict
