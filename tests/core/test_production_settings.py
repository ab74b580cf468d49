"""Production settings start only with real services and a strong key, and say what is missing."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import BASE_DIR

STRONG_KEY = secrets.token_urlsafe(64)
DATABASE_URL = "postgres://portal:portal@db.invalid:5432/portal"
REDIS_URL = "redis://redis.invalid:6379/0"
SETUP = "import django; django.setup()"


def _run(args: list[str], tmp_path: Path, **variables: str) -> subprocess.CompletedProcess:
    """Run Python under the production settings with only the given variables set."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        # Where the embedded services would leave files, if anything tried to start them.
        "PORTAL_VAR_DIR": str(tmp_path / "var"),
        "PYTHONDONTWRITEBYTECODE": "1",
        **variables,
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _assert_refused(completed: subprocess.CompletedProcess, setting: str) -> None:
    assert completed.returncode == 2, completed.stderr
    assert completed.stderr.startswith("Refusing to start: ")
    assert setting in completed.stderr
    assert "Traceback" not in completed.stderr


def test_production_refuses_to_start_without_secret_key(tmp_path):
    completed = _run(
        ["manage.py", "check"], tmp_path, DATABASE_URL=DATABASE_URL, REDIS_URL=REDIS_URL
    )
    _assert_refused(completed, "SECRET_KEY")
    assert "the SECRET_KEY environment variable is not set" in completed.stderr


@pytest.mark.parametrize(
    "secret_key",
    [
        "change-me",
        secrets.token_urlsafe(64)[:49],
        "abcd" * 20,
        "django-insecure-" + secrets.token_urlsafe(64),
    ],
    ids=["env-example-placeholder", "49-characters", "4-unique-characters", "django-insecure"],
)
def test_production_refuses_to_start_with_weak_secret_key(tmp_path, secret_key):
    completed = _run(
        ["-c", SETUP],
        tmp_path,
        SECRET_KEY=secret_key,
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
    )
    _assert_refused(completed, "SECRET_KEY")


def test_production_refuses_to_start_without_database_url_and_starts_no_database(tmp_path):
    completed = _run(["-c", SETUP], tmp_path, SECRET_KEY=STRONG_KEY, REDIS_URL=REDIS_URL)
    _assert_refused(completed, "DATABASE_URL")
    assert not (tmp_path / "var" / "pgdata").exists()


def test_production_refuses_to_start_without_redis_url(tmp_path):
    completed = _run(["-c", SETUP], tmp_path, SECRET_KEY=STRONG_KEY, DATABASE_URL=DATABASE_URL)
    _assert_refused(completed, "REDIS_URL")


def test_production_refuses_the_filesystem_broker(tmp_path):
    completed = _run(
        ["-c", SETUP],
        tmp_path,
        SECRET_KEY=STRONG_KEY,
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
        CELERY_BROKER_URL="filesystem://",
    )
    _assert_refused(completed, "CELERY_BROKER_URL")


def test_production_keeps_broker_results_and_cache_in_redis(tmp_path):
    completed = _run(
        [
            "-c",
            f"{SETUP}; from django.conf import settings as s; "
            "print(s.CELERY_BROKER_URL, s.CELERY_RESULT_BACKEND, s.CACHES['default']['BACKEND'], "
            "s.CACHES['default']['LOCATION'], s.ALLAUTH_TRUSTED_PROXY_COUNT)",
        ],
        tmp_path,
        SECRET_KEY=STRONG_KEY,
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.split() == [
        REDIS_URL,
        REDIS_URL,
        "django.core.cache.backends.redis.RedisCache",
        REDIS_URL,
        # No proxy is trusted unless the operator says so (TRUSTED_PROXY_COUNT).
        "0",
    ]


def test_production_with_everything_set_passes_the_deployment_checks(tmp_path):
    completed = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        SECRET_KEY=STRONG_KEY,
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
        ALLOWED_HOSTS="portal.example.org",
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "System check identified no issues" in completed.stdout


def test_static_storage_keeps_a_source_map_reference_the_package_does_not_ship(settings, tmp_path):
    import xstatic.pkg.leaflet_markercluster as markercluster

    settings.STATICFILES_DIRS = [("leaflet-markercluster", markercluster.BASE_DIR)]
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "config.storage.PortalStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)

    (hashed,) = (tmp_path / "static" / "leaflet-markercluster").glob("leaflet.markercluster.*.js")
    assert (
        hashed.read_text().splitlines()[-1] == "//# sourceMappingURL=leaflet.markercluster.js.map"
    )
    # The source map that does exist is still rewritten to its hashed name.
    (src,) = (tmp_path / "static" / "leaflet-markercluster").glob("leaflet.markercluster-src.*.js")
    last_line = src.read_text().splitlines()[-1]
    assert last_line.startswith("//# sourceMappingURL=leaflet.markercluster-src.js.")
    assert last_line.endswith(".map")
    assert last_line != "//# sourceMappingURL=leaflet.markercluster-src.js.map"


def test_static_storage_still_fails_on_a_missing_image(settings, tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    (source / "site.css").write_text('body { background: url("missing.png"); }\n')
    settings.STATICFILES_DIRS = [str(source)]
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "config.storage.PortalStaticFilesStorage"},
    }
    with pytest.raises(ValueError, match="missing.png"):
        call_command("collectstatic", interactive=False, verbosity=0)
