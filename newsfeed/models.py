"""What happened in the community, about which object and member, visible to whom."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.models import FocusArea, Member
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


class NewsItem(models.Model):
    Kind = NewsKind

    kind = models.CharField(_("kind"), max_length=32, choices=NewsKind.choices)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True, max_length=2000)
    link = models.CharField(
        _("link"), max_length=500, blank=True, help_text=_("A path on this site or a full URL.")
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
