import pytest
from playwright.sync_api import expect

from docs_library import services
from tests.accounts.factories import SecretariatFactory
from tests.cities.factories import focus_area
from tests.conftest import assert_accessible
from tests.docs_library import files
from tests.docs_library.factories import DocumentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def library():
    """A PDF whose body names the observatory on its second page, and documents to filter."""
    document = services.document_create(
        by=SecretariatFactory(),
        answers={
            "title": "Gwangju forum report",
            "summary": "What the 2021 forum said about local human rights work.",
            "kind": "report",
            "language": "en",
            "published_on": "2021-11-30",
            "visibility": "public",
        },
        file=files.upload(
            "Gwangju report.pdf",
            files.pdf_bytes(["Opening remarks", "The local human rights observatory of Gwangju"]),
        ),
        focus_areas=[focus_area("housing")],
        publish_now=True,
    )
    services.document_extract(document_id=document.pk)
    DocumentFactory(title="Informe sobre la vivienda", language="es", kind="case_study",
                    pages=["El derecho a la vivienda digna en la ciudad."])  # fmt: skip
    DocumentFactory(title="Guide des droits", language="fr", kind="guide",
                    pages=["Une école ouverte à toutes et tous."])  # fmt: skip
    yield document
    document.refresh_from_db()
    document.file.delete(save=False)
    if document.preview:
        document.preview.delete(save=False)


def test_a_visitor_searches_filters_opens_and_downloads_a_document(page, library):
    page.goto("/")
    page.get_by_role("searchbox", name="Search the portal").fill("observatory")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Gwangju forum report").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gwangju forum report")

    page.goto("/library/?q=observatory")
    expect(page.get_by_text("1 document", exact=True)).to_be_visible()
    expect(page.locator("mark").first).to_have_text("observatory")
    expect(page.get_by_text("found on page 2")).to_be_visible()
    assert_accessible(page, screenshot="library-search")

    page.goto("/library/")
    filters = page.get_by_role("search", name="Search and filter the library")
    filters.get_by_label("Language").select_option("fr")
    filters.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Guide des droits")).to_be_visible()
    expect(page.get_by_role("link", name="Gwangju forum report")).to_have_count(0)

    page.goto("/library/?q=ecole")
    expect(page.locator("mark").first).to_have_text("école")

    page.goto(library.get_absolute_url())
    expect(page.get_by_role("img")).to_have_count(1)
    assert_accessible(page, screenshot="library-document")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download").click()
    download = download_info.value
    assert download.suggested_filename == "Gwangju report.pdf"
    assert download.path().read_bytes().startswith(b"%PDF-")


def test_site_search_groups_results_and_passes_axe(page, library):
    page.goto("/search/?q=vivienda")
    expect(page.get_by_role("link", name="Informe sobre la vivienda")).to_be_visible()
    assert_accessible(page, screenshot="site-search")


def test_library_on_a_phone_passes_axe(phone_page, library):
    phone_page.goto("/library/?q=derechos")
    expect(phone_page.get_by_role("link", name="Informe sobre la vivienda")).to_be_visible()
    assert_accessible(phone_page, screenshot="library-phone")
