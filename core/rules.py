"""Base permission predicates every app composes (``rules``)."""

import rules
from django.core.exceptions import PermissionDenied

from core.visibility import Visibility, user_sees_members_content

SECRETARIAT_GROUP = "Secretariat"
STEERING_GROUP = "Steering group"


@rules.predicate
def is_approved_member(user) -> bool:
    return user_sees_members_content(user)


@rules.predicate
def is_secretariat(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not user.is_staff:
        return False
    # Asked for every post of a page: answered once per request (the user object is new each
    # request).
    if "_is_secretariat" not in user.__dict__:
        user.__dict__["_is_secretariat"] = user.groups.filter(name=SECRETARIAT_GROUP).exists()
    return user.__dict__["_is_secretariat"]


@rules.predicate
def is_steering_group(user) -> bool:
    if not user_sees_members_content(user):
        return False
    return user.groups.filter(name=STEERING_GROUP).exists()


@rules.predicate
def can_see(user, obj) -> bool:
    """The visibility rule for one object with a ``visibility`` field."""
    if obj is None:
        return False
    return obj.visibility == Visibility.PUBLIC or user_sees_members_content(user)


# The visibility rule: members-only content, and one object with a ``visibility`` field.
rules.add_perm("core.see_members_content", is_approved_member)
rules.add_perm("core.see", can_see)


def require_perm(user, perm: str, obj=None, *, message: str) -> None:
    """Refuse (PermissionDenied, the 403 page) unless the rule grants ``perm``.

    Services call it before they write; views ask ``user.has_perm`` and templates
    ``{% has_perm %}`` for the same names, so each decision is declared once, in ``rules.py``."""
    if not rules.has_perm(perm, user, obj):
        raise PermissionDenied(message)
