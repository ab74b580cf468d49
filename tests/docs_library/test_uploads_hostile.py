"""Hostile files sent through the focal point's upload form: each is refused with a form error
that says why, and leaves nothing behind (no file in storage, no document)."""

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.test import override_settings
from django.utils.html import escape

from docs_library.forms import DocumentUploadForm
from docs_library.models import Document
from tests.cities.factories import MemberFactory, focal_point_of
from tests.docs_library import files

pytestmark = pytest.mark.django_db

UPLOAD = "/library/upload/"
PDF = files.pdf_bytes(["A real report."])
NOT_ACCEPTED = (
    "This file is not an accepted type. Accepted: PDF, DOCX, ODT, XLSX, ODS, PPTX, TXT, PNG, JPEG."
)
BAD_NAME = "The file name may not contain “/”, “\\” or control characters."
FIELDS = {
    "title": "Hostile",
    "kind": "report",
    "language": "en",
    "published_on": "2024-03-01",
    "visibility": "public",
    "link": "",
}


def _stored() -> list[str]:
    if not default_storage.exists("library"):
        return []
    return default_storage.listdir("library")[1]


@pytest.fixture
def focal_point_client(client):
    client.force_login(focal_point_of(MemberFactory()))
    return client


def _refused(client, name: str, data: bytes) -> list[str]:
    """Post the file; check nothing was kept; the errors shown on the file field."""
    assert _stored() == []
    response = client.post(UPLOAD, {**FIELDS, "file": files.upload(name, data)})
    assert response.status_code == 200
    errors = list(response.context["form"].errors["file"])
    page = response.content.decode()
    for error in errors:
        assert escape(error) in page
    assert _stored() == []
    assert Document.objects.count() == 0
    return errors


def test_upload_of_html_renamed_pdf_is_refused(focal_point_client):
    html = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"

    assert _refused(focal_point_client, "report.pdf", html) == [NOT_ACCEPTED]


def test_upload_of_html_renamed_txt_is_refused(focal_point_client):
    html = b"\n  <html><body><script>alert(1)</script></body></html>"

    assert _refused(focal_point_client, "minutes.txt", html) == [NOT_ACCEPTED]


def test_upload_of_svg_renamed_pdf_is_refused(focal_point_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'

    assert _refused(focal_point_client, "logo.pdf", svg) == [NOT_ACCEPTED]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("tool.pdf", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200),
        ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),
        ("setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),
        ("setup.docx", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),
    ],
)
def test_upload_of_an_executable_is_refused(focal_point_client, name, data):
    assert _refused(focal_point_client, name, data) == [NOT_ACCEPTED]


def test_upload_of_a_pdf_header_on_garbage_is_refused(focal_point_client):
    assert _refused(focal_point_client, "report.pdf", b"%PDF-1.7\n" + b"junk " * 50) == [
        NOT_ACCEPTED
    ]


def test_upload_of_a_zip_bomb_named_docx_is_refused(focal_point_client):
    limit = filesizeformat(settings.PORTAL_UPLOAD_MAX_EXPANDED_BYTES)

    assert _refused(focal_point_client, "report.docx", files.zip_bomb_docx()) == [
        f"This archive expands to more than the limit allows ({limit})."
    ]


def test_upload_of_an_entity_bomb_named_docx_is_refused(focal_point_client):
    assert _refused(focal_point_client, "report.docx", files.entity_bomb_docx()) == [NOT_ACCEPTED]


@override_settings(PORTAL_LIBRARY_MAX_BYTES=1000)
def test_upload_of_a_file_over_the_limit_is_refused(focal_point_client):
    big = files.pdf_bytes([f"Page {n} of a long report." for n in range(1, 6)])
    assert len(big) > 1000

    assert _refused(focal_point_client, "report.pdf", big) == [
        f"The file is {filesizeformat(len(big))}; the limit is {filesizeformat(1000)}."
    ]


def test_upload_of_an_empty_file_is_refused(focal_point_client):
    assert _refused(focal_point_client, "report.pdf", b"") == ["The submitted file is empty."]


# --- Names: Django's multipart parser keeps only the last part of a path and drops control
# characters before any form sees the name; the model field's validator refuses what would
# come through another way (a form bound in code, the admin's bulk upload).


@pytest.mark.parametrize(
    "name",
    ["../../a.pdf", "..\\a.pdf", "a/../b.pdf", "a\x07.pdf", "a\x00.pdf", "a\u202efdp.exe.pdf"],
)
def test_upload_form_refuses_a_name_that_climbs_folders_or_holds_control_characters(name):
    upload = files.upload("placeholder.pdf", PDF)
    upload._name = name  # as it would arrive without Django's sanitising
    form = DocumentUploadForm(FIELDS, {"file": upload})

    assert form.errors == {"file": [BAD_NAME]}
    assert _stored() == []
    assert Document.objects.count() == 0


def _post_raw_name(client, name: str, data: bytes):
    """Post the form with ``name`` sent byte for byte (the test client would clean it first)."""
    boundary = "hostile-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in FIELDS.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return client.post(
        UPLOAD, b"".join(parts), content_type=f"multipart/form-data; boundary={boundary}"
    )


@pytest.mark.parametrize(
    ("sent", "kept"),
    [("../../etc/report.pdf", "report.pdf"), ("..\\..\\report.pdf", "report.pdf"),
     ("a\x07.pdf", "a.pdf")],
)  # fmt: skip
def test_upload_name_that_climbs_folders_is_cut_to_its_last_part_by_django(
    focal_point_client, sent, kept
):
    response = _post_raw_name(focal_point_client, sent, PDF)

    document = Document.objects.get()
    assert response["Location"] == document.get_absolute_url()
    assert document.original_name == kept
    assert document.file.name.startswith("library/")
    assert ".." not in document.file.name
    assert _stored() == [document.file.name.removeprefix("library/")]


@pytest.mark.parametrize("sent", ["..", "/", "\x07"])
def test_upload_name_with_nothing_left_after_cleaning_asks_for_a_file(focal_point_client, sent):
    response = _post_raw_name(focal_point_client, sent, PDF)

    assert response.status_code == 200
    assert list(response.context["form"].errors["file"]) == [
        "Choose a file to upload, or give a link to the document."
    ]
    assert (_stored(), Document.objects.count()) == ([], 0)
