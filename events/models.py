"""The community's calendar: forums and their sessions, agendas with speakers, registration
with a waiting list, session reports, and the calendar feeds people subscribe to."""

import uuid
import zoneinfo
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Func, Q, Value
from django.db.models.lookups import IsNull
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.models import FocusArea, Member
from core.links import validate_safe_link
from core.visibility import Visibility, VisibleQuerySet

TEXT_MAX_LENGTH = 10_000


def validate_time_zone(value: str) -> None:
    """An IANA time zone name, such as Europe/Paris or Asia/Seoul."""
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError, OSError) as error:
        # OSError: "Europe" is a folder of zones; a very long name is too long for a file.
        raise ValidationError(
            _("“%(value)s” is not a time zone name (such as Europe/Paris or Asia/Seoul)."),
            code="time_zone",
            params={"value": value},
        ) from error


def valid_time_zone_in_database(field: str):
    """The database's own check of a zone name: PostgreSQL converts a time with it."""
    return IsNull(
        Func(
            F(field),
            Value("2000-01-01 00:00"),
            function="timezone",
            template="%(function)s(%(expressions)s::timestamp)",
            output_field=models.DateTimeField(),
        ),
        False,
    )


# Addresses under /events/ that are pages, not events.
RESERVED_SLUGS = {"feed", "month", "my", "my-calendar"}


def new_uid() -> str:
    # Made once, kept for ever: calendars recognise the event by it (never the slug or id).
    return f"{uuid.uuid4()}@hrcities"


class EventKind(models.TextChoices):
    FORUM = "forum", _("Forum")
    SESSION = "session", _("Session")
    WORKSHOP = "workshop", _("Workshop")
    WEBINAR = "webinar", _("Webinar")
    MEETING = "meeting", _("Meeting")
    ENCOUNTER = "encounter", _("Encounter")


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class EventQuerySet(VisibleQuerySet):
    def scheduled(self):
        return self.filter(status=EventStatus.SCHEDULED)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())


class Event(models.Model):
    Kind = EventKind
    Format = EventFormat
    Status = EventStatus

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("forum"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sessions",
        help_text=_("For a session: the forum it is part of."),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        validators=[validate_time_zone],
        help_text=_("The zone of the place (or of the organisers), e.g. Europe/Paris."),
    )
    format = models.CharField(
        _("format"), max_length=16, choices=EventFormat.choices, default=EventFormat.IN_PERSON
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=200, blank=True)
    host = models.ForeignKey(
        Member,
        verbose_name=_("host member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_events",
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
    )
    online_link = models.URLField(
        _("online meeting link"),
        blank=True,
        max_length=500,
        validators=[validate_safe_link],
        help_text=_("Shown only to registered members, from an hour before the start."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    registration_enabled = models.BooleanField(_("members register"), default=True)
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    description = models.TextField(
        _("description"), blank=True, max_length=TEXT_MAX_LENGTH, help_text=_("Markdown.")
    )
    guiding_questions = models.TextField(
        _("guiding questions"), blank=True, max_length=TEXT_MAX_LENGTH, help_text=_("One a line.")
    )
    focus_areas = models.ManyToManyField(
        FocusArea, verbose_name=_("focus areas"), related_name="events", blank=True
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    uid = models.CharField(
        _("calendar UID"), max_length=120, unique=True, default=new_uid, editable=False
    )
    sequence = models.PositiveIntegerField(
        _("calendar sequence"),
        default=0,
        editable=False,
        help_text=_("Grows with every change of time, place or status."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="events_event_ends_after_start",
                violation_error_message=_("An event ends after it starts."),
            ),
            models.CheckConstraint(
                condition=valid_time_zone_in_database("time_zone"),
                name="events_event_time_zone_known",
                violation_error_message=_("Unknown time zone."),
            ),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__gt=F("registration_opens_at")),
                name="events_event_registration_window",
                violation_error_message=_("Registration closes after it opens."),
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | Q(cancelled_at__isnull=False),
                name="events_event_cancelled_has_time",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="events_event_both_coordinates",
                violation_error_message=_("Give both coordinates, or neither."),
            ),
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(parent=F("pk")),
                name="events_event_not_own_forum",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "visibility", "starts_at"], name="events_listing"),
            models.Index(fields=["ends_at"], name="events_ends_at"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def has_place(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def guiding_question_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.guiding_questions.splitlines() if line.strip()]

    def clean(self):
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("“%(slug)s” is the address of another page; choose another.") % {
                "slug": self.slug
            }
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The event must end after it starts.")
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        if self.parent_id is not None:
            parent = self.parent
            if self.pk is not None and parent.pk == self.pk:
                errors["parent"] = _("An event cannot be its own forum.")
            elif parent.kind != EventKind.FORUM:
                errors["parent"] = _("Sessions belong to a forum.")
            elif (
                self.starts_at
                and self.ends_at
                and not (parent.starts_at <= self.starts_at and self.ends_at <= parent.ends_at)
            ):
                errors["starts_at"] = _("A session takes place within its forum's dates.")
        if self.pk is not None and self.starts_at and self.ends_at and not errors:
            errors.update(self._contents_errors())
        if errors:
            raise ValidationError(errors)

    def _contents_errors(self) -> dict:
        """What a change of times or kind would leave outside: agenda items and sessions."""
        outside = Q(starts_at__lt=self.starts_at) | Q(ends_at__gt=self.ends_at)
        if self.agenda_items.filter(outside).exists():
            return {"ends_at": _("Some agenda items would lie outside the event's new times.")}
        if self.sessions.exists():
            if self.kind != EventKind.FORUM:
                return {"kind": _("This event has sessions: it stays a forum.")}
            if self.sessions.filter(outside).exists():
                return {"ends_at": _("Some sessions would lie outside the forum's new dates.")}
        return {}


class AgendaItem(models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True, max_length=TEXT_MAX_LENGTH)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["starts_at", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="events_agenda_ends_after_start",
                violation_error_message=_("An agenda item ends after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("An agenda item must end after it starts.")})
        try:
            event = self.event  # also an unsaved event, from the admin's inline
        except Event.DoesNotExist:
            event = None
        if (
            event is not None
            and event.starts_at
            and event.ends_at
            and self.starts_at
            and self.ends_at
        ) and not (event.starts_at <= self.starts_at and self.ends_at <= event.ends_at):
            raise ValidationError(
                {"starts_at": _("An agenda item takes place within its event's times.")}
            )


class Speaker(models.Model):
    """A person who speaks, moderates or reports, with or without an account."""

    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="speakers",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="speaker_profiles",
    )

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name}, {self.organisation}" if self.organisation else self.name


class SpeakerRole(models.TextChoices):
    SPEAKER = "speaker", _("Speaker")
    PANELIST = "panelist", _("Panelist")
    MODERATOR = "moderator", _("Moderator")
    RAPPORTEUR = "rapporteur", _("Rapporteur")


class Participation(models.Model):
    """A speaker's role in an event, or in one item of its agenda."""

    Role = SpeakerRole

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="participations"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="participations",
    )
    speaker = models.ForeignKey(
        Speaker, verbose_name=_("speaker"), on_delete=models.CASCADE, related_name="participations"
    )
    role = models.CharField(
        _("role"), max_length=16, choices=SpeakerRole.choices, default=SpeakerRole.SPEAKER
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("speaker's role")
        verbose_name_plural = _("speakers' roles")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "agenda_item", "speaker", "role"],
                nulls_distinct=False,
                name="events_participation_once",
                violation_error_message=_("This speaker already has this role here."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.speaker} ({self.get_role_display()})"

    def clean(self):
        if self.agenda_item_id and self.event_id and self.agenda_item.event_id != self.event_id:
            raise ValidationError({"agenda_item": _("This agenda item is of another event.")})


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    Status = RegistrationStatus

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    status = models.CharField(_("status"), max_length=16, choices=RegistrationStatus.choices)
    # First come, first served: the waiting list is ordered by this time.
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)
    promoted_at = models.DateTimeField(_("moved from the waiting list at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                name="events_one_registration_per_person",
                violation_error_message=_("This person is already registered."),
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | Q(cancelled_at__isnull=False),
                name="events_registration_cancelled_has_time",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "joined_at"], name="events_waiting")]

    def __str__(self) -> str:
        return f"{self.user} — {self.event}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class SessionReport(models.Model):
    """What a session said and decided, in the shape of the community's own reports."""

    Status = ReportStatus

    event = models.OneToOneField(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="report"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    aim = models.TextField(_("aim of the session"), blank=True, max_length=TEXT_MAX_LENGTH)
    relation_to_theme = models.TextField(
        _("relation to the forum's theme"), blank=True, max_length=TEXT_MAX_LENGTH
    )
    key_messages = models.TextField(
        _("key messages"), blank=True, max_length=TEXT_MAX_LENGTH, help_text=_("Markdown.")
    )
    commitments = models.TextField(
        _("commitments"), blank=True, max_length=TEXT_MAX_LENGTH, help_text=_("Markdown.")
    )
    take_forward = models.TextField(
        _("what to take forward"), blank=True, max_length=TEXT_MAX_LENGTH, help_text=_("Markdown.")
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("session report")
        verbose_name_plural = _("session reports")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="events_report_published_has_time",
            )
        ]

    def __str__(self) -> str:
        return str(self.event)

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED


class ReportQuote(models.Model):
    report = models.ForeignKey(
        SessionReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="quotes"
    )
    text = models.TextField(_("quote"), max_length=2000)
    said_by = models.CharField(_("said by"), max_length=300)
    language = models.CharField(
        _("language"), max_length=8, default="en", help_text=_("As said: en, fr, es, ko ...")
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("memorable quote")
        verbose_name_plural = _("memorable quotes")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.said_by


class ReportPractice(models.Model):
    """An inspiring local practice a member shared in the session."""

    report = models.ForeignKey(
        SessionReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="practices"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="event_practices"
    )
    text = models.TextField(_("practice"), max_length=TEXT_MAX_LENGTH)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("inspiring local practice")
        verbose_name_plural = _("inspiring local practices")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return str(self.member)


class CalendarFeed(models.Model):
    """A person's secret calendar address (the events they registered for). Only a hash of
    the token is kept, as for a password: the address is shown once, when it is made."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("personal calendar feed")
        verbose_name_plural = _("personal calendar feeds")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="events_one_live_feed_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}"
