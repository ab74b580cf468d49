"""Writes to accounts: approval by the secretariat, a person's own settings."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.rules import require_perm

SETTINGS_FIELDS = ["name", "language", "time_zone", "digest_frequency"]


def user_approve(*, user: User, approved_by: User) -> User:
    """Approve one pending account and tell the person by e-mail (after commit)."""
    require_perm(
        approved_by, "accounts.approve_user", message=_("Only the secretariat approves accounts.")
    )
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_approved:
            return user
        user.is_approved = True
        user.approved_at = timezone.now()
        user.approved_by = approved_by
        user.full_clean()
        user._history_user = approved_by
        user._change_reason = "approved by the secretariat"
        user.save(update_fields=["is_approved", "approved_at", "approved_by"])

        from accounts.tasks import send_approval_email

        send_approval_email.delay_on_commit(user.pk)
    return user


def users_approve(*, users, approved_by: User) -> list[User]:
    """Approve many accounts at once (the admin action); returns those newly approved."""
    approved = []
    with transaction.atomic():
        for user in users:
            if not user.is_approved:
                approved.append(user_approve(user=user, approved_by=approved_by))
    return approved


def user_update_settings(
    *, user: User, name: str, language: str, time_zone: str, digest_frequency: str
) -> User:
    """A person changes their own name, language, time zone and digest frequency."""
    values = {
        "name": name,
        "language": language,
        "time_zone": time_zone,
        "digest_frequency": digest_frequency,
    }
    with transaction.atomic():
        # The history row copies the whole row: build it from the stored one, not a stale copy.
        stored = User.objects.select_for_update().get(pk=user.pk)
        for field, value in values.items():
            setattr(stored, field, value)
        stored.full_clean()
        stored._history_user = user
        stored._change_reason = "settings updated by the person"
        stored.save(update_fields=SETTINGS_FIELDS)
    # The caller's instance (often request.user) shows the new settings too.
    for field, value in values.items():
        setattr(user, field, value)
    return stored
