"""The people of the permission table (DESIGN.md), for the permission tests of every app."""

from django.contrib.auth.models import AnonymousUser

from tests.accounts.factories import (
    PendingUserFactory,
    SecretariatFactory,
    SteeringGroupFactory,
)
from tests.cities.factories import AffiliationFactory, focal_point_of

ROLES = ["visitor", "pending", "member", "focal_point", "steering_group", "secretariat"]


def person(role: str, *, member):
    """Someone in ``role``; members and focal points are affiliated to ``member``."""
    if role == "visitor":
        return AnonymousUser()
    if role == "pending":
        return PendingUserFactory()
    if role == "member":
        return AffiliationFactory(member=member, is_focal_point=False).user
    if role == "focal_point":
        return focal_point_of(member)
    if role == "steering_group":
        return SteeringGroupFactory()
    if role == "secretariat":
        return SecretariatFactory()
    raise ValueError(role)


def allowed_roles(perm: str, obj=None, *, member) -> set[str]:
    """The roles to whom ``user.has_perm(perm, obj)`` says yes (views ask it this way)."""
    return {role for role in ROLES if person(role, member=member).has_perm(perm, obj)}
