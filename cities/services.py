"""Writes of the cities app beyond a plain admin save."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cities.models import Affiliation, Member
from cities.selectors import bump_map_generation
from core.rules import require_perm


def member_map_changed() -> None:
    """Tell the map that members changed, after the change commits (the GeoJSON cache)."""
    transaction.on_commit(bump_map_generation)


def affiliation_confirm(*, affiliation: Affiliation, confirmed_by) -> Affiliation:
    """The secretariat confirms that a person speaks for (or works with) a member."""
    require_perm(
        confirmed_by,
        "cities.confirm_affiliation",
        message=_("Only the secretariat confirms affiliations."),
    )
    with transaction.atomic():
        affiliation = Affiliation.objects.select_for_update().get(pk=affiliation.pk)
        if affiliation.confirmed_at is not None:
            return affiliation
        if not affiliation.user.is_approved:
            raise ValidationError(
                _("Approve the account of %(user)s before confirming the affiliation.")
                % {"user": affiliation.user}
            )
        affiliation.confirmed_at = timezone.now()
        affiliation.confirmed_by = confirmed_by
        affiliation.full_clean()
        affiliation._history_user = confirmed_by
        affiliation._change_reason = "affiliation confirmed by the secretariat"
        affiliation.save(update_fields=["confirmed_at", "confirmed_by"])
    return affiliation


def affiliation_request(*, user, member: Member, role_title: str, is_focal_point: bool):
    """A person asks to be affiliated to a member (and, maybe, to speak for it); the
    secretariat confirms it in the admin."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in first."))
    with transaction.atomic():
        # Lock the person, not the affiliation: two requests at once would both find none.
        get_user_model().objects.select_for_update().get(pk=user.pk)
        if Affiliation.objects.filter(user=user).exists():
            raise ValidationError(_("You are already affiliated to a member."))
        affiliation = Affiliation(
            user=user, member=member, role_title=role_title, is_focal_point=is_focal_point
        )
        affiliation.full_clean()
        affiliation._history_user = user
        affiliation._change_reason = "affiliation requested by the person"
        affiliation.save()
    return affiliation


PROFILE_FIELDS = [
    "description", "website", "inhabitants", "representative_name", "representative_title",
    "political_structure", "has_observatory", "has_ombudsman", "has_human_rights_office",
    "local_charter", "local_charter_year", "language",
]  # fmt: skip


def member_update_profile(*, member: Member, by, data: dict, focus_areas=None) -> Member:
    """The member's focal point (or the secretariat) updates its public profile."""
    from cities.rules import is_focal_point_of

    require_perm(
        by,
        "cities.update_member_profile",
        member,
        message=_("Only the member's focal point updates its profile."),
    )
    by_focal_point = is_focal_point_of(by, member)
    fields = [name for name in PROFILE_FIELDS if name in data]
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member.pk)
        for name in fields:
            setattr(member, name, data[name])
        member.full_clean()
        if focus_areas is not None:
            # One history row for the whole update: the save below records the new focus areas.
            member.skip_history_when_saving = True
            try:
                member.focus_areas.set(focus_areas)
            finally:
                del member.skip_history_when_saving
        member._history_user = by
        member._change_reason = (
            "profile updated by the focal point"
            if by_focal_point
            else "profile updated by the secretariat"
        )
        # updated_at always, so that a change of focus areas alone is saved and recorded too.
        member.save(update_fields=[*fields, "updated_at"])
        member_map_changed()
    return member


def member_set_published(*, member: Member, by, published: bool) -> tuple[Member, bool]:
    """Show or hide a member in the directory, the map and its profile; returns the member and
    whether anything changed. Announcing a new member is the newsfeed's part:
    ``newsfeed.services.members.member_publish`` calls this, then publishes the news."""
    require_perm(by, "cities.publish_member", message=_("Only the secretariat publishes members."))
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member.pk)
        if member.is_published == published:
            return member, False
        member.is_published = published
        member._history_user = by
        member._change_reason = "published" if published else "unpublished"
        member.save(update_fields=["is_published", "updated_at"])
        member_map_changed()
    return member, True
