"""Writes of the campaign: a pledge's life from draft to acceptance."""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.models import Pledge, PledgeInitiative, PledgeStatus, PledgeTransition
from campaign.rules import is_pledge_focal_point
from cities.rules import confirmed_affiliation
from core.rules import require_perm
from newsfeed.models import NewsKind
from newsfeed.services import publish

S = PledgeStatus

# What a bare pledge needs, and what makes it a full form (the campaign counts both).
STATEMENT_FIELDS = ["signatory_name", "signatory_title", "signed_on"]
FULL_FORM_FIELDS = {
    "key": ["inhabitants", "kind", "representative_name", "representative_title"],
    "vision": ["vision_essential", "vision_framework"],
    "motivations": ["motivations"],
}


def _record(pledge: Pledge, *, to_status: str, by, note: str = "") -> None:
    PledgeTransition.objects.create(
        pledge=pledge, from_status=pledge.status, to_status=to_status, by=by, note=note
    )
    pledge.status = to_status


def _locked(pledge: Pledge) -> Pledge:
    """The pledge's row, locked until the transaction ends: check its state after this."""
    return Pledge.objects.select_for_update(of=("self",)).select_related("member").get(pk=pledge.pk)


def _refuse_edit(by, pledge: Pledge, message: str) -> Exception:
    """Someone else: 403. The focal point, when the pledge has moved on: a message for them."""
    if is_pledge_focal_point(by, pledge):
        return ValidationError(message)
    return PermissionDenied(_("Only the confirmed focal point of the member edits its pledge."))


def pledge_for_focal_point(*, user, campaign) -> Pledge:
    """The pledge in progress (or the latest one) of the member the user speaks for; a new
    draft when there is none."""
    require_perm(
        user,
        "campaign.start_pledge",
        message=_("Only the confirmed focal point of a member edits its pledge."),
    )
    member = confirmed_affiliation(user).member
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
        try:
            # Two first visits at once: the open-pledge constraint lets one draft through.
            with transaction.atomic():
                pledge.save()
        except IntegrityError:
            return Pledge.objects.get(member=member, campaign=campaign, status__in=S.open())
        PledgeTransition.objects.create(pledge=pledge, to_status=S.DRAFT, by=user)
    return pledge


# The campaign form's sections and the fields each one saves.
SECTIONS = {
    "key": ("inhabitants", "kind", "representative_name", "representative_title",
            "political_structure"),
    "vision": ("vision_essential", "vision_framework"),
    "motivations": ("motivations",),
    "focus": (),
    "statement": ("signatory_name", "signatory_title", "signed_on", "signed_statement"),
}  # fmt: skip


def pledge_save_section(
    *,
    pledge: Pledge,
    by,
    section: str,
    answers: dict,
    focus_areas=None,
    initiatives: list[dict] | None = None,
) -> Pledge:
    """Save one section of the form; partial answers are fine until submission.

    Only the section's own fields are written, on the row as it is now (locked), so a save
    that arrives after the secretariat's decision is refused rather than written over it.
    ``answers["signed_statement"] = False`` clears the statement file."""
    if section not in SECTIONS:
        raise ValidationError(_("There is no such section in the form."))
    names = SECTIONS[section]
    unknown = set(answers) - set(names)
    if unknown:
        raise ValidationError(
            _("These answers do not belong to this section: %(names)s.")
            % {"names": ", ".join(sorted(unknown))}
        )
    with transaction.atomic():
        pledge = _locked(pledge)
        if not rules.has_perm("campaign.edit_pledge", by, pledge):
            raise _refuse_edit(by, pledge, _("A pledge under review or accepted cannot change."))
        old_statement = pledge.signed_statement.name
        for name, value in answers.items():
            setattr(pledge, name, "" if value is False else value)
        pledge.full_clean()
        pledge.save(update_fields=[*answers, "updated_at"])
        if focus_areas is not None:
            pledge.focus_areas.set(focus_areas)
        if initiatives is not None:
            pledge.initiatives.all().delete()
            for data in initiatives:
                initiative = PledgeInitiative(pledge=pledge, **data)
                initiative.full_clean()
                initiative.save()
        if old_statement and pledge.signed_statement.name != old_statement:
            _delete_file_on_commit(pledge.signed_statement.storage, old_statement)
    return pledge


def _delete_file_on_commit(storage, name: str) -> None:
    """A replaced or cleared file leaves storage once the change is committed."""
    transaction.on_commit(lambda: storage.delete(name))


def pledge_missing(pledge: Pledge) -> tuple[list[str], list[str]]:
    """(what the statement still needs, what the full form still needs), as field labels."""

    def label(name):
        return str(Pledge._meta.get_field(name).verbose_name)

    statement = [label(n) for n in STATEMENT_FIELDS if getattr(pledge, n) in (None, "")]
    form = [
        label(n)
        for names in FULL_FORM_FIELDS.values()
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
    with transaction.atomic():
        pledge = _locked(pledge)
        if not rules.has_perm("campaign.edit_pledge", by, pledge):
            raise _refuse_edit(by, pledge, _("This pledge has already been submitted."))
        statement_missing, form_missing = pledge_missing(pledge)
        if statement_missing:
            raise ValidationError(
                _("Before submitting, complete: %(fields)s.")
                % {"fields": ", ".join(statement_missing)}
            )
        pledge.with_form = not form_missing
        pledge.submitted_at = timezone.now()
        _record(pledge, to_status=S.SUBMITTED, by=by)
        pledge.full_clean()
        pledge.save(update_fields=["status", "with_form", "submitted_at", "updated_at"])
    return pledge


def pledge_return(*, pledge: Pledge, by, note: str) -> Pledge:
    """The secretariat sends the pledge back with a note; the focal points are e-mailed."""
    require_perm(by, "campaign.review_pledge", message=_("Only the secretariat reviews pledges."))
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Write a note that tells the member what to change."))
    with transaction.atomic():
        pledge = _locked(pledge)
        if pledge.status != S.SUBMITTED:
            raise ValidationError(_("Only a submitted pledge can be returned."))
        pledge.reviewer_note = note
        _record(pledge, to_status=S.RETURNED, by=by, note=note)
        pledge.full_clean()
        pledge.save(update_fields=["status", "reviewer_note", "updated_at"])
        from campaign.tasks import send_review_email

        send_review_email.delay_on_commit(pledge.pk)
    return pledge


def pledge_accept(*, pledge: Pledge, by) -> Pledge:
    """The secretariat accepts: the pledge counts toward the milestones and is announced."""
    require_perm(by, "campaign.review_pledge", message=_("Only the secretariat reviews pledges."))
    with transaction.atomic():
        pledge = _locked(pledge)
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
        pledge.save(update_fields=["status", "accepted_at", "reviewer_note", "updated_at"])
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
    """The focal point takes back an undecided pledge, or the secretariat withdraws any."""
    with transaction.atomic():
        pledge = _locked(pledge)
        if pledge.status == S.WITHDRAWN:
            return pledge  # a second click: already done
        if not rules.has_perm("campaign.withdraw_pledge", by, pledge):
            raise _refuse_edit(
                by, pledge, _("An accepted pledge is withdrawn by the secretariat only.")
            )
        _record(pledge, to_status=S.WITHDRAWN, by=by, note=note)
        pledge.save(update_fields=["status", "updated_at"])
    return pledge
