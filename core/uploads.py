"""Uploads: allow-listed types checked by content (magic bytes) and extension, a size cap,
random storage names. Reused by every app that stores files."""

from __future__ import annotations

import os
import uuid
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
        return False


PNG = FileType("PNG", (".png",), "image/png")
JPEG = FileType("JPEG", (".jpg", ".jpeg"), "image/jpeg")
GIF = FileType("GIF", (".gif",), "image/gif")
WEBP = FileType("WebP", (".webp",), "image/webp")
PDF = FileType("PDF", (".pdf",), "application/pdf")
IMAGES = (PNG, JPEG, GIF, WEBP)


def detect(uploaded, allowed) -> FileType | None:
    """The allowed type whose magic bytes and extension both match, else None."""
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(16)
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
        allowed = {"images": IMAGES, "pdf": (PDF,)}[self.kinds]
        limit = self.max_bytes or settings.PORTAL_UPLOAD_MAX_BYTES
        if uploaded.size > limit:
            raise ValidationError(
                _("The file is %(size)s; the limit is %(limit)s."),
                code="file_too_large",
                params={"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            )
        file_type = detect(uploaded, allowed)
        if file_type is None or (file_type is PDF and not _pdf_opens(uploaded)):
            raise ValidationError(
                _("This file is not an accepted type. Accepted: %(types)s."),
                code="file_type",
                params={"types": ", ".join(t.label for t in allowed)},
            )


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
