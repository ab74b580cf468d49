import os
import subprocess
import sys

from tests.conftest import BASE_DIR


def test_production_settings_refuse_to_start_without_secret_key():
    env = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY"}} | {
        "DJANGO_SETTINGS_MODULE": "config.settings.production"
    }
    completed = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 2
    assert "the SECRET_KEY environment variable is not set" in completed.stderr
    assert "Traceback" not in completed.stderr
