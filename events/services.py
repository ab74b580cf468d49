"""Writes of the events app: an event's life, registration with a waiting list, reports."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.rules import can_see, is_approved_member, require_perm
from core.timezones import zone_abbreviation
from events.models import (
    AgendaItem,
    Event,
    EventStatus,
    Participation,
    Registration,
    RegistrationStatus,
    ReportPractice,
    ReportQuote,
    ReportStatus,
    SessionReport,
)
from newsfeed.models import NewsKind
from newsfeed.services import publish

R = RegistrationStatus

# A change of any of these is a change calendars must pick up (SEQUENCE grows).
SCHEDULE_FIELDS = ("starts_at", "ends_at", "time_zone", "format", "venue", "city", "status")


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update(of=("self",)).get(pk=event.pk)


def _announce(event: Event, *, by) -> None:
    """One news item per event, updated with it; members-only events stay members-only."""
    publish(
        kind=NewsKind.EVENT,
        title=(
            _("Cancelled: %(title)s") % {"title": event.title}
            if event.is_cancelled
            else event.title
        ),
        about=event,
        summary=event.theme or event.description[:300],
        link=event.get_absolute_url(),
        member=event.host,
        actor=by,
        visibility=event.visibility,
        focus_areas=list(event.focus_areas.all()) if event.pk else [],
    )


def event_announce(*, event: Event, by) -> None:
    """Bring the event's news item up to date (after its focus areas are saved)."""
    require_perm(by, "events.manage_event", message=_("Only the secretariat manages events."))
    with transaction.atomic():
        _announce(Event.objects.get(pk=event.pk), by=by)


def event_save(*, event: Event, by) -> Event:
    """Create or change an event (the admin's save). Calendars see a new SEQUENCE whenever the
    time, place or status changed; the newsfeed's item follows the event."""
    require_perm(by, "events.manage_event", message=_("Only the secretariat manages events."))
    with transaction.atomic():
        if event.pk is not None:
            stored = _locked(event)
            if any(getattr(stored, f) != getattr(event, f) for f in SCHEDULE_FIELDS):
                event.sequence = stored.sequence + 1
            else:
                event.sequence = stored.sequence
            event.uid = stored.uid
        event.full_clean()
        event.save()
        _announce(event, by=by)
    return event


def event_cancel(*, event: Event, by) -> Event:
    """Cancel: the event stays (marked) in pages and feeds, and everyone registered or waiting
    is told by e-mail."""
    require_perm(by, "events.manage_event", message=_("Only the secretariat cancels events."))
    with transaction.atomic():
        event = _locked(event)
        if event.is_cancelled:
            return event
        event.status = EventStatus.CANCELLED
        event.cancelled_at = timezone.now()
        event.sequence += 1
        event.full_clean()
        event.save(update_fields=["status", "cancelled_at", "sequence", "updated_at"])
        _announce(event, by=by)
        from events.tasks import send_cancellation_emails

        send_cancellation_emails.delay_on_commit(event.pk)
    return event


def event_duplicate(*, event: Event, by) -> Event:
    """A copy to plan the next edition: a new UID and slug, the agenda and speakers' roles,
    no registrations and no report."""
    require_perm(by, "events.manage_event", message=_("Only the secretariat manages events."))
    with transaction.atomic():
        source = Event.objects.prefetch_related("focus_areas").get(pk=event.pk)
        copy = Event.objects.get(pk=event.pk)
        copy.pk = None
        copy.id = None
        copy._state.adding = True
        copy.uid = Event._meta.get_field("uid").get_default()
        copy.sequence = 0
        copy.status = EventStatus.SCHEDULED
        copy.cancelled_at = None
        copy.created_at = timezone.now()
        copy.title = _("%(title)s (copy)") % {"title": source.title}
        copy.slug = _free_slug(f"{source.slug}-copy")
        copy.full_clean()
        copy.save()
        copy.focus_areas.set(source.focus_areas.all())
        items = {}
        for item in AgendaItem.objects.filter(event=source):
            old_pk = item.pk
            item.pk = None
            item.event = copy
            item.save()
            items[old_pk] = item
        Participation.objects.bulk_create(
            Participation(
                event=copy,
                agenda_item=items.get(role.agenda_item_id),
                speaker_id=role.speaker_id,
                role=role.role,
                order=role.order,
            )
            for role in Participation.objects.filter(event=source)
        )
    return copy


def _free_slug(base: str) -> str:
    base = slugify(base)[:100] or "event"
    slug, n = base, 2
    while Event.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def registration_window_error(event: Event, now=None) -> str | None:
    """Why registration is not possible now, in the person's language; None when it is."""
    now = now or timezone.now()
    if event.is_cancelled:
        return _("This event is cancelled.")
    if not event.registration_enabled:
        return _("This event takes no registrations.")
    if event.registration_opens_at and now < event.registration_opens_at:
        opens = timezone.localtime(event.registration_opens_at, event.zone)
        return _("Registration opens on %(date)s (%(zone)s).") % {
            "date": formats.date_format(opens, "DATETIME_FORMAT"),
            "zone": zone_abbreviation(opens),
        }
    closes = event.registration_closes_at or event.starts_at
    if now >= closes:
        return _("Registration is closed.")
    return None


def registration_register(*, event: Event, user) -> Registration:
    """Take a place, or the next one on the waiting list. The event's row is locked while the
    places are counted, so two people can never both take the last one."""
    with transaction.atomic():
        event = _locked(event)
        problem = registration_window_error(event)
        if problem and is_approved_member(user) and can_see(user, event):
            raise ValidationError(problem)  # a member who may come, at the wrong time
        require_perm(user, "events.register", event, message=_("Only approved members register."))
        registration = (
            Registration.objects.select_for_update().filter(event=event, user=user).first()
        )
        if registration is not None and registration.status != R.CANCELLED:
            return registration  # a double click: already in
        taken = Registration.objects.filter(event=event, status=R.REGISTERED).count()
        status = R.REGISTERED if event.capacity is None or taken < event.capacity else R.WAITING
        if registration is None:
            registration = Registration(event=event, user=user)
        registration.status = status
        registration.joined_at = timezone.now()  # back of the queue after a cancellation
        registration.cancelled_at = None
        registration.promoted_at = None
        registration.full_clean(validate_unique=False, validate_constraints=False)
        registration.save()
        from events.tasks import send_registration_email

        send_registration_email.delay_on_commit(registration.pk)
    return registration


def registration_cancel(*, event: Event, user) -> Registration | None:
    """Give up one's place (or leave the waiting list); a freed place goes to the first person
    waiting, who is e-mailed."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in first."))
    with transaction.atomic():
        event = _locked(event)
        registration = (
            Registration.objects.select_for_update().filter(event=event, user=user).first()
        )
        if registration is None or registration.status == R.CANCELLED:
            return registration
        freed = registration.status == R.REGISTERED
        registration.status = R.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        if freed and not event.is_cancelled:
            _promote_waiting(event)
    return registration


def _promote_waiting(event: Event) -> list[Registration]:
    """Fill free places from the waiting list, first come first served (event row locked)."""
    taken = Registration.objects.filter(event=event, status=R.REGISTERED).count()
    free = None if event.capacity is None else max(event.capacity - taken, 0)
    waiting = Registration.objects.select_for_update().filter(event=event, status=R.WAITING)
    promoted = list(waiting.order_by("joined_at", "pk")[:free] if free is not None else waiting)
    now = timezone.now()
    from events.tasks import send_promotion_email

    for registration in promoted:
        registration.status = R.REGISTERED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        send_promotion_email.delay_on_commit(registration.pk)
    return promoted


REPORT_FIELDS = ("aim", "relation_to_theme", "key_messages", "commitments", "take_forward")


def report_save(
    *,
    event: Event,
    by,
    answers: dict,
    quotes: list[dict] | None = None,
    practices: list[dict] | None = None,
) -> SessionReport:
    """Write (or change) the report of a session: the secretariat, or the session's moderator
    or rapporteur. ``quotes`` (text, said_by, language) and ``practices`` (member, text)
    replace the report's lists when given."""
    unknown = set(answers) - set(REPORT_FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown parts of a report: %(names)s.") % {"names": ", ".join(sorted(unknown))}
        )
    with transaction.atomic():
        event = _locked(event)
        require_perm(
            by,
            "events.write_report",
            event,
            message=_("Only the secretariat and the session's moderator or rapporteur write it."),
        )
        report = SessionReport.objects.select_for_update().filter(event=event).first()
        report = report or SessionReport(event=event)
        for name, value in answers.items():
            setattr(report, name, value)
        report.written_by = by
        report.full_clean()
        report.save()
        if quotes is not None:
            report.quotes.all().delete()
            for order, data in enumerate(quotes):
                quote = ReportQuote(report=report, order=order, **data)
                quote.full_clean()
                quote.save()
        if practices is not None:
            report.practices.all().delete()
            for order, data in enumerate(practices):
                practice = ReportPractice(report=report, order=order, **data)
                practice.full_clean()
                practice.save()
        if report.is_published:
            _announce_report(report, by=by)
    return report


def report_publish(*, report: SessionReport, by) -> SessionReport:
    """Publish: the report appears on the event, in the newsfeed and digests, and on the
    profiles of the members whose practices it tells."""
    with transaction.atomic():
        report = (
            SessionReport.objects.select_for_update(of=("self",))
            .select_related("event")
            .get(pk=report.pk)
        )
        require_perm(
            by,
            "events.write_report",
            report.event,
            message=_("Only the secretariat and the session's moderator or rapporteur publish."),
        )
        if report.is_published:
            return report
        report.status = ReportStatus.PUBLISHED
        report.published_at = timezone.now()
        report.full_clean()
        report.save(update_fields=["status", "published_at", "updated_at"])
        _announce_report(report, by=by)
    return report


def _announce_report(report: SessionReport, *, by) -> None:
    event = report.event
    members = [practice.member for practice in report.practices.select_related("member")]
    publish(
        kind=NewsKind.SESSION_REPORT,
        title=_("Report: %(title)s") % {"title": event.title},
        about=report,
        summary=report.aim[:300] or report.key_messages[:300],
        link=event.get_absolute_url() + "#report",
        member=members[0] if len(members) == 1 else event.host,
        actor=by,
        visibility=event.visibility,
        focus_areas=list(event.focus_areas.all()),
    )
