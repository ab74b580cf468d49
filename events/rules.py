"""Who may do what with an event: the only place these decisions are written."""

import rules

from core.rules import can_see, is_approved_member, is_secretariat
from events.models import EventStatus, RegistrationStatus, SpeakerRole


@rules.predicate
def event_is_visible(user, event) -> bool:
    """Public events for everyone; members-only ones for approved members (core's rule)."""
    return can_see(user, event)


@rules.predicate
def event_is_scheduled(user, event) -> bool:
    return event is not None and event.status == EventStatus.SCHEDULED


@rules.predicate
def event_takes_registrations(user, event) -> bool:
    return event is not None and event.registration_enabled


@rules.predicate
def is_registered_for(user, event) -> bool:
    """Holds a place (not on the waiting list). Cached on the user for the request."""
    if event is None or not user.is_authenticated:
        return False
    cache = user.__dict__.setdefault("_event_registrations", {})
    if event.pk not in cache:
        cache[event.pk] = event.registrations.filter(
            user=user, status=RegistrationStatus.REGISTERED
        ).exists()
    return cache[event.pk]


@rules.predicate
def is_reporter_of(user, event) -> bool:
    """The session's moderator or rapporteur, through their speaker profile."""
    if event is None or not user.is_authenticated:
        return False
    return event.participations.filter(
        speaker__user=user, role__in=[SpeakerRole.MODERATOR, SpeakerRole.RAPPORTEUR]
    ).exists()


# See an event's page, its .ics and its published report.
rules.add_perm("events.see_event", event_is_visible)
# Register (or join the waiting list); the window and the places are the service's to check.
rules.add_perm(
    "events.register",
    is_approved_member & event_is_visible & event_is_scheduled & event_takes_registrations,
)
# The online meeting link: registered members only (the page shows it from an hour before).
rules.add_perm("events.see_online_link", is_approved_member & event_is_visible & is_registered_for)
# Write and publish the session report.
rules.add_perm("events.write_report", is_secretariat | (is_approved_member & is_reporter_of))
# Manage events in the admin: cancel, duplicate, export attendees.
rules.add_perm("events.manage_event", is_secretariat)
# A personal calendar address.
rules.add_perm("events.subscribe_calendar", is_approved_member)
