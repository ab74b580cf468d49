import re

import pytest
from django.contrib.auth.models import AnonymousUser

from core.visibility import Visibility
from portal.search import GROUP_LIMIT, QUERY_MAX_LENGTH, site_search
from tests.accounts.factories import PendingUserFactory, UserFactory
from tests.charter.factories import version
from tests.cities.factories import MemberFactory
from tests.docs_library.factories import DocumentFactory
from tests.events.factories import EventFactory
from tests.newsfeed.factories import news

pytestmark = pytest.mark.django_db

SEARCH = "/search/"


def _text(response) -> str:
    """What a person reads: the page's text, tags and runs of white space removed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def _found(client, q, kind):
    group = client.get(SEARCH, {"q": q}).context["results"][kind]
    return [str(item) for item in group.items]


def _right(key, title, formulation="Everyone may take part."):
    return (key, "Rights of everyone", title, formulation)


def _members_only_of_each_kind(word):
    DocumentFactory(title=f"Internal {word} note", visibility=Visibility.MEMBERS)
    EventFactory(title=f"Closed {word} meeting", visibility=Visibility.MEMBERS)
    news(title=f"Members {word} update", visibility=Visibility.MEMBERS)


# --- finding each kind ---------------------------------------------------------------------


def test_search_finds_a_document_by_a_word_in_its_body(client):
    DocumentFactory(title="Annual report", pages=["Intro", "The ombudsperson of Gwangju reports."])
    DocumentFactory(title="Unrelated guide", pages=["Nothing here."])

    response = client.get(SEARCH, {"q": "ombudsperson"})

    assert [d.title for d in response.context["results"]["documents"].items] == ["Annual report"]
    assert "Documents (1)" in _text(response)
    body = response.content.decode()
    assert "<p>Page 2: <mark>ombudsperson</mark> of Gwangju reports</p>" in body
    assert 'href="/library/?q=ombudsperson">See 1 document in the library</a>' in body


def test_search_finds_a_member_by_name_accents_ignored_both_ways(client):
    MemberFactory(name="Bogotá")
    MemberFactory(name="Medellin")

    assert _found(client, "bogota", "members") == ["Bogotá"]
    assert _found(client, "Medellín", "members") == ["Medellin"]
    assert (
        'href="/members/bogota/">Bogotá</a>' in client.get(SEARCH, {"q": "bogota"}).content.decode()
    )


def test_search_lists_members_named_by_the_words_before_those_describing_them(client):
    MemberFactory(name="Amsterdam", description="Twinned with Rosario since 1990.")
    MemberFactory(name="Rosario")

    assert _found(client, "rosario", "members") == ["Rosario", "Amsterdam"]


def test_search_leaves_unpublished_members_out(client):
    MemberFactory(name="Hidden town", is_published=False)

    assert _found(client, "hidden town", "members") == []


def test_search_finds_an_event_by_title_and_by_theme(client):
    EventFactory(title="World Human Rights Cities Forum", slug="whrcf")
    EventFactory(title="Webinar", theme="Housing as a human right")

    assert _found(client, "cities forum", "events") == ["World Human Rights Cities Forum"]
    assert _found(client, "housing", "events") == ["Webinar"]
    assert 'href="/events/whrcf/">World Human Rights Cities Forum</a>' in (
        client.get(SEARCH, {"q": "forum"}).content.decode()
    )


def test_search_finds_news_by_title(client):
    news(title="Gwangju joins the community", link="/members/gwangju/")
    news(title="Another item")

    response = client.get(SEARCH, {"q": "gwangju"})

    assert [item.title for item in response.context["results"]["news"].items] == [
        "Gwangju joins the community"
    ]
    assert '<a href="/members/gwangju/">Gwangju joins the community</a>' in (
        response.content.decode()
    )


def test_search_finds_a_right_of_a_published_version_once_in_its_latest_wording(client):
    version(number=1, status="adopted", rights=[_right("water", "Right to water")])
    version(number=2, status="consultation", rights=[_right("water", "Right to clean water")])

    response = client.get(SEARCH, {"q": "water"})

    rights = response.context["results"]["rights"]
    assert [(r.version.number, r.title) for r in rights.items] == [(2, "Right to clean water")]
    assert 'href="/charter/v2/rights/1/">1. Right to clean water</a>' in response.content.decode()


def test_search_leaves_rights_of_a_draft_version_out(client):
    version(number=1, status="drafting", rights=[_right("water", "Right to water")])

    assert _found(client, "water", "rights") == []
    client.force_login(UserFactory())
    assert _found(client, "water", "rights") == []


# --- visibility ----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["visitor", "pending"])
def test_search_hides_members_only_content_from_visitors_and_pending_users(client, who):
    _members_only_of_each_kind("solidarity")
    if who == "pending":
        client.force_login(PendingUserFactory())

    response = client.get(SEARCH, {"q": "solidarity"})

    assert response.context["results"].total == 0
    text = _text(response)
    assert "Internal solidarity note" not in text
    assert "Closed solidarity meeting" not in text
    assert "Members solidarity update" not in text
    assert "Nothing matches these words." in text


def test_search_shows_members_only_content_to_a_member(client):
    _members_only_of_each_kind("solidarity")
    client.force_login(UserFactory())

    response = client.get(SEARCH, {"q": "solidarity"})

    results = response.context["results"]
    assert [str(d) for d in results["documents"].items] == ["Internal solidarity note"]
    assert [str(e) for e in results["events"].items] == ["Closed solidarity meeting"]
    assert [str(n) for n in results["news"].items] == ["Members solidarity update"]
    assert _text(response).count("Members only") == 3


def test_search_hides_news_about_an_unpublished_member(client):
    hidden = MemberFactory(name="Somewhere", is_published=False)
    news(title="Somewhere joins", member=hidden)

    assert _found(client, "joins", "news") == []


def test_search_hides_unpublished_documents(client):
    DocumentFactory(title="Draft of the solidarity report", state="submitted")
    client.force_login(UserFactory())

    assert _found(client, "solidarity", "documents") == []


# --- groups and counts ---------------------------------------------------------------------


def test_search_counts_each_group_and_shows_the_first_few(client):
    for n in range(GROUP_LIMIT + 2):
        MemberFactory(name=f"Solidarity town {n}")
    EventFactory(title="Solidarity forum")
    DocumentFactory.create_batch(3, summary="Solidarity in practice.")

    response = client.get(SEARCH, {"q": "solidarity"})

    results = response.context["results"]
    assert [(g.kind, g.total, len(g.items)) for g in results.groups] == [
        ("documents", 3, 3),
        ("members", GROUP_LIMIT + 2, GROUP_LIMIT),
        ("events", 1, 1),
        ("rights", 0, 0),
        ("news", 0, 0),
    ]
    text = _text(response)
    assert f"{GROUP_LIMIT + 6} results for “solidarity”." in text
    assert f"Members ({GROUP_LIMIT + 2})" in text
    assert "Events (1)" in text
    assert "See all 3 documents" in text
    assert "Charter-Agenda rights (" not in text
    body = response.content.decode()
    assert (
        f'href="/search/?q=solidarity&amp;type=members">See all {GROUP_LIMIT + 2} results</a>'
        in body
    )


def test_search_of_one_group_shows_all_its_items(client):
    for n in range(GROUP_LIMIT + 2):
        MemberFactory(name=f"Solidarity town {n}")
    EventFactory(title="Solidarity forum")

    response = client.get(SEARCH, {"q": "solidarity", "type": "members"})

    results = response.context["results"]
    assert [(g.kind, g.total, len(g.items)) for g in results.groups] == [
        ("members", GROUP_LIMIT + 2, GROUP_LIMIT + 2)
    ]
    assert "Back to all results" in _text(response)


def test_search_with_an_unknown_group_searches_every_group(client):
    response = client.get(SEARCH, {"q": "solidarity", "type": "nonsense"})

    assert [g.kind for g in response.context["results"].groups] == [
        "documents", "members", "events", "rights", "news"
    ]  # fmt: skip


# --- the box -------------------------------------------------------------------------------


def test_search_without_words_shows_just_the_box(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        response = client.get(SEARCH)
    assert response.status_code == 200
    assert response.context["results"] is None
    body = response.content.decode()
    assert '<input type="search" id="search-page-q" name="q" value="" maxlength="200">' in body
    assert "results for" not in body
    assert client.get(SEARCH, {"q": "   "}).context["results"] is None


def test_search_cuts_a_long_query_instead_of_failing(client):
    MemberFactory(name="Gwangju")

    response = client.get(SEARCH, {"q": "gwangju " + "x" * 500})

    assert response.status_code == 200
    assert len(response.context["query"]) == QUERY_MAX_LENGTH


def test_search_survives_punctuation_operators_and_control_characters(client):
    for q in ['"', "-", "!!!", "a\x00b", "% _ \\", "or", "the", "'; drop table"]:
        response = client.get(SEARCH, {"q": q})
        assert response.status_code == 200, q


def test_search_treats_percent_and_underscore_as_plain_characters(client):
    MemberFactory(name="Anytown")

    assert _found(client, "%", "members") == []
    assert _found(client, "_", "members") == []


def test_header_has_a_search_box_on_every_page(client):
    for path in ["/", "/members/", SEARCH]:
        body = client.get(path).content.decode()
        assert '<form class="site-search" role="search" aria-label="Site" action="/search/"' in (
            body
        )
        assert (
            '<label for="site-search-q" class="visually-hidden">Search the portal</label>' in body
        )
        assert '<input type="search" id="site-search-q" name="q" maxlength="200">' in body


# --- query counts --------------------------------------------------------------------------


def _matching_items(count):
    member = MemberFactory(name="Solidarity host")
    for n in range(count):
        DocumentFactory(title=f"Report {n}", pages=[f"Page about solidarity {n}."])
        MemberFactory(name=f"Solidarity town {n}")
        EventFactory(title=f"Solidarity forum {n}", host=member)
        news(title=f"Solidarity news {n}", member=member)
    version(
        status="adopted",
        rights=[_right(f"right-{n}", f"Right to solidarity {n}") for n in range(count)],
    )


@pytest.mark.parametrize("count", [1, 20])
def test_search_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    _matching_items(count)
    # Focus areas the words name, documents, the pages that match, their text, their snippets;
    # members, events, rights, news (each group's count comes with its rows).
    # And the four statements of docs_library.search.index_first in the test's transaction.
    with django_assert_num_queries(13):
        response = client.get(SEARCH, {"q": "solidarity"})
    totals = [group.total for group in response.context["results"].groups]
    assert totals == [count, count + 1, count, count, count]


@pytest.mark.parametrize("count", [1, 20])
def test_search_for_a_member_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, count
):
    _matching_items(count)
    client.force_login(UserFactory())
    client.get("/")  # the session's first read
    # The session and the user, then the eight reads of the search.
    with django_assert_num_queries(15):
        response = client.get(SEARCH, {"q": "solidarity"})
    assert response.context["results"]["documents"].total == count


def test_site_search_selector_without_words_runs_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        results = site_search(text="?!", user=AnonymousUser())
    assert results.total == 0
