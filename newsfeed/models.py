"""What happened in the community, about which object and member, visible to whom."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from cities.models import FocusArea, Member
from core.links import is_safe_link, validate_safe_link
from core.uploads import RandomName, UploadValidator
from core.visibility import Visibility, VisibleQuerySet


class NewsKind(models.TextChoices):
    ANNOUNCEMENT = "announcement", _("Announcement")
    MEMBER_JOINED = "member_joined", _("New member")
    PLEDGE = "pledge", _("Campaign pledge")
    EVENT = "event", _("Event")
    SESSION_REPORT = "session_report", _("Session report")
    DOCUMENT = "document", _("Document")
    CHARTER = "charter", _("Charter-Agenda")
    PRACTICE = "practice", _("Local practice")
    DISCUSSION = "discussion", _("Discussion")


class NewsItemQuerySet(VisibleQuerySet):
    def published(self, now=None):
        return self.filter(published_at__lte=now or timezone.now())

    def about_published_members(self):
        """News about a member that is not (or no longer) published would lead to a 404, so it
        is left out; news about no member stays."""
        return self.filter(Q(member__isnull=True) | Q(member__is_published=True))


class NewsItem(models.Model):
    Kind = NewsKind

    kind = models.CharField(_("kind"), max_length=32, choices=NewsKind.choices)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True, max_length=2000)
    link = models.CharField(
        _("link"),
        max_length=500,
        blank=True,
        validators=[validate_safe_link],
        help_text=_("A path on this site or a full URL."),
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_items",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    focus_areas = models.ManyToManyField(
        FocusArea, verbose_name=_("focus areas"), related_name="news_items", blank=True
    )
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now, db_index=True)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("content_type", "object_id")

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind"],
                condition=Q(content_type__isnull=False),
                name="newsfeed_one_item_per_object_and_kind",
            ),
            models.CheckConstraint(
                condition=Q(content_type__isnull=True, object_id__isnull=True)
                | Q(content_type__isnull=False, object_id__isnull=False),
                name="newsfeed_about_both_or_neither",
            ),
        ]
        indexes = [
            models.Index(fields=["visibility", "-published_at"], name="newsfeed_visible_recent"),
            models.Index(fields=["member", "-published_at"], name="newsfeed_member_recent"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def safe_link(self) -> str:
        """The link to render: "" for one stored before links were checked, or behind the
        checks' back, that a browser would run or send elsewhere."""
        return self.link if is_safe_link(self.link) else ""


class Announcement(models.Model):
    """News written by the secretariat; publishing it makes a news item."""

    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True, max_length=2000)
    body = models.TextField(_("text"), max_length=50_000, help_text=_("Markdown."))
    image = models.FileField(
        _("image"),
        upload_to=RandomName("announcements"),
        blank=True,
        validators=[UploadValidator("images", max_bytes=5 * 1024 * 1024)],
        help_text=_("PNG, JPEG, GIF or WebP, at most 5 MB."),
    )
    image_description = models.CharField(
        _("image description"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    publish_at = models.DateTimeField(_("publish at"), default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-publish_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_description=""),
                name="newsfeed_announcement_image_described",
                violation_error_message=_("Describe the image for people who cannot see it."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("newsfeed:announcement", kwargs={"pk": self.pk})


# Digests go out at every frequency a person may choose (accounts' one list), but "none".
DIGEST_FREQUENCIES = [
    (value, label)
    for value, label in User.DigestFrequency.choices
    if value != User.DigestFrequency.NONE
]
_IS_DIGEST_FREQUENCY = Q(frequency__in=[value for value, _label in DIGEST_FREQUENCIES])


class DigestRun(models.Model):
    """One period of one frequency; complete once every delivery is settled."""

    frequency = models.CharField(_("frequency"), max_length=8, choices=DIGEST_FREQUENCIES)
    period_start = models.DateTimeField(_("period start"))
    period_end = models.DateTimeField(_("period end"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("digest run")
        verbose_name_plural = _("digest runs")
        ordering = ["-period_start", "frequency"]
        constraints = [
            models.UniqueConstraint(
                fields=["frequency", "period_start"], name="newsfeed_one_run_per_period"
            ),
            models.CheckConstraint(
                condition=Q(period_start__lt=F("period_end")), name="newsfeed_run_period_order"
            ),
            models.CheckConstraint(condition=_IS_DIGEST_FREQUENCY, name="newsfeed_run_frequency"),
        ]

    def __str__(self) -> str:
        return f"{self.get_frequency_display()} {self.period_start:%Y-%m-%d}"


class DigestDelivery(models.Model):
    """One person's digest for one period: sent once, never skipped.

    pending -> sent | empty | failed. Sending has no state of its own: it is the time a worker
    holds the pending row's lock (a failed attempt below the limit leaves the row pending).
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        EMPTY = "empty", _("Nothing to send")
        FAILED = "failed", _("Failed")

    run = models.ForeignKey(
        DigestRun, verbose_name=_("run"), on_delete=models.CASCADE, related_name="deliveries"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="digest_deliveries",
    )
    frequency = models.CharField(_("frequency"), max_length=8, choices=DIGEST_FREQUENCIES)
    period_start = models.DateTimeField(_("period start"))
    state = models.CharField(
        _("state"), max_length=8, choices=State.choices, default=State.PENDING, db_index=True
    )
    item_count = models.PositiveIntegerField(_("items"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")
        ordering = ["-period_start", "user_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "frequency", "period_start"],
                name="newsfeed_one_digest_per_user_and_period",
            ),
            models.CheckConstraint(
                condition=~Q(state="sent") | Q(sent_at__isnull=False),
                name="newsfeed_sent_has_time",
            ),
            models.CheckConstraint(
                condition=Q(state__in=["pending", "sent", "empty", "failed"]),
                name="newsfeed_delivery_state",
            ),
            models.CheckConstraint(
                condition=_IS_DIGEST_FREQUENCY, name="newsfeed_delivery_frequency"
            ),
        ]
        indexes = [models.Index(fields=["run", "state"], name="newsfeed_delivery_run_state")]

    def __str__(self) -> str:
        return f"{self.user} · {self.frequency} · {self.period_start:%Y-%m-%d}"
