from importlib.util import find_spec
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from simple_history.models import HistoricalChanges

from accounts.demo import DEMO_USERS
from accounts.models import User
from config.apps import PORTAL_APPS

pytestmark = pytest.mark.django_db


def _row_counts() -> dict[str, int]:
    # The audit trail may note that the loader ran again; the records themselves must not grow.
    return {
        model._meta.label: model.objects.count()
        for label in PORTAL_APPS
        for model in apps.get_app_config(label).get_models()
        if not issubclass(model, HistoricalChanges)
    }


def test_load_demo_loads_every_app_with_a_demo_module_bottom_to_top():
    out = StringIO()
    call_command("load_demo", stdout=out)
    loaded = [line.strip().removesuffix(": loaded") for line in out.getvalue().splitlines()[:-1]]
    assert loaded == [app for app in PORTAL_APPS if find_spec(f"{app}.demo") is not None]
    assert loaded[:2] == ["accounts", "cities"]


def test_load_demo_twice_gives_the_same_rows(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = _row_counts()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _row_counts() == first
    demo_emails = {email for email, *_rest in DEMO_USERS}
    assert demo_emails <= set(User.objects.values_list("email", flat=True))


def test_demo_accounts_can_sign_in(client):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    secretariat = User.objects.get(email="secretariat@example.org")
    assert secretariat.is_staff and secretariat.groups.filter(name="Secretariat").exists()
    response = client.post(
        "/accounts/login/",
        {"login": "secretariat@example.org", "password": "human-rights-2030"},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(secretariat.pk)
    pending = User.objects.get(email="pending@example.org")
    assert pending.is_approved is False
