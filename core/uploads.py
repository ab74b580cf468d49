"""Uploads: allow-listed types checked by content (magic bytes) and extension, a size cap,
random storage names. Reused by every app that stores files."""

from __future__ import annotations

import os
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class FileType:
    label: str
    extensions: tuple[str, ...]
    content_type: str

    def matches(self, head: bytes) -> bool:
        if self.content_type == "image/png":
            return head.startswith(b"\x89PNG\r\n\x1a\n")
        if self.content_type == "image/jpeg":
            return head.startswith(b"\xff\xd8\xff")
        if self.content_type == "image/gif":
            return head.startswith((b"GIF87a", b"GIF89a"))
        if self.content_type == "image/webp":
            return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
        if self.content_type == "application/pdf":
            return head.startswith(b"%PDF-")
        if self.content_type in ARCHIVE_MEMBERS:
            return head.startswith(b"PK\x03\x04")
        if self.content_type == "text/plain":
            return _looks_like_plain_text(head)
        return False


PNG = FileType("PNG", (".png",), "image/png")
JPEG = FileType("JPEG", (".jpg", ".jpeg"), "image/jpeg")
GIF = FileType("GIF", (".gif",), "image/gif")
WEBP = FileType("WebP", (".webp",), "image/webp")
PDF = FileType("PDF", (".pdf",), "application/pdf")
IMAGES = (PNG, JPEG, GIF, WEBP)

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT_TYPE = "application/vnd.oasis.opendocument.text"
ODS_TYPE = "application/vnd.oasis.opendocument.spreadsheet"
# The member an archive-based format must hold to be what its extension says.
ARCHIVE_MEMBERS = {
    DOCX_TYPE: "word/document.xml",
    XLSX_TYPE: "xl/workbook.xml",
    PPTX_TYPE: "ppt/presentation.xml",
    ODT_TYPE: "content.xml",
    ODS_TYPE: "content.xml",
}
DOCX = FileType("DOCX", (".docx",), DOCX_TYPE)
XLSX = FileType("XLSX", (".xlsx",), XLSX_TYPE)
PPTX = FileType("PPTX", (".pptx",), PPTX_TYPE)
ODT = FileType("ODT", (".odt",), ODT_TYPE)
ODS = FileType("ODS", (".ods",), ODS_TYPE)
TXT = FileType("TXT", (".txt",), "text/plain")
# The library's allow-list.
DOCUMENTS = (PDF, DOCX, ODT, XLSX, ODS, PPTX, TXT, PNG, JPEG)
KINDS = {"images": IMAGES, "pdf": (PDF,), "documents": DOCUMENTS}

# Markup that a browser would run if it were ever served inline: never "plain text".
_MARKUP_STARTS = (b"<!doctype", b"<html", b"<svg", b"<?xml", b"<script", b"<head", b"<body")


def _looks_like_plain_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return not start.startswith(_MARKUP_STARTS)


def detect(uploaded, allowed) -> FileType | None:
    """The allowed type whose magic bytes and extension both match, else None."""
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(512)
    uploaded.seek(position)
    extension = os.path.splitext(uploaded.name or "")[1].lower()
    for file_type in allowed:
        if extension in file_type.extensions and file_type.matches(head):
            return file_type
    return None


@deconstructible
class UploadValidator:
    """A field validator: the file must be one of ``kinds`` and at most ``max_bytes``."""

    def __init__(self, kinds: str = "images", max_bytes: int | None = None):
        self.kinds = kinds
        self.max_bytes = max_bytes

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and (self.kinds, self.max_bytes) == (
            other.kinds,
            other.max_bytes,
        )

    def __call__(self, uploaded):
        # Only new uploads are checked: a cleared field (False, "") or a file already in storage
        # (checked when it arrived) is not read again.
        if not uploaded or getattr(uploaded, "_committed", False):
            return
        allowed = KINDS[self.kinds]
        limit = self.max_bytes or (
            settings.PORTAL_LIBRARY_MAX_BYTES
            if self.kinds == "documents"
            else settings.PORTAL_UPLOAD_MAX_BYTES
        )
        if not uploaded.size:
            raise ValidationError(_("The file is empty."), code="file_empty")
        if uploaded.size > limit:
            raise ValidationError(
                _("The file is %(size)s; the limit is %(limit)s."),
                code="file_too_large",
                params={"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            )
        validate_file_name(uploaded.name or "")
        file_type = detect(uploaded, allowed)
        if file_type is None or not _opens_as(file_type, uploaded):
            raise ValidationError(
                _("This file is not an accepted type. Accepted: %(types)s."),
                code="file_type",
                params={"types": ", ".join(t.label for t in allowed)},
            )


def validate_file_name(name: str) -> None:
    """Refuse a name that climbs folders or carries control characters (it is shown and sent
    back as the download's name)."""
    if (
        "/" in name
        or "\\" in name
        or name.strip() in {".", ".."}
        or any(unicodedata.category(character).startswith("C") for character in name)
    ):
        raise ValidationError(
            _("The file name may not contain “/”, “\\” or control characters."),
            code="file_name",
        )


def _opens_as(file_type: FileType, uploaded) -> bool:
    if file_type is PDF:
        return _pdf_opens(uploaded)
    if file_type.content_type in ARCHIVE_MEMBERS:
        return _archive_opens(file_type, uploaded)
    if file_type is TXT:
        return _text_decodes(uploaded)
    return True


def _archive_opens(file_type: FileType, uploaded) -> bool:
    """A real archive of the right format whose content stays within the expansion bound, and
    whose main XML parses safely (no entity tricks: defusedxml refuses them)."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            entries = archive.infolist()
            expanded = sum(entry.file_size for entry in entries)
            if len(entries) > 10_000 or expanded > settings.PORTAL_UPLOAD_MAX_EXPANDED_BYTES:
                raise ValidationError(
                    _("This archive expands to more than the limit allows (%(limit)s)."),
                    code="file_expands",
                    params={"limit": filesizeformat(settings.PORTAL_UPLOAD_MAX_EXPANDED_BYTES)},
                )
            member = ARCHIVE_MEMBERS[file_type.content_type]
            is_open_document = file_type.content_type.startswith("application/vnd.oasis")
            if is_open_document and archive.read("mimetype").decode("ascii", "replace").strip() != (
                file_type.content_type
            ):
                return False
            fromstring(archive.read(member))
            return True
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError, DefusedXmlException):
        return False
    except SyntaxError:  # ElementTree.ParseError
        return False
    finally:
        uploaded.seek(0)


def decode_text(data: bytes) -> str | None:
    """UTF-8, else Windows-1252 (the usual older French and Spanish text files); None for
    what is not text at all."""
    if b"\x00" in data:
        return None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _text_decodes(uploaded) -> bool:
    uploaded.seek(0)
    try:
        data = uploaded.read()
    finally:
        uploaded.seek(0)
    return decode_text(data if isinstance(data, bytes) else data.encode()) is not None


def _pdf_opens(uploaded) -> bool:
    """A PDF header is not enough: the document must also parse and have a page."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    uploaded.seek(0)
    try:
        return len(PdfReader(uploaded).pages) > 0
    except (PyPdfError, ValueError, OSError, KeyError, TypeError):
        return False
    finally:
        uploaded.seek(0)


@deconstructible
class RandomName:
    """``upload_to`` that keeps the extension and nothing else of the uploaded name."""

    def __init__(self, folder: str):
        self.folder = folder

    def __eq__(self, other):
        return isinstance(other, RandomName) and self.folder == other.folder

    def __call__(self, instance, filename):
        extension = os.path.splitext(filename)[1].lower()[:10]
        return f"{self.folder}/{uuid.uuid4().hex}{extension}"
