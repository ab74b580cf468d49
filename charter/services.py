"""Writes of the Charter-Agenda: versions and rounds, comments, amendments and their
decisions, applying them into the next version, local practices."""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from charter.diff import fingerprint
from charter.models import (
    Amendment,
    AmendmentStatus,
    Charter,
    Comment,
    LocalPractice,
    Part,
    PracticeStatus,
    RightText,
    Version,
    VersionStatus,
)
from core.rules import is_approved_member, require_perm
from core.visibility import Visibility
from newsfeed.models import NewsKind
from newsfeed.services import publish

A = AmendmentStatus


def _locked_version(version: Version) -> Version:
    return Version.objects.select_for_update(of=("self",)).get(pk=version.pk)


def _manage(by) -> None:
    require_perm(
        by, "charter.manage_version", message=_("Only the secretariat manages the Charter.")
    )


# --- Versions and rounds --------------------------------------------------------------------


def version_start_next(*, charter: Charter, by, title: str = "") -> Version:
    """A new version in drafting, as a copy of the latest: every part, and every right with
    its identity kept. Pending amendments move to it (see ``_carry_over``)."""
    _manage(by)
    with transaction.atomic():
        Charter.objects.select_for_update().get(pk=charter.pk)
        latest = charter.versions.order_by("-number").first()
        if latest is not None and latest.status == VersionStatus.DRAFTING:
            raise ValidationError(
                _("Version %(number)s is still being drafted: continue it instead.")
                % {"number": latest.number}
            )
        number = (latest.number if latest else 0) + 1
        version = Version(
            charter=charter,
            number=number,
            title=title or (latest.title if latest else charter.name),
            based_on=latest,
        )
        version.full_clean()
        version.save()
        if latest is not None:
            Part.objects.bulk_create(
                Part(version=version, kind=p.kind, title=p.title, text=p.text, order=p.order)
                for p in latest.parts.all()
            )
            RightText.objects.bulk_create(
                RightText(
                    version=version, right_id=r.right_id, group=r.group, number=r.number,
                    title=r.title, formulation=r.formulation, commentary=r.commentary,
                    order=r.order,
                )
                for r in latest.rights.all()
            )  # fmt: skip
    return version


def version_apply_amendments(*, version: Version, by) -> list[Amendment]:
    """Write the accepted amendments of the version this one started from into this one's
    text, then move the pending ones here: unchanged rights carry them over as they are, and
    on a right whose text changed they are marked "needs rebase". Returns those applied."""
    _manage(by)
    with transaction.atomic():
        version = _locked_version(version)
        if version.status != VersionStatus.DRAFTING or version.based_on_id is None:
            raise ValidationError(_("Amendments are applied to a new version being drafted."))
        texts = {t.right_id: t for t in version.rights.select_for_update()}
        accepted = list(
            Amendment.objects.select_for_update(of=("self",))
            .filter(right_text__version=version.based_on, status__in=A.accepted(),
                    applied_in__isnull=True)
            .select_related("right_text")
            .order_by("decided_at", "pk")
        )  # fmt: skip
        for amendment in accepted:
            text = texts.get(amendment.right_text.right_id)
            if text is None:
                continue  # the right was removed from the new version
            text.title = amendment.accepted_title
            text.formulation = amendment.accepted_formulation
            text.full_clean()
            text.save(update_fields=["title", "formulation"])
            amendment.applied_in = version
            amendment.save(update_fields=["applied_in", "updated_at"])
        _carry_over(version, texts)
    return accepted


def _carry_over(version: Version, texts: dict) -> None:
    pending = Amendment.objects.select_for_update(of=("self",)).filter(
        right_text__version=version.based_on, status=A.SUBMITTED
    )
    for amendment in pending.select_related("right_text"):
        text = texts.get(amendment.right_text.right_id)
        if text is None:
            amendment.status = A.SUPERSEDED
            amendment.save(update_fields=["status", "updated_at"])
            continue
        changed = fingerprint(text.title, text.formulation) != amendment.base_fingerprint
        amendment.right_text = text
        amendment.needs_rebase = amendment.needs_rebase or changed
        amendment.save(update_fields=["right_text", "needs_rebase", "updated_at"])


def round_open(*, version: Version, by, closes_at) -> Version:
    """Open the consultation: members comment and propose until ``closes_at``."""
    _manage(by)
    with transaction.atomic():
        version = _locked_version(version)
        if version.status not in (VersionStatus.DRAFTING, VersionStatus.CLOSED):
            raise ValidationError(_("This version's consultation is already open or adopted."))
        now = timezone.now()
        if closes_at is None or closes_at <= now:
            raise ValidationError(_("Choose a closing date in the future."))
        version.status = VersionStatus.CONSULTATION
        version.round_opens_at = now
        version.round_closes_at = closes_at
        version.published_at = version.published_at or now
        version.full_clean()
        version.save()
        publish(
            kind=NewsKind.CHARTER,
            title=_("The Charter-Agenda v%(number)s is open for comments")
            % {"number": version.number},
            about=version,
            summary=version.phase[:300],
            link=version.get_absolute_url(),
            actor=by,
        )
    return version


def round_close(*, version: Version, by) -> Version:
    _manage(by)
    with transaction.atomic():
        version = _locked_version(version)
        if version.status != VersionStatus.CONSULTATION:
            raise ValidationError(_("This version's consultation is not open."))
        version.status = VersionStatus.CLOSED
        now = timezone.now()
        if version.round_closes_at is None or version.round_closes_at > now:
            version.round_closes_at = max(now, version.round_opens_at + timezone.timedelta(0, 1))
        version.save(update_fields=["status", "round_closes_at"])
    return version


def version_adopt(*, version: Version, by) -> Version:
    """The version becomes the Charter-Agenda in force."""
    _manage(by)
    with transaction.atomic():
        version = _locked_version(version)
        if version.status == VersionStatus.ADOPTED:
            return version
        if version.status == VersionStatus.CONSULTATION:
            raise ValidationError(_("Close the consultation before adopting the version."))
        version.status = VersionStatus.ADOPTED
        version.adopted_at = timezone.now()
        version.published_at = version.published_at or version.adopted_at
        version.full_clean()
        version.save()
        publish(
            kind=NewsKind.CHARTER,
            title=_("The Charter-Agenda v%(number)s is adopted") % {"number": version.number},
            about=version,
            summary=version.changelog[:300],
            link=version.get_absolute_url(),
            actor=by,
        )
    return version


# --- Comments and amendments ----------------------------------------------------------------


def _open_round_text(right_text: RightText, by, perm: str, refused: str) -> RightText:
    """The right and its version as they are now: refused (403) for who may not take part, a
    message for a member when the round is not open."""
    text = RightText.objects.select_related("version").get(pk=right_text.pk)
    if not rules.has_perm(perm, by, text.version):
        if is_approved_member(by) and rules.has_perm("charter.read_version", by, text.version):
            raise ValidationError(_("The consultation on this version is not open."))
        raise PermissionDenied(refused)
    return text


def comment_post(
    *, right_text: RightText, by, body: str, parent: Comment | None = None, gathered_at=None
) -> Comment:
    """A comment on a right (or a reply to one: one level only), keeping the wording it was
    about."""
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write your comment first."))
    with transaction.atomic():
        text = _open_round_text(
            right_text, by, "charter.comment", _("Approved members comment on the Charter.")
        )
        if parent is not None:
            parent = Comment.objects.get(pk=parent.pk)
            if parent.right_text_id != text.pk:
                raise ValidationError(_("Reply on the right the comment is about."))
            parent = parent if parent.parent_id is None else parent.parent
        comment = Comment(
            right_text=text, parent=parent, author=by, body=body,
            quoted_title=text.title, quoted_formulation=text.formulation,
            gathered_at=gathered_at,
        )  # fmt: skip
        comment.full_clean()
        comment.save()
    return comment


def amendment_submit(
    *,
    right_text: RightText,
    by,
    title: str,
    formulation: str,
    rationale: str = "",
    base_fingerprint: str | None = None,
) -> Amendment:
    """Propose a new title and/or formulation. ``base_fingerprint`` is the text the author
    started from: when the right changed since, they are told to look again."""
    title, formulation = (title or "").strip(), (formulation or "").strip()
    with transaction.atomic():
        text = _open_round_text(
            right_text, by, "charter.propose", _("Approved members propose amendments.")
        )
        text = RightText.objects.select_for_update(of=("self",)).get(pk=text.pk)
        current = fingerprint(text.title, text.formulation)
        if base_fingerprint and base_fingerprint != current:
            raise ValidationError(
                _("The right's text changed after you started: read it again and adapt your "
                  "proposal.")
            )  # fmt: skip
        if not title and not formulation:
            raise ValidationError(_("Propose a new title or a new formulation."))
        title, formulation = title or text.title, formulation or text.formulation
        if fingerprint(title, formulation) == current:
            raise ValidationError(_("Your proposal is the same as the current text."))
        amendment = Amendment(
            right_text=text, author=by, proposed_title=title, proposed_formulation=formulation,
            rationale=(rationale or "").strip(), base_fingerprint=current,
            base_title=text.title, base_formulation=text.formulation,
            status=A.SUBMITTED,
        )  # fmt: skip
        amendment.full_clean()
        amendment.save()
    return amendment


def amendment_withdraw(*, amendment: Amendment, by) -> Amendment:
    with transaction.atomic():
        amendment = Amendment.objects.select_for_update().get(pk=amendment.pk)
        if amendment.author_id != getattr(by, "pk", None):
            raise PermissionDenied(_("Only its author withdraws an amendment."))
        if amendment.status == A.WITHDRAWN:
            return amendment
        if not rules.has_perm("charter.withdraw_amendment", by, amendment):
            raise ValidationError(_("This amendment has been decided: it cannot be withdrawn."))
        amendment.status = A.WITHDRAWN
        amendment.save(update_fields=["status", "updated_at"])
    return amendment


DECISIONS = {
    "accept": A.ACCEPTED,
    "accept_with_changes": A.ACCEPTED_WITH_CHANGES,
    "reject": A.REJECTED,
}


def amendment_decide(
    *,
    amendment: Amendment,
    by,
    decision: str,
    response: str,
    title: str = "",
    formulation: str = "",
) -> Amendment:
    """The steering group decides, always with a public response; the author is e-mailed and
    the decision is in the news. Two people deciding at once: the first wins, the second is
    told."""
    require_perm(
        by, "charter.decide_amendment", message=_("Only the steering group decides amendments.")
    )
    if decision not in DECISIONS:
        raise ValidationError(_("Choose accept, accept with changes or reject."))
    response = (response or "").strip()
    if not response:
        raise ValidationError(_("Write the response the author and everyone will read."))
    with transaction.atomic():
        amendment = (
            Amendment.objects.select_for_update(of=("self",))
            .select_related("right_text__version")
            .get(pk=amendment.pk)
        )
        if amendment.status != A.SUBMITTED:
            raise ValidationError(
                _("This amendment was already decided (%(status)s) or withdrawn.")
                % {"status": amendment.get_status_display()}
            )
        amendment.status = DECISIONS[decision]
        amendment.response = response
        amendment.decided_by = by
        amendment.decided_at = timezone.now()
        if amendment.status == A.ACCEPTED_WITH_CHANGES:
            amendment.final_title = (title or "").strip() or amendment.proposed_title
            amendment.final_formulation = (formulation or "").strip() or (
                amendment.proposed_formulation
            )
        amendment.full_clean()
        amendment.save()
        version = amendment.right_text.version
        publish(
            kind=NewsKind.CHARTER,
            title=_("Amendment to “%(right)s”: %(decision)s")
            % {"right": amendment.right_text.title, "decision": amendment.get_status_display()},
            about=amendment,
            summary=response[:300],
            link=amendment.right_text.get_absolute_url() + f"#amendment-{amendment.pk}",
            actor=by,
            visibility=Visibility.PUBLIC if version.status != VersionStatus.DRAFTING
            else Visibility.MEMBERS,
        )  # fmt: skip
        from charter.tasks import send_decision_email

        send_decision_email.delay_on_commit(amendment.pk)
    return amendment


# --- Local practices -------------------------------------------------------------------------


def practice_submit(
    *, by, member, title: str, description: str, rights, link: str = "", focus_areas=()
) -> LocalPractice:
    """A member's focal point tells how the member realises some rights; public once the
    secretariat publishes it."""
    from cities.rules import is_focal_point_of

    require_perm(by, "charter.submit_practice", message=_("Focal points submit practices."))
    if not (is_focal_point_of(by, member) or rules.has_perm("charter.publish_practice", by)):
        raise PermissionDenied(_("You submit practices for your own member only."))
    if not rights:
        raise ValidationError(_("Name at least one right the practice realises."))
    with transaction.atomic():
        practice = LocalPractice(
            member=member, title=title, description=description, link=link, submitted_by=by
        )
        practice.full_clean()
        practice.save()
        practice.rights.set(rights)
        practice.focus_areas.set(focus_areas)
    return practice


def practice_publish(*, practice: LocalPractice, by) -> LocalPractice:
    require_perm(
        by, "charter.publish_practice", message=_("Only the secretariat publishes practices.")
    )
    with transaction.atomic():
        practice = (
            LocalPractice.objects.select_for_update(of=("self",))
            .select_related("member")
            .get(pk=practice.pk)
        )
        if practice.status == PracticeStatus.PUBLISHED:
            return practice
        practice.status = PracticeStatus.PUBLISHED
        practice.published_at = timezone.now()
        practice.save(update_fields=["status", "published_at"])
        publish(
            kind=NewsKind.PRACTICE,
            title=practice.title,
            about=practice,
            summary=practice.description[:300],
            link=practice.member.get_absolute_url() + "#practices",
            member=practice.member,
            actor=by,
            focus_areas=list(practice.focus_areas.all()),
        )
    return practice


def next_right_number(version: Version) -> int:
    return (version.rights.aggregate(n=Max("number"))["n"] or 0) + 1
