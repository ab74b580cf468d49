import json
import os
import subprocess
import sys

import pytest

from tests.conftest import BASE_DIR, database_url_for_worker

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_broker_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "broker": "ok"},
    }


def _healthz_in_subprocess(env_overrides: dict) -> tuple[int, str]:
    code = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client(raise_request_exception=False).get('/healthz');"
        "print(json.dumps({'status': r.status_code, 'body': r.content.decode()}))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", **env_overrides}
    completed = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    return result["status"], result["body"]


def test_healthz_names_an_unreachable_database_without_a_traceback():
    status, body = _healthz_in_subprocess(
        {"DATABASE_URL": "postgres://postgres@127.0.0.1:1/portal"}
    )
    assert status == 503
    assert json.loads(body)["checks"]["database"] == "unreachable"
    assert "Traceback" not in body


def test_healthz_names_an_unreachable_broker():
    status, body = _healthz_in_subprocess(
        {
            "DATABASE_URL": database_url_for_worker(),
            "CELERY_BROKER_URL": "redis://127.0.0.1:1/0",
        }
    )
    assert status == 503
    assert json.loads(body)["checks"] == {"database": "ok", "broker": "unreachable"}
