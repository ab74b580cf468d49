import pytest

from cities.models import FocusArea
from core.visibility import Visibility
from docs_library import selectors, services
from docs_library.search import INDEXED_CHARACTERS
from tests.accounts.factories import SecretariatFactory
from tests.cities.factories import focus_area
from tests.docs_library import files
from tests.docs_library.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def found(text, user=None, sort="relevance"):
    from django.contrib.auth.models import AnonymousUser

    documents, _ = selectors.search(
        selectors.library(user=user or AnonymousUser()), text=text, sort=sort
    )
    return [document.title for document in documents]


def test_search_finds_a_word_only_inside_a_pdf_after_extraction(django_capture_on_commit_callbacks):
    pdf = files.pdf_bytes(["Opening remarks", "The observatory of Gwangju reports yearly."])
    with django_capture_on_commit_callbacks(execute=False):
        document = services.document_create(
            by=SecretariatFactory(),
            answers={
                "title": "Forum report",
                "kind": "report",
                "language": "en",
                "published_on": "2024-01-01",
                "visibility": "public",
            },
            file=files.upload("report.pdf", pdf),
            publish_now=True,
        )
    assert found("observatory") == []

    services.document_extract(document_id=document.pk)

    assert found("observatory") == ["Forum report"]
    document.refresh_from_db()
    assert (document.extraction_state, document.page_count) == ("done", 2)
    snippet = selectors.snippets([document], text="observatory")[document.pk]
    assert snippet.page == 2
    assert "<mark>observatory</mark>" in snippet.html


def test_search_stems_french_and_spanish_documents_in_their_own_language():
    DocumentFactory(title="Rapport", language="fr", pages=["Le droit au logement digne."])
    DocumentFactory(title="Informe", language="es", pages=["El derecho a la ciudad."])

    assert found("droits") == ["Rapport"]
    assert found("derechos") == ["Informe"]
    assert found("logements") == ["Rapport"]


def test_search_ignores_accents_both_ways():
    DocumentFactory(title="L'école des droits", language="fr")
    DocumentFactory(title="Ecole ouverte", language="fr")

    assert sorted(found("ecole")) == ["Ecole ouverte", "L'école des droits"]
    assert sorted(found("école")) == ["Ecole ouverte", "L'école des droits"]


def test_snippet_shows_the_original_accents_with_the_match_marked():
    document = DocumentFactory(
        title="Rapport", language="fr", pages=["Une école publique pour toutes et tous."]
    )

    snippet = selectors.snippets([document], text="ecole")[document.pk]

    assert "<mark>école</mark>" in snippet.html


def test_quoted_phrase_matches_only_the_phrase():
    DocumentFactory(title="A", pages=["the right to the city is collective"])
    DocumentFactory(title="B", pages=["the city has a right to water"])

    assert found('"right to the city"') == ["A"]
    assert sorted(found("right city")) == ["A", "B"]
    assert found("city -water") == ["A"]


def test_title_match_ranks_above_body_match():
    DocumentFactory(title="General report", pages=["migrants " * 50])
    DocumentFactory(title="Welcoming migrants", pages=["Nothing else here."])

    assert found("migrants") == ["Welcoming migrants", "General report"]


def test_spanish_focus_area_name_finds_an_english_document_tagged_with_it():
    housing = focus_area("housing")
    DocumentFactory(title="Affordable homes in Vienna", focus_areas=[housing])
    DocumentFactory(title="Unrelated")

    documents, areas = selectors.search(
        selectors.library(user=None), text="vivienda", sort="relevance"
    )

    assert [document.title for document in documents] == ["Affordable homes in Vienna"]
    assert areas == [FocusArea.objects.get(slug="housing")]


def test_a_five_megabyte_text_is_indexed_in_part_without_error():
    words = ["participation", "budget", "observatory", "housing", "water", "refugees"]
    text = " ".join(f"{words[i % len(words)]}{i}" for i in range(700_000))
    assert len(text.encode()) > 5_000_000
    pdf_like = files.upload("long.txt", text.encode())
    document = services.document_create(
        by=SecretariatFactory(),
        answers={
            "title": "Long minutes",
            "kind": "report",
            "language": "en",
            "published_on": "2024-01-01",
            "visibility": "public",
        },
        file=pdf_like,
        publish_now=True,
    )

    services.document_extract(document_id=document.pk)

    document.refresh_from_db()
    assert document.extraction_state == "done"
    assert len(document.indexed_text) == INDEXED_CHARACTERS
    assert found("participation0") == ["Long minutes"]
    document.file.delete(save=False)


def test_members_only_documents_are_not_found_by_visitors():
    DocumentFactory(title="Internal minutes", visibility=Visibility.MEMBERS, pages=["budget"])

    assert found("budget") == []


def test_snippet_finds_the_match_deep_in_a_long_page():
    filler = "The council met and discussed the agenda of the year. " * 300
    document = DocumentFactory(title="Minutes", pages=[filler + "Then the observatory spoke."])

    snippet = selectors.snippets([document], text="observatory")[document.pk]

    assert "<mark>observatory</mark>" in snippet.html
