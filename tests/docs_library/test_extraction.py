import pytest

from docs_library import extraction, selectors, services
from docs_library.models import Document
from tests.accounts.factories import SecretariatFactory
from tests.docs_library import files

pytestmark = pytest.mark.django_db


def test_pdf_text_is_kept_page_by_page_with_accents():
    result = extraction.extract(
        files.pdf_bytes(["Première page", "Égalité des droits"]), "application/pdf"
    )

    assert (result.pages, result.paged, result.needs_ocr) == (
        ["Première page", "Égalité des droits"],
        True,
        False,
    )


def test_docx_and_odt_text_is_read():
    docx = extraction.extract(
        files.docx_bytes(["Derecho a la vivienda", "Participación"]),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    odt = extraction.extract(
        files.odt_bytes(["Droit au logement"]), "application/vnd.oasis.opendocument.text"
    )

    assert docx.pages == ["Derecho a la vivienda\nParticipación"]
    assert odt.pages == ["Droit au logement"]


def test_a_docx_with_an_entity_bomb_is_refused_by_the_parser():
    with pytest.raises(extraction.ExtractionError):
        extraction.extract(
            files.entity_bomb_docx(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )


def test_a_pdf_without_text_needs_ocr():
    result = extraction.extract(files.pdf_bytes(["", ""]), "application/pdf")

    assert result.needs_ocr is True


def test_a_pdf_preview_is_a_png_of_the_first_page():
    png = extraction.pdf_preview(files.pdf_bytes(["Cover"]), width=200)

    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def _uploaded(name, data, django_capture_on_commit_callbacks, title=None):
    with django_capture_on_commit_callbacks(execute=False):
        return services.document_create(
            by=SecretariatFactory(),
            answers={
                "title": title or name,
                "kind": "report",
                "language": "en",
                "published_on": "2024-01-01",
                "visibility": "public",
            },
            file=files.upload(name, data),
            publish_now=True,
        )


def test_an_unreadable_file_is_marked_failed_and_retried_a_bounded_number_of_times(
    settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_LIBRARY_EXTRACTION_RETRIES = 2
    document = _uploaded(
        "minutes.pdf",
        files.pdf_bytes(["ok"]),
        django_capture_on_commit_callbacks,
        title="Minutes of the forum",
    )
    # The stored file is damaged after the upload was checked.
    with document.file.storage.open(document.file.name, "wb") as stored:
        stored.write(b"%PDF-1.4 broken")

    first = services.document_extract(document_id=document.pk)
    second = services.document_extract(document_id=document.pk)

    document.refresh_from_db()
    assert (first is not None, second) == (True, None)
    assert document.extraction_state == "failed"
    assert document.extraction_attempts == 2
    assert "PDF" in document.extraction_error
    # The document stays usable: listed and found by its title.
    found, _areas = selectors.search(selectors.library(user=None), text="minutes")
    assert [d.pk for d in found] == [document.pk]


def test_a_manual_text_replaces_what_extraction_found(django_capture_on_commit_callbacks):
    staff = SecretariatFactory()
    document = _uploaded("scan.pdf", files.pdf_bytes(["", ""]), django_capture_on_commit_callbacks)
    services.document_extract(document_id=document.pk)
    document.refresh_from_db()
    assert document.extraction_state == "needs_ocr"

    services.document_update(
        document=document, by=staff, answers={"text_override": "Typed: the ombudsperson"}
    )

    found, _areas = selectors.search(selectors.library(user=None), text="ombudsperson")
    assert [d.pk for d in found] == [document.pk]


def test_a_new_title_is_found_at_once(django_capture_on_commit_callbacks):
    document = _uploaded("a.txt", b"Plain text", django_capture_on_commit_callbacks)

    services.document_update(
        document=document, by=SecretariatFactory(), answers={"title": "Observatory charter"}
    )

    found, _areas = selectors.search(selectors.library(user=None), text="observatory")
    assert [d.title for d in found] == ["Observatory charter"]
    assert Document.objects.get().slug == "atxt"
