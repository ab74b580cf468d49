"""Downloads and previews: only for those who may see the document, with safe headers, byte
ranges, and nginx's X-Accel-Redirect when it is configured."""

import pytest
from django.core.files.storage import default_storage
from django.test import override_settings

from docs_library import services
from docs_library.models import Document
from tests.accounts.factories import PendingUserFactory, SecretariatFactory, UserFactory
from tests.cities.factories import MemberFactory, focal_point_of
from tests.docs_library import files
from tests.docs_library.factories import DocumentFactory

pytestmark = pytest.mark.django_db

PDF = files.pdf_bytes(["Opening remarks", "The observatory reports yearly."])


def _answers(title="Forum report", visibility="public"):
    return {
        "title": title,
        "kind": "report",
        "language": "en",
        "published_on": "2024-01-01",
        "visibility": visibility,
    }


def _published(*, name="report.pdf", data=PDF, visibility="public", title="Forum report"):
    """A document the secretariat uploaded and published at once."""
    return services.document_create(
        by=SecretariatFactory(),
        answers=_answers(title, visibility),
        file=files.upload(name, data),
        publish_now=True,
    )


def _submitted_by_focal_point():
    member = MemberFactory()
    focal_point = focal_point_of(member)
    document = services.document_create(
        by=focal_point,
        answers=_answers("Our housing policy"),
        file=files.upload("policy.pdf", PDF),
        members=[member],
    )
    return document, focal_point, member


def _download(client, document, **headers):
    return client.get(f"/library/{document.slug}/download/", headers=headers)


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_download_sends_a_public_document_as_an_attachment_to_a_visitor(client):
    document = _published(name="report.pdf")

    response = _download(client, document)

    assert response.status_code == 200
    assert _body(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="report.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == str(len(PDF))
    assert "no-store" not in response.get("Cache-Control", "")


def test_download_of_a_members_only_document_is_404_for_a_visitor_and_a_pending_user(client):
    document = _published(visibility="members")

    assert _download(client, document).status_code == 404
    client.force_login(PendingUserFactory())
    assert _download(client, document).status_code == 404


def test_download_of_a_members_only_document_gives_a_member_the_bytes_privately(client):
    document = _published(visibility="members")
    client.force_login(UserFactory())

    response = _download(client, document)

    assert response.status_code == 200
    assert _body(response) == PDF
    assert response["Cache-Control"] == "private, no-store"


def test_download_of_a_submitted_document_is_404_for_everyone_but_its_uploader(client):
    document, focal_point, member = _submitted_by_focal_point()

    assert _download(client, document).status_code == 404
    client.force_login(UserFactory())
    assert _download(client, document).status_code == 404
    client.force_login(focal_point_of(member))  # another focal point of the same member
    assert _download(client, document).status_code == 404

    client.force_login(focal_point)
    response = _download(client, document)
    assert response.status_code == 200
    assert _body(response) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="policy.pdf"'
    assert response["Cache-Control"] == "private, no-store"


def test_download_of_an_unknown_document_is_404(client):
    assert client.get("/library/no-such-document/download/").status_code == 404


def test_download_name_with_quotes_is_escaped_in_the_header(client):
    document = _published(name='The "best" report.pdf')

    response = _download(client, document)

    assert response["Content-Disposition"] == r'attachment; filename="The \"best\" report.pdf"'


def test_download_name_with_accents_and_quotes_is_percent_encoded(client):
    document = _published(name='Rapport "final" d’été.pdf')

    response = _download(client, document)

    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Rapport%20%22final%22%20d%E2%80%99%C3%A9t%C3%A9.pdf"
    )


def test_download_of_a_file_with_no_stored_name_is_named_after_the_slug(client):
    document = _published()
    Document.objects.filter(pk=document.pk).update(original_name="")

    response = _download(client, document)

    assert response["Content-Disposition"] == f'attachment; filename="{document.slug}"'


def test_download_of_a_text_file_keeps_its_stored_content_type(client):
    document = _published(name="minutes.txt", data=b"<p>not html</p> minutes")

    response = _download(client, document)

    assert response["Content-Type"] == "text/plain"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="minutes.txt"'


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [
        ("bytes=0-9", 0, 9),
        ("bytes=100-199", 100, 199),
        ("bytes=100-", 100, len(PDF) - 1),
        ("bytes=-25", len(PDF) - 25, len(PDF) - 1),
        (f"bytes=100-{len(PDF) + 500}", 100, len(PDF) - 1),
        (f"bytes=-{len(PDF) + 500}", 0, len(PDF) - 1),
    ],
)
def test_download_range_sends_exactly_the_bytes_asked_for(client, header, first, last):
    document = _published()

    response = _download(client, document, Range=header)

    assert response.status_code == 206
    assert _body(response) == PDF[first : last + 1]
    assert response["Content-Range"] == f"bytes {first}-{last}/{len(PDF)}"
    assert response["Content-Length"] == str(last - first + 1)
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="report.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "header", [f"bytes={len(PDF)}-", f"bytes={len(PDF) + 10}-20000", "bytes=-0"]
)
def test_download_range_past_the_end_is_416_with_the_size(client, header):
    document = _published()

    response = _download(client, document, Range=header)

    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(PDF)}"
    assert response.content == b""


@pytest.mark.parametrize(
    "header",
    ["bytes=0-1,5-6", "bytes=9-2", "bytes=-", "items=0-5", "bytes=abc", f"bytes={'9' * 5000}-"],
)
def test_download_with_several_or_malformed_ranges_sends_the_whole_file(client, header):
    document = _published()

    response = _download(client, document, Range=header)

    assert response.status_code == 200
    assert _body(response) == PDF
    assert response["Accept-Ranges"] == "bytes"


def test_download_range_with_if_range_sends_the_whole_file(client):
    document = _published()

    response = _download(client, document, **{"Range": "bytes=0-9", "If-Range": '"some-etag"'})

    assert response.status_code == 200
    assert _body(response) == PDF


def test_download_range_of_a_members_only_document_is_404_for_a_visitor(client):
    document = _published(visibility="members")

    assert _download(client, document, Range="bytes=0-9").status_code == 404


def test_download_of_a_file_missing_from_storage_is_404(client):
    document = _published()
    default_storage.delete(document.file.name)

    assert _download(client, document).status_code == 404
    assert _download(client, document, Range="bytes=0-9").status_code == 404


def test_download_of_a_link_only_document_redirects_to_its_link(client):
    document = DocumentFactory(link="https://www.example.org/reports/forum.pdf")

    response = _download(client, document)

    assert response.status_code == 302
    assert response["Location"] == "https://www.example.org/reports/forum.pdf"


def test_download_of_a_link_only_document_with_an_unsafe_link_is_404(client):
    document = DocumentFactory()
    # Stored before the link was checked (the field's validator refuses it today).
    Document.objects.filter(pk=document.pk).update(link="javascript:alert(1)")

    assert _download(client, document).status_code == 404


def test_download_of_a_members_only_link_is_404_for_a_visitor(client):
    document = DocumentFactory(visibility="members")

    assert _download(client, document).status_code == 404


@override_settings(PORTAL_LIBRARY_ACCEL_REDIRECT="/protected/")
def test_download_with_accel_redirect_leaves_the_transfer_to_nginx(client):
    document = _published(visibility="members", name="Rapport d’été.pdf")
    client.force_login(UserFactory())

    response = _download(client, document, Range="bytes=0-9")

    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected/{document.file.name}"
    assert document.file.name.startswith("library/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Rapport%20d%E2%80%99%C3%A9t%C3%A9.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


@override_settings(PORTAL_LIBRARY_ACCEL_REDIRECT="/protected/")
def test_download_with_accel_redirect_still_refuses_who_may_not_see_it(client):
    document = _published(visibility="members")

    response = _download(client, document)

    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response


def test_download_refuses_a_post(client):
    document = _published()

    assert client.post(f"/library/{document.slug}/download/").status_code == 405


# --- The preview of the first page ----------------------------------------------------------


def _with_preview(**kwargs):
    document = _published(**kwargs)
    services.document_extract(document_id=document.pk)
    document.refresh_from_db()
    assert document.preview
    return document


def _preview(client, document):
    return client.get(f"/library/{document.slug}/preview.png")


def test_preview_of_a_public_document_is_a_png_cached_for_an_hour(client):
    document = _with_preview()

    response = _preview(client, document)

    assert response.status_code == 200
    assert _body(response).startswith(b"\x89PNG\r\n\x1a\n")
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "public, max-age=3600"
    assert response["Content-Disposition"] == f'inline; filename="{document.slug}.png"'


def test_preview_of_a_members_only_document_is_404_for_a_visitor_and_private_for_a_member(
    client,
):
    document = _with_preview(visibility="members")

    assert _preview(client, document).status_code == 404
    client.force_login(UserFactory())
    response = _preview(client, document)
    assert response.status_code == 200
    assert _body(response).startswith(b"\x89PNG")
    assert response["Cache-Control"] == "private, no-store"


def test_preview_of_a_submitted_document_is_shown_only_to_its_uploader(client):
    document, focal_point, _member = _submitted_by_focal_point()
    services.document_extract(document_id=document.pk)

    assert _preview(client, document).status_code == 404
    client.force_login(UserFactory())
    assert _preview(client, document).status_code == 404
    client.force_login(focal_point)
    response = _preview(client, document)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_preview_is_404_when_there_is_none(client):
    assert _preview(client, _published()).status_code == 404  # not extracted yet
    assert _preview(client, DocumentFactory()).status_code == 404  # a link


def test_preview_missing_from_storage_is_404(client):
    document = _with_preview()
    default_storage.delete(document.preview.name)

    assert _preview(client, document).status_code == 404
