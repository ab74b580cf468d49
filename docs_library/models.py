"""The library: what the community produces, found by what is inside it."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cities.models import FocusArea, Member
from core.links import validate_safe_link
from core.uploads import RandomName, UploadValidator
from core.visibility import Visibility, VisibleQuerySet
from docs_library.search import weighted_vector
from events.models import Event

SUMMARY_MAX_LENGTH = 2000


class DocumentKind(models.TextChoices):
    REPORT = "report", _("Report")
    CONCEPT_NOTE = "concept_note", _("Concept note")
    SESSION_REPORT = "session_report", _("Session report")
    CHARTER = "charter", _("Charter or declaration")
    GUIDE = "guide", _("Guide or toolkit")
    POLICY = "policy", _("Local policy")
    CASE_STUDY = "case_study", _("Case study")


class DocumentLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")
    OTHER = "other", _("Other language")


class DocumentState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    PUBLISHED = "published", _("Published")


class ExtractionState(models.TextChoices):
    PENDING = "pending", _("Pending")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    NEEDS_OCR = "needs_ocr", _("Needs OCR (scanned, no text)")
    NOT_APPLICABLE = "not_applicable", _("No file")


class DocumentQuerySet(VisibleQuerySet):
    def published(self):
        return self.filter(state=DocumentState.PUBLISHED)


class Document(models.Model):
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.TextField(
        _("summary"), blank=True, validators=[MaxLengthValidator(SUMMARY_MAX_LENGTH)]
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    language = models.CharField(
        _("language"), max_length=5, choices=DocumentLanguage.choices, default="en"
    )
    published_on = models.DateField(_("published on"))
    author = models.CharField(_("author or organisation"), max_length=200, blank=True)
    file = models.FileField(
        _("file"),
        upload_to=RandomName("library"),
        max_length=200,
        blank=True,
        validators=[UploadValidator("documents")],
    )
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=120, blank=True)
    link = models.URLField(
        _("external link"), max_length=500, blank=True, validators=[validate_safe_link]
    )
    focus_areas = models.ManyToManyField(
        FocusArea, blank=True, related_name="documents", verbose_name=_("focus areas")
    )
    members = models.ManyToManyField(
        Member, blank=True, related_name="documents", verbose_name=_("related members")
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("event"),
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    state = models.CharField(
        _("state"), max_length=10, choices=DocumentState.choices, default=DocumentState.SUBMITTED
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    preview = models.FileField(
        _("preview of the first page"),
        upload_to=RandomName("library-previews"),
        max_length=200,
        blank=True,
        editable=False,
    )
    extraction_state = models.CharField(
        _("text extraction"),
        max_length=20,
        choices=ExtractionState.choices,
        default=ExtractionState.PENDING,
    )
    extraction_error = models.TextField(_("why the extraction failed"), blank=True)
    extraction_attempts = models.PositiveSmallIntegerField(_("extraction attempts"), default=0)
    text_override = models.TextField(
        _("text for search (typed by hand)"),
        blank=True,
        help_text=_("Replaces the extracted text in search, e.g. for a scanned document."),
    )
    # The part of the body that search indexes (the override, or the extracted pages).
    indexed_text = models.TextField(editable=False, blank=True)
    search_vector = models.GeneratedField(
        expression=weighted_vector(
            language_field="language",
            weighted=[("title", "A"), ("summary", "B"), ("author", "B"), ("indexed_text", "C")],
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    # Title, summary and author alone: small enough to score every match quickly (ranking).
    head_vector = models.GeneratedField(
        expression=weighted_vector(
            language_field="language",
            weighted=[("title", "A"), ("summary", "B"), ("author", "B")],
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-published_on", "-id"]
        indexes = [
            # What the library searches: published documents, and the public ones alone (what
            # visitors see); each partial index already holds the state and visibility rule.
            # No b-tree on (state, visibility): the planner would filter its rows by reading
            # every vector rather than ask these (docs_library.search.index_first).
            GinIndex(
                fields=["search_vector"],
                name="document_published_gin",
                condition=Q(state="published"),
            ),
            GinIndex(
                fields=["search_vector"],
                name="document_public_gin",
                condition=Q(state="published", visibility="public"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(link="")) | (~Q(file="") & Q(link="")),
                name="document_file_or_link",
                violation_error_message=_("Give either a file or an external link, not both."),
            ),
            models.UniqueConstraint(
                fields=["sha256"],
                condition=~Q(sha256=""),
                name="document_unique_file",
                violation_error_message=_("This file is already in the library."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("docs_library:detail", kwargs={"slug": self.slug})

    @property
    def is_pdf(self) -> bool:
        return self.content_type == "application/pdf"


class DocumentPage(models.Model):
    """The extracted text of one page (a PDF page, a slide; a stretch of a long text file)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    # The document's language, kept here so the page's vector can be a generated column.
    language = models.CharField(max_length=5, choices=DocumentLanguage.choices)
    search_vector = models.GeneratedField(
        expression=weighted_vector(language_field="language", weighted=[("text", "C")]),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_page_once")
        ]

    def __str__(self) -> str:
        return f"{self.document} p. {self.number}"
