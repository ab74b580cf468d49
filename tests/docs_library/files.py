"""Real files for the library's tests, made here rather than kept as binaries."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile


def _pdf_string(text: str) -> str:
    out = []
    for byte in text.encode("cp1252", "replace"):
        character = chr(byte)
        if character in "()\\":
            out.append("\\" + character)
        elif byte > 126 or byte < 32:
            out.append(f"\\{byte:03o}")
        else:
            out.append(character)
    return "".join(out)


def pdf_bytes(pages: list[str]) -> bytes:
    """A valid PDF with one line of text per page (Helvetica, WinAnsi: accents work)."""
    objects: list[bytes] = []
    count = len(pages)
    font_id = 3 + 2 * count
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(count))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode())
    for i, text in enumerate(pages):
        stream = f"BT /F1 12 Tf 72 720 Td ({_pdf_string(text)}) Tj ET".encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> /Contents {4 + 2 * i} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    output = io.BytesIO()
    output.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(output.tell())
        output.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = output.tell()
    output.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        output.write(b"%010d 00000 n \n" % offset)
    output.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return output.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return output.getvalue()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_bytes(paragraphs: list[str]) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    return _zip(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
            "word/document.xml": (
                f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}'
                "</w:body></w:document>"
            ).encode(),
        }
    )


def odt_bytes(paragraphs: list[str]) -> bytes:
    ns = 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    body = "".join(f"<text:p>{text}</text:p>" for text in paragraphs)
    return _zip(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": f'<?xml version="1.0"?><office {ns}>{body}</office>'.encode(),
        }
    )


def entity_bomb_docx() -> bytes:
    """A DOCX whose main XML declares the "billion laughs" entities."""
    lol = "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' if i else '<!ENTITY lol0 "lol">'
        for i in range(10)
    )
    return _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": (
                f'<?xml version="1.0"?><!DOCTYPE w [{lol}]><w:document {W}><w:body><w:p>'
                "<w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
            ).encode(),
        }
    )


def zip_bomb_docx() -> bytes:
    """A small DOCX that would expand to far more than the bound (zeros compress ~1000:1)."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", f"<w:document {W}><w:body/></w:document>".encode())
        zeros = b"\0" * (1024 * 1024)
        with archive.open("word/media/padding.bin", "w", force_zip64=True) as padding:
            for _ in range(300):
                padding.write(zeros)
    return output.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)
