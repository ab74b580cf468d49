"""Lists the secretariat downloads about events (the admin writes them with csv_response)."""

from django.db.models import F
from django.utils import timezone

from events.models import Registration, RegistrationStatus

ATTENDEE_COLUMNS = ["event", "name", "email", "status", "joined_at", "member"]


def attendee_rows(events) -> list[dict]:
    """Everyone holding a place or waiting for one at ``events`` (a queryset or a list of
    events), event by event in the order people joined: one query for all the rows."""
    labels = dict(RegistrationStatus.choices)
    rows = (
        Registration.objects.filter(event__in=events)
        .exclude(status=RegistrationStatus.CANCELLED)
        .order_by("event__starts_at", "event_id", "joined_at", "pk")
        .values(
            "status",
            "joined_at",
            event_title=F("event__title"),
            name=F("user__name"),
            email=F("user__email"),
            member=F("user__affiliation__member__name"),
        )
    )
    return [
        {
            "event": row["event_title"],
            "name": row["name"],
            "email": row["email"],
            "status": str(labels[row["status"]]),
            "joined_at": timezone.localtime(row["joined_at"]).isoformat(timespec="minutes"),
            "member": row["member"] or "",
        }
        for row in rows
    ]
