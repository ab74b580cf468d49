from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from events.models import AgendaItem, Event, Participation, Speaker


def local(year, month, day, hour=0, minute=0, zone="Europe/Paris") -> datetime:
    """An aware datetime at a wall-clock time in ``zone``."""
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone))


class EventFactory(factory.django.DjangoModelFactory):
    """A public, scheduled webinar in a week, 9:30–12:00 in Paris, open for registration."""

    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Working session {n}")
    slug = factory.Sequence(lambda n: f"working-session-{n}")
    kind = Event.Kind.WEBINAR
    format = Event.Format.ONLINE
    time_zone = "Europe/Paris"
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=7)).replace(
            hour=8, minute=30, second=0, microsecond=0
        )
    )
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(hours=2, minutes=30))
    online_link = "https://meet.example.org/hrc-session"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Agenda item {n}")
    starts_at = factory.LazyAttribute(lambda item: item.event.starts_at)
    ends_at = factory.LazyAttribute(lambda item: item.event.starts_at + timedelta(minutes=15))


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Faker("name")
    title = "Deputy mayor"
    organisation = "City of Utrecht"


def role(event, speaker=None, *, role="speaker", agenda_item=None) -> Participation:
    return Participation.objects.create(
        event=event, speaker=speaker or SpeakerFactory(), role=role, agenda_item=agenda_item
    )
