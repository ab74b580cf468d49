import os
import re
import subprocess
import sys
from datetime import date

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from campaign.models import Campaign
from tests.accounts.factories import UserFactory
from tests.cities.factories import MemberFactory
from tests.conftest import BASE_DIR

pytestmark = pytest.mark.django_db

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
ATTRIBUTE = re.compile(r"""([\w-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
# Inline event handlers (onclick=...) and style attributes that a strict policy would block.
INLINE_HANDLER_OR_STYLE = re.compile(r"<[a-z][^>]*\s(on[a-z]+|style)\s*=", re.IGNORECASE)


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def _nonce(response) -> str:
    (nonce,) = [
        value.removeprefix("'nonce-").removesuffix("'")
        for value in _directives(response)["script-src"]
        if value.startswith("'nonce-")
    ]
    return nonce


def _attributes(tag_body: str) -> dict[str, str]:
    return {
        match.group(1).lower(): next((g for g in match.groups()[1:] if g is not None), "")
        for match in ATTRIBUTE.finditer(tag_body)
    }


@pytest.fixture
def pages_with_maps():
    MemberFactory(name="Vienna", slug="vienna", latitude="48.21", longitude="16.37")
    Campaign.objects.create(name="Campaign", slug="campaign", launched_on=date(2022, 7, 15))


def test_content_security_policy_has_a_script_nonce_and_no_unsafe_inline(client):
    response = client.get("/")
    directives = _directives(response)
    nonce = _nonce(response)
    assert len(nonce) >= 22
    assert directives == {
        "default-src": ["'self'"],
        "script-src": ["'self'", f"'nonce-{nonce}'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "https://tile.openstreetmap.org"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_each_response_has_its_own_nonce(client):
    assert _nonce(client.get("/")) != _nonce(client.get("/"))


@pytest.mark.parametrize("path", ["/", "/map/", "/members/", "/campaign/", "/members/vienna/"])
def test_inline_scripts_carry_the_response_nonce(client, pages_with_maps, path):
    response = client.get(path)
    assert response.status_code == 200
    nonce = _nonce(response)
    html = response.content.decode()
    inline = [_attributes(body) for body in SCRIPT_TAG.findall(html)]
    inline = [attributes for attributes in inline if "src" not in attributes]
    for attributes in inline:
        # JSON data blocks (json_script) are never executed, so script-src does not govern them.
        if attributes.get("type") == "application/json":
            continue
        assert attributes.get("nonce") == nonce, attributes
    assert INLINE_HANDLER_OR_STYLE.findall(html) == []


def _settings_in_a_new_process(module: str, expression: str, **environment) -> str:
    """``expression`` evaluated on the settings of ``module``, in a process with ``environment``."""
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    completed = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=os.environ | {"DJANGO_SETTINGS_MODULE": module, **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout.strip()


def test_image_sources_follow_the_map_tiles_url():
    img_src = _settings_in_a_new_process(
        "config.settings.test",
        "' '.join(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])",
        MAP_TILES_URL="https://{s}.tiles.example.org:8443/osm/{z}/{x}/{y}.png",
    )
    assert img_src == "'self' data: https://*.tiles.example.org:8443"


PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)


@pytest.mark.parametrize("path", ["/", "/map/", "/healthz", "/no-such-page/"])
def test_every_response_has_a_permissions_policy(client, path):
    assert client.get(path)["Permissions-Policy"] == PERMISSIONS_POLICY


def test_signed_in_pages_are_private(client):
    client.force_login(UserFactory())
    response = client.get(reverse("cities:member_list"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"


def test_anonymous_pages_are_not_marked_private(client):
    response = client.get(reverse("cities:member_list"))
    assert response.status_code == 200
    assert "private" not in response.get("Cache-Control", "")


def test_public_cache_control_becomes_private_for_a_signed_in_user(client):
    url = reverse("cities:members_geojson")
    assert client.get(url)["Cache-Control"] == "public, max-age=300"
    client.force_login(UserFactory())
    assert client.get(url)["Cache-Control"] == "max-age=300, private"


def test_never_cache_responses_keep_their_cache_control(client):
    client.force_login(UserFactory())
    response = client.get(reverse("healthz"))
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


@pytest.mark.parametrize(
    ("language", "navigation", "message"),
    [
        (
            "fr",
            '<nav class="site-nav" aria-label="Principale">',
            "Votre session a expiré ou votre navigateur bloque les cookies de ce site.",
        ),
        (
            "es",
            '<nav class="site-nav" aria-label="Principal">',
            "Tu sesión ha caducado o tu navegador bloquea las cookies de este sitio.",
        ),
    ],
)
def test_csrf_failure_is_a_403_in_the_site_frame_and_the_users_language(
    language, navigation, message
):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("account_login"),
        {"login": "someone@example.org", "password": "whatever"},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 403
    assert response.templates[0].name == "403_csrf.html"
    body = response.content.decode()
    assert f'<html lang="{language}">' in body
    assert navigation in body
    assert message in body
    assert 'class="skip-link"' in body


def test_csrf_failure_page_in_english_says_what_to_do():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "a@example.org"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "<h1>The form could not be sent</h1>" in body
    assert "Your session has expired, or your browser blocks cookies from this site." in body


def _set_cookie_header(response, name: str) -> str:
    return response.cookies[name].output(header="").strip()


def test_settings_page_sets_a_secure_language_cookie_when_told(client, settings):
    settings.LANGUAGE_COOKIE_SECURE = True
    client.force_login(UserFactory(language="en"))
    response = client.post(
        reverse("accounts:settings"),
        {"name": "Ana", "language": "es", "time_zone": "UTC", "digest_frequency": "weekly"},
    )
    assert response.status_code == 302
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "es"
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"


def test_language_switcher_cookie_is_http_only_and_lax(client):
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert (cookie.value, cookie["httponly"], cookie["samesite"]) == ("fr", True, "Lax")
    assert cookie["secure"] == ""


def test_production_language_cookie_is_secure():
    values = _settings_in_a_new_process(
        "config.settings.production",
        "settings.LANGUAGE_COOKIE_SECURE, settings.LANGUAGE_COOKIE_HTTPONLY, "
        "settings.LANGUAGE_COOKIE_SAMESITE",
        SECRET_KEY="test-only-production-key-4f9c2a7e1b8d3c6f0a5e9b2d7c4f1a8e",
    )
    assert values == "True True Lax"
