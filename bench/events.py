"""/events/, the month view and the public calendar feed with 3,000 events."""

import random
from datetime import UTC, datetime, timedelta

from cities.models import FocusArea
from events.models import AgendaItem, Event

COUNT = 3000
ZONES = ["Europe/Paris", "Asia/Seoul", "America/Mexico_City", "Africa/Dakar", "Europe/Vienna"]


def _generate():
    rng = random.Random(2026)
    # From a month ago on: nearly all of them are in the public feed (which keeps 90 days).
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) - timedelta(days=30)
    kinds = [kind for kind, _label in Event.Kind.choices if kind != "session"]
    formats = [value for value, _label in Event.Format.choices]
    events = Event.objects.bulk_create(
        Event(
            title=f"Bench event {n:04d}",
            slug=f"bench-event-{n:04d}",
            kind=rng.choice(kinds),
            format=rng.choice(formats),
            time_zone=rng.choice(ZONES),
            starts_at=start + timedelta(hours=11 * n),
            ends_at=start + timedelta(hours=11 * n + 2),
            visibility="public" if n % 4 else "members",
            theme="Human rights in the city",
            description="A generated event for the benchmark.",
        )
        for n in range(COUNT)
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(event=e, title="Opening", starts_at=e.starts_at, ends_at=e.ends_at)
        for e in events
    )
    areas = list(FocusArea.objects.all())
    Event.focus_areas.through.objects.bulk_create(
        Event.focus_areas.through(event_id=e.pk, focusarea_id=rng.choice(areas).pk) for e in events
    )
    return events


def run(harness):
    events = _generate()
    harness.analyze()
    middle = events[COUNT // 2].starts_at
    harness.page("events list, 3,000 events", "/events/", target="< 60 ms")
    harness.page("events list, past", "/events/?when=past", target="< 60 ms")
    harness.page(
        "month view, 3,000 events",
        f"/events/month/{middle.year}/{middle.month}/",
        target="< 60 ms",
    )
    harness.page("event page", events[COUNT // 2 + 1].get_absolute_url())
    harness.page("public calendar feed, 3,000 events", "/events/feed.ics", target="< 300 ms",
                 repeat=5)  # fmt: skip
