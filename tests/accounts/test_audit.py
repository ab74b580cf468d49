import pytest
from django.urls import reverse

from accounts.models import User
from accounts.services import user_approve, user_update_settings, users_approve
from tests.accounts.factories import (
    PASSWORD,
    PendingUserFactory,
    SecretariatFactory,
    UserFactory,
    enrol_totp,
)

pytestmark = pytest.mark.django_db


def _changed_fields(record) -> list[str]:
    return sorted(record.diff_against(record.prev_record).changed_fields)


def test_user_approve_records_the_secretariat_and_the_reason():
    pending = PendingUserFactory()
    secretariat = SecretariatFactory()
    rows_before = pending.history.count()

    user_approve(user=pending, approved_by=secretariat)

    assert pending.history.count() == rows_before + 1
    record = pending.history.latest()
    assert record.history_type == "~"
    assert record.history_user == secretariat
    assert record.history_change_reason == "approved by the secretariat"
    assert _changed_fields(record) == ["approved_at", "approved_by", "is_approved"]


def test_approving_an_approved_account_again_records_nothing():
    user = UserFactory()
    rows_before = user.history.count()
    user_approve(user=user, approved_by=SecretariatFactory())
    assert user.history.count() == rows_before


def test_users_approve_records_the_secretariat_for_each_account():
    first, second = PendingUserFactory(), PendingUserFactory()
    secretariat = SecretariatFactory()

    users_approve(users=User.objects.filter(pk__in=[first.pk, second.pk]), approved_by=secretariat)

    for user in (first, second):
        record = user.history.latest()
        assert (record.history_user, record.history_change_reason) == (
            secretariat,
            "approved by the secretariat",
        )


def test_user_update_settings_records_the_person_and_the_changed_fields():
    user = UserFactory(name="Ana Torres", language="en", time_zone="UTC", digest_frequency="weekly")

    user_update_settings(
        user=user,
        name="Ana Torres",
        language="es",
        time_zone="America/Argentina/Buenos_Aires",
        digest_frequency="weekly",
    )

    record = user.history.latest()
    assert record.history_user == user
    assert record.history_change_reason == "settings updated by the person"
    assert _changed_fields(record) == ["language", "time_zone"]
    assert (user.language, user.time_zone) == ("es", "America/Argentina/Buenos_Aires")


def test_user_update_settings_keeps_a_change_made_meanwhile():
    user = UserFactory(name="Ana Torres")
    stale = User.objects.get(pk=user.pk)
    User.objects.filter(pk=user.pk).update(is_active=False)

    user_update_settings(
        user=stale, name="Ana T.", language="fr", time_zone="UTC", digest_frequency="daily"
    )

    user.refresh_from_db()
    assert (user.name, user.is_active) == ("Ana T.", False)
    assert user.history.latest().is_active is False


def test_the_history_keeps_no_password_and_no_last_login():
    fields = {field.name for field in User.history.model._meta.fields}
    assert "password" not in fields
    assert "last_login" not in fields
    assert {"email", "is_approved", "approved_by", "history_user"} <= fields


def test_signing_in_and_a_new_password_add_no_history_row(client):
    user = UserFactory()
    rows_before = user.history.count()

    client.force_login(user)
    user.refresh_from_db()
    user.set_password("another-long-password-2030")
    user.save(update_fields=["password"])

    assert user.last_login is not None
    assert user.history.count() == rows_before


def test_the_secretariat_sees_who_approved_an_account_in_the_admin(client):
    secretariat = SecretariatFactory(name="Maria Secretariat")
    enrol_totp(secretariat)
    pending = PendingUserFactory()
    user_approve(user=pending, approved_by=secretariat)
    client.force_login(secretariat)

    response = client.get(reverse("admin:accounts_user_history", args=[pending.pk]))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Maria Secretariat" in body
    assert "approved by the secretariat" in body


def test_an_account_cannot_be_reverted_from_its_history(client):
    secretariat = SecretariatFactory()
    enrol_totp(secretariat)
    pending = PendingUserFactory()
    user_approve(user=pending, approved_by=secretariat)
    first = pending.history.earliest()
    client.force_login(secretariat)
    url = reverse("admin:accounts_user_simple_history", args=[pending.pk, first.history_id])

    page = client.get(url)
    response = client.post(url, {"email": pending.email, "name": "Reverted"})

    assert page.status_code == 200
    assert 'value="Revert"' not in page.content.decode()
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.name != "Reverted"
    assert pending.check_password(PASSWORD) is True
