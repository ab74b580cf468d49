"""The library demo: the seeds as documents whose text search reaches, forty more to rank,
and the same rows however often it runs."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts import demo as accounts_demo
from cities import demo as cities_demo
from docs_library import demo, selectors
from docs_library.models import Document, DocumentPage
from events import demo as events_demo
from newsfeed.models import NewsItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    accounts_demo.load()
    cities_demo.load()
    events_demo.load()
    demo.load()


def _counts() -> dict[str, int]:
    return {
        "documents": Document.objects.count(),
        "pages": DocumentPage.objects.count(),
        "news": NewsItem.objects.filter(kind="document").count(),
    }


def _found(text: str, user=None) -> list[str]:
    documents, _ = selectors.search(selectors.library(user=user or AnonymousUser()), text=text)
    return [document.slug for document in documents]


def test_demo_library_loaded_twice_gives_the_same_rows(loaded):
    before = _counts()
    demo.load()
    assert _counts() == before
    assert before["documents"] == len(demo.SEEDS) + len(demo.generated_documents()) == 47
    assert before["news"] == before["documents"]


def test_demo_seed_is_found_by_a_word_only_in_its_text(loaded):
    # "infographics" is in the body of the 2017 UNESCO meeting's report, not in its summary.
    assert "infographics" not in demo.SEEDS[0]["summary"]
    assert _found("infographics") == ["unesco-chairs-meeting-2017"]
    document = Document.objects.get(slug="unesco-chairs-meeting-2017")
    assert (document.state, document.extraction_state, document.content_type) == (
        "published",
        "done",
        "text/plain",
    )
    assert document.uploaded_by.email == "secretariat@example.org"


def test_demo_seeds_are_linked_to_their_events_and_members(loaded):
    report = Document.objects.get(slug="whrcf-2023-report-global-charter-agenda-workshop")
    assert (report.kind, str(report.published_on)) == ("session_report", "2023-10-20")
    assert report.event.slug == "whrcf-2023-global-charter-agenda-workshop"
    assert sorted(report.members.values_list("slug", flat=True)) == [
        "barcelona", "gwangju", "kisumu-county", "marseille", "municipio-de-juarez",
        "raoul-wallenberg-institute", "san-antonio-chile",
    ]  # fmt: skip
    note = Document.objects.get(slug="concept-note-advancing-the-global-movement-2022")
    assert (note.kind, note.event.starts_at.date().isoformat()) == ("concept_note", "2022-02-23")
    news = NewsItem.objects.get(kind="document", object_id=note.pk)
    assert news.published_at.date().isoformat() == "2022-02-09"


def test_demo_library_has_three_languages_links_and_members_only_documents(loaded):
    generated = Document.objects.filter(slug__startswith="demo-")
    assert sorted(set(generated.values_list("language", flat=True))) == ["en", "es", "fr"]
    assert generated.filter(visibility="members").count() == 8
    assert generated.filter(file="").exclude(link="").count() == 7
    assert len(set(generated.values_list("kind", flat=True))) == 7
    # Each in its own language: a French or Spanish word finds its document by its stem.
    assert "demo-housing-fr" in _found("logements")
    assert "demo-housing-es" in _found("viviendas")
    # Members-only documents stay out of a visitor's search.
    hidden = generated.filter(visibility="members").first()
    assert hidden.slug not in _found(hidden.title)


def test_demo_library_needs_the_demo_secretariat():
    demo.load()
    assert Document.objects.count() == 0
