"""A document's file and the preview of its first page, for those who may see the document."""

from __future__ import annotations

import re

from django.conf import settings
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from core.links import is_safe_link
from core.visibility import Visibility
from docs_library import selectors
from docs_library.models import Document, DocumentState

CHUNK_BYTES = 64 * 1024
# One range only; more digits than any file has are malformed, not a huge number to parse.
_SINGLE_RANGE = re.compile(r"^bytes=(\d{0,19})-(\d{0,19})$")


def _document_or_404(request, slug: str) -> Document:
    document = selectors.document_detail(slug=slug, user=request.user)
    if document is None or not request.user.has_perm("docs_library.see_document", document):
        raise Http404("No such document")
    return document


def _is_open_to_all(document: Document) -> bool:
    return document.state == DocumentState.PUBLISHED and document.visibility == Visibility.PUBLIC


def _file_headers(response, document: Document) -> None:
    response["Content-Disposition"] = content_disposition_header(
        True, document.original_name or document.slug
    )
    response["X-Content-Type-Options"] = "nosniff"
    if not _is_open_to_all(document):
        response["Cache-Control"] = "private, no-store"


def requested_range(header: str, size: int) -> tuple[int, int] | None | bool:
    """The (first, last) bytes of a single ``Range``; None to send the whole file (no range,
    several, or malformed: RFC 9110 lets a server ignore them); False when unsatisfiable."""
    match = _SINGLE_RANGE.match(header.replace(" ", ""))
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last n bytes
        length = int(last)
        if length == 0 or size == 0:
            return False
        return max(size - length, 0), size - 1
    start = int(first)
    if last and int(last) < start:
        return None
    if start >= size:
        return False
    return start, min(int(last) if last else size - 1, size - 1)


def _stream(handle, start: int, length: int):
    try:
        handle.seek(start)
        while length > 0:
            chunk = handle.read(min(CHUNK_BYTES, length))
            if not chunk:
                break
            length -= len(chunk)
            yield chunk
    finally:
        handle.close()


@require_safe
def document_download(request, slug):
    """The file as an attachment (or a single byte range of it); a link-only document sends
    the reader to its link. With ``PORTAL_LIBRARY_ACCEL_REDIRECT`` nginx sends the bytes."""
    document = _document_or_404(request, slug)
    if not document.file:
        if document.link and is_safe_link(document.link):
            return HttpResponseRedirect(document.link)
        raise Http404("This document has no file")
    content_type = document.content_type or "application/octet-stream"

    prefix = settings.PORTAL_LIBRARY_ACCEL_REDIRECT
    if prefix:
        response = HttpResponse(b"", content_type=content_type)
        response["X-Accel-Redirect"] = f"{prefix}{document.file.name}"
        _file_headers(response, document)
        return response

    try:
        handle = document.file.open("rb")
        size = document.file.size
    except (FileNotFoundError, OSError) as missing:
        raise Http404("The file is missing") from missing

    if request.headers.get("If-Range"):
        wanted = None  # no validators are sent, so a conditional range is never satisfied
    else:
        wanted = requested_range(request.headers.get("Range", ""), size)

    if wanted is False:
        handle.close()
        response = HttpResponse(status=416, content_type="text/plain")
        response["Content-Range"] = f"bytes */{size}"
    elif wanted is None:
        response = FileResponse(handle, content_type=content_type)  # sets Content-Length
    else:
        start, end = wanted
        response = StreamingHttpResponse(
            _stream(handle, start, end - start + 1), status=206, content_type=content_type
        )
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    _file_headers(response, document)
    return response


@require_safe
def document_preview(request, slug):
    """The PNG of the first page, shown inline on the document's page and in lists."""
    document = _document_or_404(request, slug)
    if not document.preview:
        raise Http404("No preview")
    try:
        handle = document.preview.open("rb")
    except (FileNotFoundError, OSError) as missing:
        raise Http404("The preview is missing") from missing
    response = FileResponse(handle, content_type="image/png", filename=f"{document.slug}.png")
    response["X-Content-Type-Options"] = "nosniff"
    if _is_open_to_all(document):
        response["Cache-Control"] = "public, max-age=3600"
    else:
        response["Cache-Control"] = "private, no-store"
    return response
