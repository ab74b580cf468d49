"""Every write to the library: upload, edit, publish, text extraction."""

from __future__ import annotations

import hashlib
import logging
import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.rules import require_perm
from core.uploads import DOCUMENTS, detect
from docs_library import extraction
from docs_library.models import Document, DocumentPage, DocumentState, ExtractionState
from docs_library.search import INDEXED_CHARACTERS
from newsfeed.models import NewsKind
from newsfeed.services import publish, withdraw

logger = logging.getLogger(__name__)

# The fields a person fills in; the rest is the service's to set.
FORM_FIELDS = (
    "title",
    "summary",
    "kind",
    "language",
    "published_on",
    "author",
    "link",
    "event",
    "visibility",
    "text_override",
)


# Addresses under /library/ that are pages, not documents.
RESERVED_SLUGS = {"upload"}


def _free_slug(base: str, *, exclude: int | None = None) -> str:
    base = slugify(base)[:100] or "document"
    slug, n = base, 2
    taken = Document.objects.exclude(pk=exclude) if exclude else Document.objects.all()
    while slug in RESERVED_SLUGS or taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def file_fingerprint(uploaded) -> str:
    digest = hashlib.sha256()
    uploaded.seek(0)
    for chunk in uploaded.chunks() if hasattr(uploaded, "chunks") else [uploaded.read()]:
        digest.update(chunk)
    uploaded.seek(0)
    return digest.hexdigest()


def refuse_duplicate(sha256: str, *, exclude: int | None = None) -> None:
    existing = Document.objects.filter(sha256=sha256).exclude(pk=exclude).first()
    if existing is not None:
        raise ValidationError(
            {
                "file": format_html(
                    _('This file is already in the library: <a href="{}">{}</a>.'),
                    existing.get_absolute_url(),
                    existing.title,
                )
            },
            code="duplicate_file",
        )


def _take_file(document: Document, uploaded) -> None:
    """Record what the file is (checked by the field's validator before this)."""
    file_type = detect(uploaded, DOCUMENTS)
    document.file = uploaded
    document.original_name = os.path.basename(uploaded.name or "")[:255]
    document.content_type = file_type.content_type if file_type else ""
    document.size = uploaded.size
    document.sha256 = file_fingerprint(uploaded)
    document.extraction_state = ExtractionState.PENDING
    document.extraction_error = ""
    document.extraction_attempts = 0
    document.page_count = None


def _indexed_text(document: Document, pages: list[str] | None = None) -> str:
    if document.text_override.strip():
        return document.text_override[:INDEXED_CHARACTERS]
    if pages is None:
        pages = list(document.pages.order_by("number").values_list("text", flat=True))
    return "\n".join(pages)[:INDEXED_CHARACTERS]


def document_announce(*, document: Document, by, published_at=None) -> None:
    """The document's news item, kept in step with it (the demo dates old documents' items
    with ``published_at``); a document that is not published has none."""
    if document.state != DocumentState.PUBLISHED:
        withdraw(about=document)
        return
    members = list(document.members.all()[:2])
    publish(
        kind=NewsKind.DOCUMENT,
        title=document.title,
        about=document,
        summary=document.summary[:300],
        link=document.get_absolute_url(),
        member=members[0] if len(members) == 1 else None,
        actor=by,
        visibility=document.visibility,
        focus_areas=document.focus_areas.all(),
        published_at=published_at,
    )


def _validate_members(by, members) -> None:
    for member in members:
        require_perm(
            by,
            "docs_library.upload_for_member",
            member,
            message=_("You may upload documents only for your own member."),
        )


def document_create(
    *,
    by,
    answers: dict,
    file=None,
    focus_areas=(),
    members=(),
    publish_now: bool = False,
) -> Document:
    """A new document: submitted, or published at once by the secretariat. Its text is
    extracted in the background once the upload has committed."""
    require_perm(by, "docs_library.upload_document", message=_("You may not upload documents."))
    _validate_members(by, members)
    if publish_now:
        require_perm(
            by, "docs_library.manage_document", message=_("Only the secretariat publishes.")
        )
    document = Document(**{name: value for name, value in answers.items() if name in FORM_FIELDS})
    document.uploaded_by = by if by.is_authenticated else None
    document.state = DocumentState.PUBLISHED if publish_now else DocumentState.SUBMITTED
    document.slug = _free_slug(answers.get("slug") or document.title)
    if file:
        _take_file(document, file)
    else:
        document.extraction_state = ExtractionState.NOT_APPLICABLE
    try:
        with transaction.atomic():
            if document.sha256:
                refuse_duplicate(document.sha256)
            document.indexed_text = _indexed_text(document, pages=[])
            document.full_clean()
            document.save()
            document.focus_areas.set(focus_areas)
            document.members.set(members)
            document_announce(document=document, by=by)
            if file:
                from docs_library.tasks import extract_document_text

                extract_document_text.delay_on_commit(document.pk)
    except IntegrityError:
        _discard_stored(document)
        # The same file sent twice at the same moment: the other upload won.
        if document.sha256:
            refuse_duplicate(document.sha256)
        raise
    except BaseException:
        # Stored by save() but rolled back: leave nothing behind in storage.
        _discard_stored(document)
        raise
    return document


def _discard_stored(document: Document) -> None:
    if document.file and getattr(document.file, "_committed", False) and document.file.name:
        document.file.storage.delete(document.file.name)


def _locked(document: Document) -> Document:
    return Document.objects.select_for_update(of=("self",)).get(pk=document.pk)


def document_update(
    *, document: Document, by, answers: dict, file=None, focus_areas=None, members=None
) -> Document:
    """Edit a document (the secretariat, in the admin). A new file replaces the old one, which
    is deleted once the change has committed; a new language re-indexes every page."""
    require_perm(
        by, "docs_library.manage_document", message=_("Only the secretariat edits documents.")
    )
    with transaction.atomic():
        document = _locked(document)
        old_file = document.file.name if document.file else ""
        for name, value in answers.items():
            if name in FORM_FIELDS or name in ("slug", "state"):
                setattr(document, name, value)
        if file:
            _take_file(document, file)
            refuse_duplicate(document.sha256, exclude=document.pk)
        elif file is False:  # cleared
            document.file = None
            document.original_name = document.content_type = document.sha256 = ""
            document.size = document.page_count = None
            document.extraction_state = ExtractionState.NOT_APPLICABLE
            DocumentPage.objects.filter(document=document).delete()
        document.indexed_text = _indexed_text(document)
        document.full_clean()
        document.save()
        DocumentPage.objects.filter(document=document).exclude(language=document.language).update(
            language=document.language
        )
        if focus_areas is not None:
            document.focus_areas.set(focus_areas)
        if members is not None:
            document.members.set(members)
        document_announce(document=document, by=by)
        if file:
            DocumentPage.objects.filter(document=document).delete()
            from docs_library.tasks import extract_document_text

            extract_document_text.delay_on_commit(document.pk)
        new_file = document.file.name if document.file else ""
        if old_file and old_file != new_file:
            storage = document.file.storage
            transaction.on_commit(lambda: storage.delete(old_file))
    return document


def document_publish(*, document: Document, by) -> Document:
    require_perm(by, "docs_library.manage_document", message=_("Only the secretariat publishes."))
    with transaction.atomic():
        document = _locked(document)
        if document.state == DocumentState.PUBLISHED:
            return document
        document.state = DocumentState.PUBLISHED
        document.save(update_fields=["state", "updated_at"])
        document_announce(document=document, by=by)
    return document


def document_extract(*, document_id: int) -> int | None:
    """Extract the text of the document's file, page by page, and a preview of a PDF's first
    page. A file that cannot be read is marked failed with the reason; the answer is the
    number of seconds after which to try again, or None."""
    document = Document.objects.filter(pk=document_id).first()
    if document is None or not document.file:
        return None
    name = document.file.name
    preview = None
    try:
        with document.file.open("rb") as handle:
            data = handle.read(settings.PORTAL_LIBRARY_MAX_BYTES + 1)
        result = extraction.extract(data, document.content_type)
        if document.content_type == "application/pdf":
            preview = extraction.pdf_preview(data)
        error = ""
    except extraction.ExtractionError as problem:
        result, error = None, str(problem)
    except Exception as problem:  # noqa: BLE001 - one unreadable file is never fatal
        logger.exception("Text extraction failed for document %s", document_id)
        result, error = None, f"{type(problem).__name__}: {problem}"
    with transaction.atomic():
        document = Document.objects.select_for_update(of=("self",)).filter(pk=document_id).first()
        if document is None or document.file.name != name:
            return None  # deleted or replaced meanwhile: the new file has its own task
        if result is None:
            document.extraction_attempts += 1
            document.extraction_state = ExtractionState.FAILED
            document.extraction_error = error[:2000]
            document.save(
                update_fields=["extraction_attempts", "extraction_state", "extraction_error"]
            )
            attempts = document.extraction_attempts
            if attempts < settings.PORTAL_LIBRARY_EXTRACTION_RETRIES:
                return 60 * 2**attempts
            return None
        DocumentPage.objects.filter(document=document).delete()
        DocumentPage.objects.bulk_create(
            DocumentPage(document=document, number=number, text=text, language=document.language)
            for number, text in enumerate(result.pages, start=1)
        )
        document.page_count = len(result.pages) if result.paged else None
        document.extraction_state = (
            ExtractionState.NEEDS_OCR if result.needs_ocr else ExtractionState.DONE
        )
        document.extraction_error = ""
        document.indexed_text = _indexed_text(document, pages=result.pages)
        fields = ["page_count", "extraction_state", "extraction_error", "indexed_text"]
        if preview:
            old_preview = document.preview.name if document.preview else ""
            document.preview.save("preview.png", ContentFile(preview), save=False)
            fields.append("preview")
            if old_preview:
                storage = document.preview.storage
                transaction.on_commit(lambda: storage.delete(old_preview))
        document.save(update_fields=fields)
    return None


def document_retry_extraction(*, document: Document, by) -> None:
    require_perm(
        by, "docs_library.manage_document", message=_("Only the secretariat re-reads files.")
    )
    with transaction.atomic():
        document = _locked(document)
        document.extraction_attempts = 0
        document.extraction_state = (
            ExtractionState.PENDING if document.file else ExtractionState.NOT_APPLICABLE
        )
        document.save(update_fields=["extraction_attempts", "extraction_state"])
        if document.file:
            from docs_library.tasks import extract_document_text

            extract_document_text.delay_on_commit(document.pk)


def document_delete(*, document: Document, by) -> None:
    """Remove a document, its news item and, once that has committed, its files."""
    require_perm(
        by, "docs_library.manage_document", message=_("Only the secretariat deletes documents.")
    )
    with transaction.atomic():
        document = _locked(document)
        withdraw(about=document)
        names = [field.name for field in (document.file, document.preview) if field]
        storage = document.file.storage
        document.delete()
        transaction.on_commit(lambda: [storage.delete(name) for name in names])
