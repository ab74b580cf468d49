"""The visibility rule: some content is public, some is for approved members only."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")


def user_sees_members_content(user) -> bool:
    """True for an approved, active member (and staff); the one place this rule lives."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_staff or getattr(user, "is_approved", False))


class VisibleQuerySet(models.QuerySet):
    """A queryset for models with a ``visibility`` field."""

    def visible_to(self, user):
        if user_sees_members_content(user):
            return self
        return self.filter(visibility=Visibility.PUBLIC)

    def public(self):
        return self.filter(visibility=Visibility.PUBLIC)
