"""Text out of an uploaded file, page by page, and an image of a PDF's first page.

Every format is read defensively: archive formats (DOCX, ODT, PPTX, XLSX, ODS) through
``zipfile`` and ``defusedxml`` (no entity expansion, no external entities), PDFs with ``pypdf``,
plain text decoded as UTF-8 or Windows-1252. Bounds on pages and characters keep one hostile
file from holding a worker."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from core import uploads
from docs_library.search import INDEXED_CHARACTERS

MAX_PAGES = 2000
# A "page" of a text file or spreadsheet: long texts are cut in pieces of this size.
TEXT_PAGE_CHARACTERS = 20_000
_WHITESPACE = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_SLIDE = re.compile(r"ppt/slides/slide\d+\.xml")


class ExtractionError(Exception):
    """The file could not be read; the message says why (kept on the document)."""


@dataclass
class Extracted:
    pages: list[str] = field(default_factory=list)
    needs_ocr: bool = False
    # Page numbers mean something to a reader (PDF pages, slides), not text pieces.
    paged: bool = False


def tidy(text: str) -> str:
    text = text.replace("\x00", "")
    text = _WHITESPACE.sub(" ", text)
    return _BLANK_LINES.sub("\n\n", text).strip()[:INDEXED_CHARACTERS]


def extract(data: bytes, content_type: str) -> Extracted:
    if content_type == "application/pdf":
        return _pdf(data)
    if content_type == "text/plain":
        text = uploads.decode_text(data)
        if text is None:
            raise ExtractionError("The file is not text.")
        return Extracted(pages=_pieces(text))
    if content_type in (uploads.DOCX_TYPE,):
        return Extracted(pages=_pieces(_xml_text(data, ["word/document.xml"], paragraph="p")))
    if content_type in (uploads.ODT_TYPE, uploads.ODS_TYPE):
        return Extracted(pages=_pieces(_xml_text(data, ["content.xml"], paragraph=("p", "h"))))
    if content_type == uploads.XLSX_TYPE:
        return Extracted(pages=_pieces(_xml_text(data, ["xl/sharedStrings.xml"], paragraph="si")))
    if content_type == uploads.PPTX_TYPE:
        return _slides(data)
    if content_type.startswith("image/"):
        return Extracted(needs_ocr=True)
    raise ExtractionError(f"No text extraction for {content_type or 'this type'}.")


def _pieces(text: str) -> list[str]:
    text = tidy(text)
    return [
        text[start : start + TEXT_PAGE_CHARACTERS]
        for start in range(0, len(text), TEXT_PAGE_CHARACTERS)
    ]


def _pdf(data: bytes) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ExtractionError("The PDF is encrypted.")
        pages = [tidy(page.extract_text() or "") for page in reader.pages[:MAX_PAGES]]
    except ExtractionError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        raise ExtractionError(f"The PDF could not be read: {error}") from error
    needs_ocr = bool(pages) and not any(pages)
    return Extracted(pages=pages, needs_ocr=needs_ocr, paged=True)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _xml_text(data: bytes, members: list[str], *, paragraph) -> str:
    """The text of every element, a paragraph per ``paragraph`` element."""
    paragraphs = (paragraph,) if isinstance(paragraph, str) else paragraph
    chunks: list[str] = []
    for root in _parsed(data, members):
        for element in root.iter():
            if _local(element.tag) in paragraphs:
                chunks.append("".join(element.itertext()))
    return "\n".join(chunks)


def _parsed(data: bytes, members: list[str]):
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            for member in members:
                if member in names:
                    yield fromstring(archive.read(member))
    except (zipfile.BadZipFile, OSError, EOFError, DefusedXmlException, ParseError) as error:
        raise ExtractionError(f"The file could not be read: {error}") from error


def _slides(data: bytes) -> Extracted:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            slides = sorted(
                (
                    name
                    for name in archive.namelist()
                    if re.fullmatch(r"ppt/slides/slide\d+\.xml", name)
                ),
                key=lambda name: int(re.search(r"\d+", name.rsplit("/", 1)[1]).group()),
            )
    except (zipfile.BadZipFile, OSError) as error:
        raise ExtractionError(f"The file could not be read: {error}") from error
    pages = [tidy(_xml_text(data, [slide], paragraph="p")) for slide in slides[:MAX_PAGES]]
    return Extracted(pages=pages, paged=True)


def pdf_preview(data: bytes, *, width: int = 600) -> bytes | None:
    """A PNG of the first page, ``width`` pixels wide; None when it cannot be drawn."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return None
    try:
        if len(pdf) == 0:
            return None
        page = pdf[0]
        scale = width / max(page.get_width(), 1)
        image = page.render(scale=min(scale, 4)).to_pil()
        output = io.BytesIO()
        image.save(output, format="PNG", optimize=True)
        return output.getvalue()
    except (pypdfium2.PdfiumError, ValueError, OSError):
        return None
    finally:
        pdf.close()
