"""Who may act for a member. Other apps compose these predicates (e.g. the campaign's pledge)."""

import rules

from core.rules import is_approved_member, is_secretariat


def confirmed_affiliation(user):
    """The user's confirmed affiliation, or None (cached on the user for the request)."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_confirmed_affiliation"):
        from cities.models import Affiliation

        user._confirmed_affiliation = (
            Affiliation.objects.select_related("member")
            .filter(user=user, confirmed_at__isnull=False)
            .first()
        )
    return user._confirmed_affiliation


@rules.predicate
def is_focal_point_of(user, member) -> bool:
    """The member's confirmed focal point (an approved member account)."""
    if member is None or not is_approved_member(user):
        return False
    affiliation = confirmed_affiliation(user)
    return bool(affiliation and affiliation.is_focal_point and affiliation.member_id == member.pk)


@rules.predicate
def is_focal_point(user) -> bool:
    """The confirmed focal point of some member (the campaign's pledge form is theirs)."""
    if not is_approved_member(user):
        return False
    affiliation = confirmed_affiliation(user)
    return bool(affiliation and affiliation.is_focal_point)


@rules.predicate
def is_affiliated_to(user, member) -> bool:
    if member is None or not is_approved_member(user):
        return False
    affiliation = confirmed_affiliation(user)
    return bool(affiliation and affiliation.member_id == member.pk)


rules.add_perm("cities.update_member_profile", is_focal_point_of | is_secretariat)
rules.add_perm("cities.confirm_affiliation", is_secretariat)
rules.add_perm("cities.publish_member", is_secretariat)
