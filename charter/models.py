"""The Global Charter-Agenda for Human Rights in the City: versions reviewed in consultation
rounds, rights with a stable identity across versions, comments, amendments, local practices."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cities.models import FocusArea, Member
from core.links import validate_safe_link

TEXT_MAX_LENGTH = 20_000


class Charter(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))

    class Meta:
        verbose_name = _("charter")
        verbose_name_plural = _("charters")

    def __str__(self) -> str:
        return self.name


class VersionStatus(models.TextChoices):
    DRAFTING = "drafting", _("Drafting")
    CONSULTATION = "consultation", _("In consultation")
    CLOSED = "closed", _("Consultation closed")
    ADOPTED = "adopted", _("Adopted")


class VersionQuerySet(models.QuerySet):
    def published(self):
        """What visitors read: every version once it leaves drafting."""
        return self.exclude(status=VersionStatus.DRAFTING)


class Version(models.Model):
    Status = VersionStatus

    charter = models.ForeignKey(
        Charter, verbose_name=_("charter"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(
        _("status"), max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFTING
    )
    phase = models.TextField(
        _("phase"), blank=True, max_length=TEXT_MAX_LENGTH,
        help_text=_("What this round reviews (the structure, the content of each right ...)."),
    )  # fmt: skip
    changelog = models.TextField(
        _("changelog"), blank=True, max_length=TEXT_MAX_LENGTH, help_text=_("Markdown.")
    )
    round_opens_at = models.DateTimeField(_("consultation opens"), null=True, blank=True)
    round_closes_at = models.DateTimeField(_("consultation closes"), null=True, blank=True)
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("started from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_versions",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    adopted_at = models.DateTimeField(_("adopted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    objects = VersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["charter", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["charter", "number"],
                name="charter_version_number_unique",
                violation_error_message=_("This charter already has a version with this number."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="charter_version_number_positive"
            ),
            models.CheckConstraint(
                condition=Q(round_opens_at__isnull=True)
                | Q(round_closes_at__isnull=True)
                | Q(round_closes_at__gt=F("round_opens_at")),
                name="charter_round_closes_after_it_opens",
                violation_error_message=_("The consultation closes after it opens."),
            ),
            models.CheckConstraint(
                condition=~Q(status="adopted") | Q(adopted_at__isnull=False),
                name="charter_adopted_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"v{self.number} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("charter:version", kwargs={"number": self.number})

    def round_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.status == VersionStatus.CONSULTATION
            and self.round_opens_at is not None
            and self.round_opens_at <= now
            and (self.round_closes_at is None or now < self.round_closes_at)
        )

    def clean(self):
        if (
            self.round_opens_at
            and self.round_closes_at
            and self.round_closes_at <= self.round_opens_at
        ):
            raise ValidationError(
                {"round_closes_at": _("The consultation must close after it opens.")}
            )


class PartKind(models.TextChoices):
    PREAMBLE = "preamble", _("Preamble")
    GENERAL_PROVISIONS = "general_provisions", _("General provisions")
    AGENDA = "agenda", pgettext_lazy("the Charter-Agenda's second part", "Agenda")


class Part(models.Model):
    Kind = PartKind

    version = models.ForeignKey(
        Version, verbose_name=_("version"), on_delete=models.CASCADE, related_name="parts"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=PartKind.choices)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(
        _("text"), blank=True, max_length=TEXT_MAX_LENGTH * 5, help_text=_("Markdown.")
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("part")
        verbose_name_plural = _("parts")
        ordering = ["version", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Right(models.Model):
    """A right's identity, the same from one version to the next: its comments, amendments and
    practices stay with it whatever its number, title or group becomes."""

    charter = models.ForeignKey(
        Charter, verbose_name=_("charter"), on_delete=models.CASCADE, related_name="rights"
    )
    key = models.SlugField(
        _("key"), max_length=120, help_text=_("A stable name for the right, never shown.")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("right")
        verbose_name_plural = _("rights")
        constraints = [
            models.UniqueConstraint(fields=["charter", "key"], name="charter_right_key_unique")
        ]

    def __str__(self) -> str:
        return self.key


class RightText(models.Model):
    """A right as one version words it."""

    version = models.ForeignKey(
        Version, verbose_name=_("version"), on_delete=models.CASCADE, related_name="rights"
    )
    right = models.ForeignKey(
        Right, verbose_name=_("right"), on_delete=models.PROTECT, related_name="texts"
    )
    group = models.CharField(_("group"), max_length=200, blank=True)
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    formulation = models.TextField(_("formulation"), max_length=TEXT_MAX_LENGTH)
    commentary = models.TextField(
        _("commentary"), blank=True, max_length=TEXT_MAX_LENGTH, help_text=_("Markdown.")
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("right in a version")
        verbose_name_plural = _("rights in a version")
        ordering = ["version", "order", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "number"],
                name="charter_one_number_per_right",
                violation_error_message=_("Another right of this version has this number."),
            ),
            models.UniqueConstraint(
                fields=["version", "right"], name="charter_right_once_per_version"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="charter_right_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "charter:right",
            kwargs={"number": self.version.number, "right_number": self.number},
        )


class Comment(models.Model):
    right_text = models.ForeignKey(
        RightText, verbose_name=_("right"), on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="charter_comments",
    )
    body = models.TextField(_("comment"), max_length=TEXT_MAX_LENGTH, help_text=_("Markdown."))
    # The wording it was about, kept when the text changes.
    quoted_title = models.CharField(_("title commented on"), max_length=300)
    quoted_formulation = models.TextField(_("wording commented on"))
    gathered_at = models.ForeignKey(
        "events.Event",
        verbose_name=_("gathered at (session)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="charter_comments",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(parent=F("pk")),
                name="charter_comment_not_own_reply",
            )
        ]

    def __str__(self) -> str:
        return f"{self.author} on {self.right_text}"


class AmendmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    ACCEPTED_WITH_CHANGES = "accepted_with_changes", _("Accepted with changes")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SUPERSEDED = "superseded", _("Superseded")

    @classmethod
    def decided(cls) -> tuple[str, ...]:
        return (cls.ACCEPTED, cls.ACCEPTED_WITH_CHANGES, cls.REJECTED)

    @classmethod
    def accepted(cls) -> tuple[str, ...]:
        return (cls.ACCEPTED, cls.ACCEPTED_WITH_CHANGES)


class Amendment(models.Model):
    Status = AmendmentStatus

    right_text = models.ForeignKey(
        RightText, verbose_name=_("right"), on_delete=models.CASCADE, related_name="amendments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="charter_amendments",
    )
    proposed_title = models.CharField(_("proposed title"), max_length=300)
    proposed_formulation = models.TextField(_("proposed formulation"), max_length=TEXT_MAX_LENGTH)
    rationale = models.TextField(_("rationale"), blank=True, max_length=TEXT_MAX_LENGTH)
    # The text it was written against: its fingerprint, and the words (for "needs rebase").
    base_fingerprint = models.CharField(max_length=64)
    base_title = models.CharField(_("title it was written against"), max_length=300)
    base_formulation = models.TextField(_("wording it was written against"))
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=AmendmentStatus.choices,
        default=AmendmentStatus.SUBMITTED,
    )
    needs_rebase = models.BooleanField(
        _("needs rebase"),
        default=False,
        help_text=_("The right's text changed after this proposal was written."),
    )
    response = models.TextField(_("response of the steering group"), blank=True,
                                max_length=TEXT_MAX_LENGTH)  # fmt: skip
    final_title = models.CharField(_("title as accepted"), max_length=300, blank=True)
    final_formulation = models.TextField(_("wording as accepted"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    applied_in = models.ForeignKey(
        Version,
        verbose_name=_("applied in version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applied_amendments",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=AmendmentStatus.decided())
                | (~Q(response="") & Q(decided_at__isnull=False)),
                name="charter_decision_has_response",
                violation_error_message=_("A decision needs a public response."),
            ),
            models.CheckConstraint(
                condition=~Q(status="accepted_with_changes")
                | ~Q(final_title="", final_formulation=""),
                name="charter_changes_are_given",
            ),
        ]
        indexes = [models.Index(fields=["status", "right_text"], name="charter_amendment_queue")]

    def __str__(self) -> str:
        return f"{self.proposed_title} ({self.get_status_display()})"

    @property
    def is_decided(self) -> bool:
        return self.status in AmendmentStatus.decided()

    @property
    def accepted_title(self) -> str:
        return self.final_title or self.proposed_title

    @property
    def accepted_formulation(self) -> str:
        return self.final_formulation or self.proposed_formulation


class PracticeStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    PUBLISHED = "published", _("Published")


class LocalPractice(models.Model):
    """How a member realises rights of the Charter: the Agenda part."""

    Status = PracticeStatus

    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="practices"
    )
    rights = models.ManyToManyField(Right, verbose_name=_("rights"), related_name="practices")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(
        _("description"), max_length=TEXT_MAX_LENGTH, help_text=_("Markdown.")
    )
    link = models.URLField(_("link"), blank=True, max_length=500, validators=[validate_safe_link])
    focus_areas = models.ManyToManyField(
        FocusArea, verbose_name=_("focus areas"), related_name="practices", blank=True
    )
    status = models.CharField(
        _("status"), max_length=16, choices=PracticeStatus.choices,
        default=PracticeStatus.SUBMITTED,
    )  # fmt: skip
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("local practice")
        verbose_name_plural = _("local practices")
        ordering = ["member__name", "title"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="charter_practice_published_has_time",
            )
        ]

    def __str__(self) -> str:
        return self.title
