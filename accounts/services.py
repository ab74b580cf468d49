"""Writes to accounts: approval by the secretariat, a person's own settings."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.rules import is_secretariat


def user_approve(*, user: User, approved_by: User) -> User:
    """Approve one pending account and tell the person by e-mail (after commit)."""
    if not is_secretariat(approved_by):
        raise PermissionDenied("Only the secretariat approves accounts.")
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_approved:
            return user
        user.is_approved = True
        user.approved_at = timezone.now()
        user.approved_by = approved_by
        user.full_clean()
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
    with transaction.atomic():
        user.name = name
        user.language = language
        user.time_zone = time_zone
        user.digest_frequency = digest_frequency
        user.full_clean()
        user.save(update_fields=["name", "language", "time_zone", "digest_frequency"])
    return user
