"""The "10, 100, 1000 Human Rights Cities and Territories by 2030" campaign: pledges of members,
their review by the secretariat, and the milestones they count toward."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.models import FocusArea, Member, MemberKind
from core.uploads import RandomName, UploadValidator

ANSWER_MAX_LENGTH = 10_000


class Campaign(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    launched_on = models.DateField(_("launched on"))
    is_active = models.BooleanField(_("open for pledges"), default=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-launched_on"]

    def __str__(self) -> str:
        return self.name


class Milestone(models.Model):
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="milestones"
    )
    target = models.PositiveIntegerField(_("target (accepted pledges)"))
    label = models.CharField(_("label"), max_length=200)
    due_on = models.DateField(_("due on"))

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["campaign", "target"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "target"], name="campaign_milestone_unique"
            ),
            models.CheckConstraint(condition=Q(target__gt=0), name="campaign_milestone_positive"),
        ]

    def __str__(self) -> str:
        return self.label


class PledgeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned for changes")
    WITHDRAWN = "withdrawn", _("Withdrawn")

    @classmethod
    def editable(cls) -> tuple[str, ...]:
        return (cls.DRAFT, cls.RETURNED)

    @classmethod
    def open(cls) -> tuple[str, ...]:
        return (cls.DRAFT, cls.SUBMITTED, cls.RETURNED)


# The campaign's statements are signed from its preparation on; never in the future.
EARLIEST_SIGNATURE = date(2000, 1, 1)


def not_in_the_future(value: date) -> None:
    if value > timezone.localdate():
        raise ValidationError(_("The date of signature cannot be in the future."))


class PledgeQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(status=PledgeStatus.ACCEPTED)

    def public(self):
        """The one rule for what is public (see campaign.rules.pledge_is_public): accepted
        pledges of published members. Progress, the wall, the report and the map count these."""
        return self.filter(status=PledgeStatus.ACCEPTED, member__is_published=True)


def _answer(label, help_text=""):
    # TextField's max_length only sizes the form field; the validator enforces it everywhere.
    return models.TextField(
        label,
        blank=True,
        max_length=ANSWER_MAX_LENGTH,
        validators=[MaxLengthValidator(ANSWER_MAX_LENGTH)],
        help_text=help_text,
    )


class Pledge(models.Model):
    """A member's commitment: the political statement, and optionally the campaign's full form."""

    Status = PledgeStatus

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="pledges"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="pledges"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=PledgeStatus.choices, default=PledgeStatus.DRAFT
    )
    # i) Key information
    inhabitants = models.PositiveIntegerField(_("number of inhabitants"), null=True, blank=True)
    kind = models.CharField(
        _("kind of local or regional government"),
        max_length=32,
        choices=MemberKind.choices,
        blank=True,
    )
    representative_name = models.CharField(
        _("name of the representative"), max_length=200, blank=True
    )
    representative_title = models.CharField(
        _("title of the representative"), max_length=200, blank=True
    )
    political_structure = _answer(
        _("political structure"), _("How the local government is organised and elected.")
    )
    # ii) Vision
    vision_essential = _answer(
        _(
            "Why are local and regional governments essential to promote, fulfil and respect human rights?"
        )
    )
    vision_framework = _answer(
        _(
            "Why are human rights meaningful values and a useful framework to guide your local action?"
        )
    )
    # iii) Motivations
    motivations = _answer(_("Why do you join the Global Campaign?"))
    # iv) Areas of focus (initiatives are PledgeInitiative rows)
    focus_areas = models.ManyToManyField(
        FocusArea, verbose_name=_("main areas of focus"), related_name="pledges", blank=True
    )
    # v) Political statement
    signatory_name = models.CharField(_("signed by (name)"), max_length=200, blank=True)
    signatory_title = models.CharField(_("signed by (title)"), max_length=200, blank=True)
    signed_on = models.DateField(
        _("signed on"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(EARLIEST_SIGNATURE, _("Give the date the statement was signed.")),
            not_in_the_future,
        ],
    )
    signed_statement = models.FileField(
        _("signed statement (PDF)"),
        upload_to=RandomName("pledges/statements"),
        blank=True,
        validators=[UploadValidator("pdf")],
        help_text=_("Optional: the statement signed by your representative, as a PDF."),
    )
    with_form = models.BooleanField(
        _("full form"), default=False, help_text=_("Submitted with every section of the form.")
    )
    reviewer_note = models.TextField(_("note from the secretariat"), blank=True, max_length=5000)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    objects = PledgeQuerySet.as_manager()

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["-accepted_at", "-submitted_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "campaign"],
                condition=Q(status="accepted"),
                name="campaign_one_accepted_pledge_per_member",
                violation_error_message=_(
                    "This member already has an accepted pledge in this campaign."
                ),
            ),
            models.UniqueConstraint(
                fields=["member", "campaign"],
                condition=Q(status__in=["draft", "submitted", "returned"]),
                name="campaign_one_open_pledge_per_member",
                violation_error_message=_("This member already has a pledge in progress."),
            ),
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(accepted_at__isnull=False),
                name="campaign_accepted_has_time",
            ),
            models.CheckConstraint(
                condition=Q(signed_on__isnull=True) | Q(signed_on__gte=EARLIEST_SIGNATURE),
                name="campaign_signed_on_plausible",
            ),
        ]
        indexes = [models.Index(fields=["campaign", "status"], name="campaign_pledge_status")]

    def __str__(self) -> str:
        return f"{self.member} — {self.campaign}"


class PledgeInitiative(models.Model):
    class Kind(models.TextChoices):
        POLICY = "policy", _("Policy")
        LAW = "law", _("Law or regulation")
        MECHANISM = "mechanism", _("Mechanism")
        PROGRAMME = "programme", _("Programme")

    pledge = models.ForeignKey(
        Pledge, verbose_name=_("pledge"), on_delete=models.CASCADE, related_name="initiatives"
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=ANSWER_MAX_LENGTH,
        validators=[MaxLengthValidator(ANSWER_MAX_LENGTH)],
    )
    link = models.URLField(_("link"), blank=True)

    class Meta:
        verbose_name = _("key local initiative")
        verbose_name_plural = _("key local initiatives")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class PledgeTransition(models.Model):
    """Every change of a pledge's status: who, when, from, to, and the note."""

    pledge = models.ForeignKey(
        Pledge, verbose_name=_("pledge"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(
        _("from"), max_length=16, choices=PledgeStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=16, choices=PledgeStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_status=F("to_status")), name="campaign_transition_changes"
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_status or '—'} → {self.to_status}"
