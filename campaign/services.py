"""Writes of the campaign: a pledge's life from draft to acceptance."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.models import Pledge, PledgeInitiative, PledgeStatus, PledgeTransition
from campaign.rules import is_pledge_focal_point
from cities.rules import is_focal_point_of
from core.rules import is_secretariat
from newsfeed.models import NewsKind
from newsfeed.services import publish

S = PledgeStatus

# What a bare pledge needs, and what makes it a full form (the campaign counts both).
STATEMENT_FIELDS = ["signatory_name", "signatory_title", "signed_on"]
FORM_SECTIONS = {
    "key": ["inhabitants", "kind", "representative_name", "representative_title"],
    "vision": ["vision_essential", "vision_framework"],
    "motivations": ["motivations"],
}


def _record(pledge: Pledge, *, to_status: str, by, note: str = "") -> None:
    PledgeTransition.objects.create(
        pledge=pledge, from_status=pledge.status, to_status=to_status, by=by, note=note
    )
    pledge.status = to_status


def pledge_for_focal_point(*, user, campaign) -> Pledge:
    """The pledge in progress (or the latest one) of the member the user speaks for; a new
    draft when there is none."""
    from cities.rules import confirmed_affiliation

    affiliation = confirmed_affiliation(user)
    if affiliation is None or not is_focal_point_of(user, affiliation.member):
        raise PermissionDenied(_("Only the confirmed focal point of a member edits its pledge."))
    member = affiliation.member
    pledge = (
        Pledge.objects.filter(member=member, campaign=campaign)
        .exclude(status=S.WITHDRAWN)
        .order_by("-created_at")
        .first()
    )
    if pledge is not None:
        return pledge
    with transaction.atomic():
        pledge = Pledge(
            member=member,
            campaign=campaign,
            inhabitants=member.inhabitants,
            kind=member.kind if member.is_local_government else "",
            representative_name=member.representative_name,
            representative_title=member.representative_title,
            political_structure=member.political_structure,
        )
        pledge.full_clean()
        pledge.save()
        PledgeTransition.objects.create(pledge=pledge, to_status=S.DRAFT, by=user)
    return pledge


def pledge_save_draft(
    *, pledge: Pledge, by, fields: dict, focus_areas=None, initiatives=None
) -> Pledge:
    """Save part of the form (one step); partial answers are fine until submission."""
    if not is_pledge_focal_point(by, pledge):
        raise PermissionDenied(_("Only the confirmed focal point of the member edits its pledge."))
    if pledge.status not in (S.DRAFT, S.RETURNED):
        raise ValidationError(_("A pledge under review or accepted cannot be changed."))
    with transaction.atomic():
        for name, value in fields.items():
            setattr(pledge, name, value)
        pledge.full_clean()
        pledge.save()
        if focus_areas is not None:
            pledge.focus_areas.set(focus_areas)
        if initiatives is not None:
            pledge.initiatives.all().delete()
            for data in initiatives:
                initiative = PledgeInitiative(pledge=pledge, **data)
                initiative.full_clean()
                initiative.save()
    return pledge


def pledge_missing(pledge: Pledge) -> tuple[list[str], list[str]]:
    """(what the statement still needs, what the full form still needs), as field labels."""

    def label(name):
        return str(Pledge._meta.get_field(name).verbose_name)

    statement = [label(n) for n in STATEMENT_FIELDS if getattr(pledge, n) in (None, "")]
    form = [
        label(n)
        for names in FORM_SECTIONS.values()
        for n in names
        if getattr(pledge, n) in (None, "")
    ]
    if not pledge.focus_areas.exists():
        form.append(str(Pledge._meta.get_field("focus_areas").verbose_name))
    if not pledge.initiatives.exists():
        form.append(_("at least one key local initiative"))
    return statement, form


def pledge_submit(*, pledge: Pledge, by) -> Pledge:
    """Send the pledge to the secretariat. The statement and signatory are always required;
    it counts as a full form when every section is answered."""
    if not is_pledge_focal_point(by, pledge):
        raise PermissionDenied(
            _("Only the confirmed focal point of the member submits its pledge.")
        )
    if pledge.status not in (S.DRAFT, S.RETURNED):
        raise ValidationError(_("This pledge has already been submitted."))
    statement_missing, form_missing = pledge_missing(pledge)
    if statement_missing:
        raise ValidationError(
            _("Before submitting, complete: %(fields)s.") % {"fields": ", ".join(statement_missing)}
        )
    with transaction.atomic():
        pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
        pledge.with_form = not form_missing
        pledge.submitted_at = timezone.now()
        _record(pledge, to_status=S.SUBMITTED, by=by)
        pledge.full_clean()
        pledge.save()
    return pledge


def pledge_return(*, pledge: Pledge, by, note: str) -> Pledge:
    """The secretariat sends the pledge back with a note; the focal points are e-mailed."""
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat reviews pledges."))
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Write a note that tells the member what to change."))
    with transaction.atomic():
        pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
        if pledge.status != S.SUBMITTED:
            raise ValidationError(_("Only a submitted pledge can be returned."))
        pledge.reviewer_note = note
        _record(pledge, to_status=S.RETURNED, by=by, note=note)
        pledge.full_clean()
        pledge.save()
        from campaign.tasks import send_review_email

        send_review_email.delay_on_commit(pledge.pk)
    return pledge


def pledge_accept(*, pledge: Pledge, by) -> Pledge:
    """The secretariat accepts: the pledge counts toward the milestones and is announced."""
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat reviews pledges."))
    with transaction.atomic():
        pledge = Pledge.objects.select_for_update().select_related("member").get(pk=pledge.pk)
        if pledge.status != S.SUBMITTED:
            raise ValidationError(_("Only a submitted pledge can be accepted."))
        already = (
            Pledge.objects.accepted()
            .filter(member=pledge.member, campaign=pledge.campaign)
            .exclude(pk=pledge.pk)
            .exists()
        )
        if already:
            raise ValidationError(
                _("%(member)s already has an accepted pledge in this campaign.")
                % {"member": pledge.member}
            )
        pledge.accepted_at = timezone.now()
        pledge.reviewer_note = ""
        _record(pledge, to_status=S.ACCEPTED, by=by)
        pledge.full_clean()
        pledge.save()
        publish(
            kind=NewsKind.PLEDGE,
            title=_("%(member)s joined the campaign") % {"member": pledge.member.name},
            about=pledge,
            summary=pledge.motivations[:300],
            link=pledge.member.get_absolute_url(),
            member=pledge.member,
            actor=by,
            focus_areas=list(pledge.focus_areas.all()),
        )
        from campaign.tasks import send_review_email

        send_review_email.delay_on_commit(pledge.pk)
    return pledge


def pledge_withdraw(*, pledge: Pledge, by, note: str = "") -> Pledge:
    if not (is_pledge_focal_point(by, pledge) or is_secretariat(by)):
        raise PermissionDenied(_("Only the member's focal point or the secretariat withdraws it."))
    with transaction.atomic():
        pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
        if pledge.status == S.WITHDRAWN:
            return pledge
        _record(pledge, to_status=S.WITHDRAWN, by=by, note=note)
        pledge.save()
    return pledge
