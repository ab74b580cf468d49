"""The library's pages: the list with search and filters, and one document (views.py)."""

import datetime
import html as html_lib
import re

import pytest

from core.visibility import Visibility
from docs_library import services
from tests.accounts.factories import PendingUserFactory, SecretariatFactory, UserFactory
from tests.cities.factories import MemberFactory, focal_point_of, focus_area
from tests.docs_library.factories import DocumentFactory
from tests.events.factories import EventFactory
from tests.roles import person

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", html, flags=re.S)
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip())


def _titles(response) -> list[str]:
    return [result["document"].title for result in response.context["results"]]


def _many(count: int, **fields) -> None:
    gwangju = MemberFactory(name="Gwangju")
    for n in range(count):
        DocumentFactory(
            title=f"Housing report {n}",
            published_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
            pages=["Opening words.", f"The housing observatory, year {n}."],
            focus_areas=[focus_area("housing"), focus_area("health")],
            members=[gwangju],
            **fields,
        )


def _submitted(by, **answers):
    return services.document_create(
        by=by,
        answers={
            "title": "Draft charter",
            "kind": "charter",
            "language": "en",
            "published_on": "2024-03-01",
            "visibility": "public",
            "link": "https://www.example.org/draft-charter.pdf",
            **answers,
        },
    )


# --- query counts -------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 50])
def test_document_list_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    _many(count)
    # count; the page of documents with their events; their focus areas; their members; the
    # years of the year filter; the focus areas of the form.
    with django_assert_num_queries(6):
        response = client.get("/library/")
    assert len(response.context["results"]) == min(count, 20)


@pytest.mark.parametrize("count", [1, 50])
def test_document_search_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    _many(count)
    # The focus areas the words name; count; the page with events; focus areas; members; the
    # first matching page of each document; those pages' text; their snippets; years; the
    # form's areas; and the four statements of docs_library.search.index_first inside the
    # test's transaction (a savepoint, the setting, its reset, the release).
    with django_assert_num_queries(14):
        response = client.get("/library/?q=observatory")
    assert len(response.context["results"]) == min(count, 20)
    assert all(result["snippet"] for result in response.context["results"])


@pytest.mark.parametrize("count", [1, 50])
def test_document_detail_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    _many(count)
    event = EventFactory(slug="whrcf")
    document = DocumentFactory(
        slug="the-one",
        event=event,
        focus_areas=[focus_area("housing")],
        members=[MemberFactory(name="Gwangju 2")],
    )
    assert document.pk
    # The document with event and uploader; its focus areas; its members; related documents.
    with django_assert_num_queries(4):
        response = client.get("/library/the-one/")
    assert len(response.context["related"]) == min(count, 4)


# --- search -------------------------------------------------------------------------------


def test_document_search_shows_the_highlighted_snippet_and_its_page(client):
    DocumentFactory(
        title="Forum report",
        pages=["Opening remarks.", "The observatory of Gwangju reports each year."],
    )
    DocumentFactory(title="Unrelated", pages=["Nothing to see."])

    response = client.get("/library/?q=observatory")

    assert _titles(response) == ["Forum report"]
    html = response.content.decode()
    assert "<mark>observatory</mark> of Gwangju reports each year" in html
    assert "found on page 2" in _text(response)
    assert "1 document" in _text(response)


def test_document_search_escapes_the_text_around_the_marks(client):
    DocumentFactory(title="Rents", pages=["Rents < 30% & rising, says the observatory"])

    html = client.get("/library/?q=observatory").content.decode()

    assert "Rents &lt; 30% &amp; rising, says the <mark>observatory</mark>" in html


def test_document_search_names_a_focus_area_across_languages(client):
    DocumentFactory(title="Affordable homes in Vienna", focus_areas=[focus_area("housing")])
    DocumentFactory(title="Unrelated")

    response = client.get("/library/?q=vivienda")

    assert _titles(response) == ["Affordable homes in Vienna"]
    assert "Also showing documents tagged Housing, in every language." in _text(response)


def test_document_search_focus_area_sentence_in_the_reader_language(client):
    DocumentFactory(title="Affordable homes", focus_areas=[focus_area("housing")])

    response = client.get("/library/?q=housing", headers={"accept-language": "fr"})

    assert _titles(response) == ["Affordable homes"]
    assert "Logement" in response.context["areas_named"]


def test_document_search_sorts_by_relevance_or_by_date(client):
    DocumentFactory(
        title="General report", published_on=datetime.date(2024, 6, 1), pages=["migrants " * 50]
    )
    DocumentFactory(title="Welcoming migrants", published_on=datetime.date(2020, 1, 1))

    assert _titles(client.get("/library/?q=migrants")) == ["Welcoming migrants", "General report"]
    assert _titles(client.get("/library/?q=migrants&sort=date")) == [
        "General report",
        "Welcoming migrants",
    ]


def test_document_search_without_a_match_says_what_to_try(client):
    DocumentFactory(title="Anything")

    response = client.get("/library/?q=zeppelin")

    assert _titles(response) == []
    assert "0 documents" in _text(response)
    assert "No document matches “zeppelin”." in _text(response)


@pytest.mark.parametrize(
    "query",
    [
        "q=" + "x" * 500,
        "q=%00",
        "q=!!!",
        "q=%22unclosed",
        "kind=party",
        "language=xx",
        "focus_area=unknown",
        "member=nobody",
        "year=abc",
        "year=1850",
        "sort=random",
        "page=999",
        "page=abc",
    ],
)
def test_document_list_bad_input_is_never_a_500(client, query):
    DocumentFactory(title="Anything", pages=["observatory"])
    response = client.get(f"/library/?{query}")
    assert response.status_code == 200


# --- filters ------------------------------------------------------------------------------


def test_document_list_filters_by_kind_and_language(client):
    DocumentFactory(title="Guide", kind="guide", language="fr")
    DocumentFactory(title="Report", kind="report", language="en")

    assert _titles(client.get("/library/?kind=guide")) == ["Guide"]
    assert _titles(client.get("/library/?language=en")) == ["Report"]
    assert _titles(client.get("/library/?kind=guide&language=en")) == []


def test_document_list_filters_by_focus_area_listing_each_document_once(client):
    DocumentFactory(title="Tagged twice", focus_areas=[focus_area("housing"), focus_area("health")])
    DocumentFactory(title="Water", focus_areas=[focus_area("water-sanitation")])

    assert _titles(client.get("/library/?focus_area=housing")) == ["Tagged twice"]


def test_document_list_filters_by_year_among_the_years_with_documents(client):
    DocumentFactory(title="Old", published_on=datetime.date(2019, 3, 1))
    DocumentFactory(title="New", published_on=datetime.date(2024, 3, 1))

    response = client.get("/library/?year=2019")

    assert _titles(response) == ["Old"]
    html = response.content.decode()
    assert '<option value="2024">2024</option><option value="2019" selected>2019</option>' in html


def test_document_list_filters_by_member(client):
    gwangju = MemberFactory(name="Gwangju", slug="gwangju")
    DocumentFactory(title="About Gwangju", members=[gwangju])
    DocumentFactory(title="Other")

    response = client.get("/library/?member=gwangju")

    assert _titles(response) == ["About Gwangju"]
    assert (
        '<p class="notice-inline">Documents about <a href="/members/gwangju/">Gwangju</a>.'
        in response.content.decode()
    )


def test_document_list_filters_by_event(client):
    forum = EventFactory(title="World Forum", slug="whrcf")
    DocumentFactory(title="Forum report", event=forum)
    DocumentFactory(title="Other")

    response = client.get("/library/?event=whrcf")

    assert _titles(response) == ["Forum report"]
    assert (
        '<p class="notice-inline">Documents of the event <a href="/events/whrcf/">World Forum</a>.'
        in response.content.decode()
    )


def test_document_list_unknown_event_is_a_form_error_and_no_results(client):
    DocumentFactory(title="Anything")

    response = client.get("/library/?event=no-such-event")

    assert response.status_code == 200
    assert _titles(response) == []
    assert response.context["filterset"].form.errors == {"event": ["No event has this address."]}
    assert "Event: No event has this address." in _text(response)


def test_document_list_members_only_event_is_unknown_to_visitors(client):
    event = EventFactory(title="Members' meeting", slug="members-meeting", visibility="members")
    DocumentFactory(title="Public notes", event=event)

    response = client.get("/library/?event=members-meeting")

    assert _titles(response) == []
    assert "Members' meeting" not in _text(response)


def test_document_list_every_filter_has_a_visible_label(client):
    response = client.get("/library/")
    html = response.content.decode()
    for name in ("q", "kind", "language", "focus_area", "year", "sort"):
        assert f'<label for="id_{name}">' in html
    assert 'aria-live="polite"' in html


def test_document_list_is_paginated_twenty_a_page(client):
    for n in range(25):
        DocumentFactory(title=f"Report {n:02}", published_on=datetime.date(2024, 1, 1 + n))

    first, second = client.get("/library/"), client.get("/library/?page=2")

    assert _titles(first) == [f"Report {n:02}" for n in range(24, 4, -1)]
    assert _titles(second) == [f"Report {n:02}" for n in range(4, -1, -1)]
    assert "25 documents" in _text(second)
    assert 'href="?page=2"' in first.content.decode()


def test_document_list_pages_keep_the_search(client):
    for n in range(21):
        DocumentFactory(title=f"Report {n:02}", pages=["observatory"])

    response = client.get("/library/?q=observatory&page=2")

    assert len(_titles(response)) == 1
    assert 'href="?q=observatory&amp;page=1"' in response.content.decode()


def test_document_list_shows_each_result_facts(client):
    DocumentFactory(
        title="Charter of Gwangju",
        kind="charter",
        language="fr",
        author="City of Gwangju",
        published_on=datetime.date(2024, 5, 1),
        focus_areas=[focus_area("housing")],
    )

    text = _text(client.get("/library/"))

    assert (
        "Charter of Gwangju Charter or declaration · French · May 1, 2024 · City of Gwangju "
        "Housing" in text
    )


def test_document_list_empty_library_says_so(client):
    text = _text(client.get("/library/"))
    assert "0 documents" in text
    assert "The library has no documents yet." in text


# --- visibility ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["visitor", "pending"])
def test_members_only_document_is_hidden_from_visitors_and_pending_users(client, who):
    DocumentFactory(
        title="Internal minutes", slug="minutes", visibility=Visibility.MEMBERS, pages=["budget"]
    )
    DocumentFactory(title="Open report")
    if who == "pending":
        client.force_login(PendingUserFactory())

    assert _titles(client.get("/library/")) == ["Open report"]
    assert _titles(client.get("/library/?q=budget")) == []
    detail = client.get("/library/minutes/")
    assert detail.status_code == 404
    assert "Internal minutes" not in _text(detail)


def test_members_only_document_is_listed_and_shown_to_members(client):
    DocumentFactory(title="Internal minutes", slug="minutes", visibility=Visibility.MEMBERS)
    client.force_login(UserFactory())

    response = client.get("/library/")
    assert _titles(response) == ["Internal minutes"]
    assert "Internal minutes Members only" in _text(response)
    detail = client.get("/library/minutes/")
    assert detail.status_code == 200
    assert "Internal minutes Report · English · Members only" in _text(detail)


def test_submitted_document_is_hidden_from_visitors_and_other_members(client):
    gwangju = MemberFactory()
    document = _submitted(focal_point_of(gwangju))

    assert client.get("/library/").context["results"] == []
    assert client.get(f"/library/{document.slug}/").status_code == 404
    client.force_login(person("member", member=gwangju))
    assert client.get(f"/library/{document.slug}/").status_code == 404


@pytest.mark.parametrize("who", ["uploader", "secretariat"])
def test_submitted_document_shows_to_its_uploader_and_the_secretariat_with_a_notice(client, who):
    uploader = focal_point_of(MemberFactory())
    document = _submitted(uploader)
    client.force_login(uploader if who == "uploader" else SecretariatFactory())

    response = client.get(f"/library/{document.slug}/")

    assert response.status_code == 200
    assert "Submitted — not yet published." in _text(response)
    # Not in the library's list until it is published.
    assert _titles(client.get("/library/")) == []


def test_document_detail_unknown_slug_is_the_site_404(client):
    response = client.get("/library/no-such-document/")
    assert response.status_code == 404
    assert "Page not found" in _text(response)


# --- one document -------------------------------------------------------------------------


def test_document_detail_shows_everything_about_a_document(client):
    gwangju = MemberFactory(name="Gwangju", slug="gwangju")
    forum = EventFactory(title="World Forum", slug="whrcf")
    DocumentFactory(
        title="Forum report",
        slug="forum-report",
        summary="What the **forum** said.",
        kind="report",
        language="en",
        author="UCLG-CSIPDHR",
        published_on=datetime.date(2024, 5, 1),
        link="https://www.example.org/forum.pdf",
        event=forum,
        focus_areas=[focus_area("housing")],
        members=[gwangju],
    )
    DocumentFactory(title="Another housing paper", focus_areas=[focus_area("housing")])
    DocumentFactory(title="Unrelated")

    response = client.get("/library/forum-report/")

    html, text = response.content.decode(), _text(response)
    assert "What the <strong>forum</strong> said." in html
    assert "Published on May 1, 2024" in text
    assert "Author or organisation UCLG-CSIPDHR" in text
    assert '<a class="tag" href="/library/?focus_area=housing">Housing</a>' in html
    assert '<a href="/members/gwangju/">Gwangju</a>' in html
    assert '<a href="/events/whrcf/">World Forum</a>' in html
    assert 'href="/library/?event=whrcf"' in html
    assert (
        '<a class="button button-primary library-download" '
        'href="https://www.example.org/forum.pdf" rel="noopener noreferrer">' in html
    )
    assert "preview.png" not in html
    assert [document.title for document in response.context["related"]] == ["Another housing paper"]
    assert "Related documents Another housing paper" in text


def test_document_detail_offers_the_file_with_its_size_type_and_preview(client):
    document = DocumentFactory(slug="with-file")
    # A stored file and its preview, as the upload and the extraction leave them.
    type(document).objects.filter(pk=document.pk).update(
        link="",
        file="library/abc.pdf",
        preview="library-previews/abc.png",
        content_type="application/pdf",
        size=1_500_000,
    )

    response = client.get("/library/with-file/")

    html, text = response.content.decode(), _text(response)
    assert 'href="/library/with-file/download/"' in html
    assert "Download (PDF, 1.4 MB)" in text
    assert "File PDF, 1.4 MB" in text
    assert '<img class="library-preview" src="/library/with-file/preview.png"' in html


def test_document_detail_hides_a_members_only_event_from_visitors(client):
    meeting = EventFactory(title="Members' meeting", slug="members-meeting", visibility="members")
    DocumentFactory(slug="notes", event=meeting)

    response = client.get("/library/notes/")

    assert response.status_code == 200
    assert "Members' meeting" not in _text(response)


@pytest.mark.parametrize("count", [1, 50])
def test_document_search_queries_for_a_signed_in_member_are_fixed(
    client, django_assert_num_queries, count
):
    _many(count, visibility=Visibility.MEMBERS)
    client.force_login(UserFactory())
    client.get("/library/")  # the session's first read
    # Session and user; the nine reads of a search; may they add a document (their
    # affiliation, then Django's user and group permissions).
    with django_assert_num_queries(19):
        response = client.get("/library/?q=observatory")
    assert len(response.context["results"]) == min(count, 20)


def test_document_detail_never_links_an_unsafe_address(client):
    document = DocumentFactory(slug="odd-link")
    # Written around the model's validator, as an old import might have.
    type(document).objects.filter(pk=document.pk).update(link="javascript:alert(1)")

    response = client.get("/library/odd-link/")

    assert response.status_code == 200
    assert "javascript:" not in response.content.decode()
    assert "Open the document" not in _text(response)


def test_a_search_with_more_results_than_the_cap_says_more_than(client, monkeypatch):
    from docs_library.views import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 2)
    for n in range(3):
        DocumentFactory(title=f"Observatory report {n}")

    page = client.get("/library/?q=observatory").content.decode()

    assert "More than 2 documents" in page
    assert page.count("Observatory report") == 3
