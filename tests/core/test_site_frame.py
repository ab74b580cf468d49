import pytest
from django.urls import reverse

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_home_page_has_skip_link_landmarks_and_language_switcher(client):
    body = client.get(reverse("portal:home")).content.decode()
    assert '<a class="skip-link" href="#main">Skip to main content</a>' in body
    assert '<main id="main"' in body
    assert '<nav class="site-nav" aria-label="Main">' in body
    for code, label in [("en", "English"), ("fr", "Français"), ("es", "Español")]:
        assert f'<option value="{code}" lang="{code}"' in body
        assert label in body


def test_language_switcher_changes_interface_strings(client):
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert "Aller au contenu principal" in client.get("/").content.decode()
    client.post(reverse("set_language"), {"language": "es", "next": "/"})
    assert "Ir al contenido principal" in client.get("/").content.decode()


def test_missing_page_is_a_404_in_the_site_frame(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body
    assert "skip-link" in body


def test_signed_in_user_language_and_time_zone_are_activated(client):
    user = UserFactory(language="es", time_zone="America/Bogota")
    client.force_login(user)
    response = client.get(reverse("accounts:settings"))
    assert "Tu configuración" in response.content.decode()
    assert response.context["TIME_ZONE"] == "America/Bogota"
