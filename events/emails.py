"""E-mails of the events app, each in the person's language, with the event's .ics attached."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from events.models import Event, Registration, RegistrationStatus


def _send(*, person, event, template: str, context: dict) -> None:
    from events.calendar import event_ics

    with translation.override(person.language):
        context = {
            **context,
            "when": _when(event, person),
            "event": event,
            "person": person,
            "site_name": settings.SITE_NAME,
            "event_url": settings.SITE_URL + event.get_absolute_url(),
        }
        subject = " ".join(
            render_to_string(f"events/email/{template}_subject.txt", context).split()
        )
        text = render_to_string(f"events/email/{template}.txt", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [person.email])
    message.attach(
        f"{event.slug}.ics", event_ics(event, site_url=settings.SITE_URL), "text/calendar"
    )
    message.send()


def _when(event: Event, person) -> str:
    """The event's times in its zone and, when the person's differs, in theirs too."""
    import zoneinfo

    from core.timezones import format_span

    text = format_span(event.starts_at, event.ends_at, event.zone)
    try:
        theirs = zoneinfo.ZoneInfo(person.time_zone) if person.time_zone else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        theirs = None
    if theirs is not None and theirs.key != event.zone.key:
        text += " / " + format_span(event.starts_at, event.ends_at, theirs)
    return text


def send_registration_email(*, registration_id: int, promoted: bool = False) -> None:
    """Registered, waiting, or moved from the waiting list to a place."""
    registration = Registration.objects.select_related("event", "user").get(pk=registration_id)
    if registration.status == RegistrationStatus.CANCELLED or not registration.user.is_active:
        return
    _send(
        person=registration.user,
        event=registration.event,
        template="registration",
        context={"registration": registration, "promoted": promoted},
    )


def send_cancellation_emails(*, event_id: int) -> None:
    event = Event.objects.get(pk=event_id)
    registrations = (
        Registration.objects.filter(event=event, user__is_active=True)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("user")
    )
    for registration in registrations:
        _send(person=registration.user, event=event, template="cancelled", context={})
