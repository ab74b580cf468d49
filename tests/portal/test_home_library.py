import datetime

import pytest

from core.visibility import Visibility
from tests.accounts.factories import PendingUserFactory, UserFactory
from tests.cities.factories import MemberFactory
from tests.docs_library.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def _section(body: str, heading_id: str) -> str:
    """The HTML of the <section> labelled by ``heading_id``."""
    start = body.index(f'aria-labelledby="{heading_id}"')
    return body[start : body.index("</section>", start)]


def _documents():
    DocumentFactory(
        title="Older public guide", slug="older-guide", published_on=datetime.date(2023, 1, 1)
    )
    DocumentFactory(
        title="Newer public report", slug="newer-report", published_on=datetime.date(2024, 6, 1)
    )
    DocumentFactory(
        title="Steering notes",
        slug="steering-notes",
        visibility=Visibility.MEMBERS,
        published_on=datetime.date(2024, 7, 1),
    )
    DocumentFactory(title="Not yet published", state="submitted")


# --- home page -----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["visitor", "pending"])
def test_home_lists_latest_public_documents_to_visitors_and_pending_users(client, who):
    _documents()
    if who == "pending":
        client.force_login(PendingUserFactory())

    section = _section(client.get("/").content.decode(), "documents-heading")

    assert '<h2 id="documents-heading"><a href="/library/">Latest documents</a></h2>' in section
    assert section.index('<a href="/library/newer-report/">Newer public report</a>') < (
        section.index('<a href="/library/older-guide/">Older public guide</a>')
    )
    assert "Steering notes" not in section
    assert "Not yet published" not in section


def test_home_lists_members_only_documents_to_a_member(client):
    _documents()
    client.force_login(UserFactory())

    section = _section(client.get("/").content.decode(), "documents-heading")

    assert '<a href="/library/steering-notes/">Steering notes</a>' in section
    assert "Members only" in section
    assert "Not yet published" not in section


def test_home_has_a_library_search_box(client):
    section = _section(client.get("/").content.decode(), "documents-heading")

    assert "No documents in the library yet." in section
    assert 'action="/library/" method="get">' in section
    assert '<label for="library-search-q">Search the library</label>' in section
    assert '<input type="search" id="library-search-q" name="q" maxlength="200">' in section


def test_home_shows_at_most_five_documents(client):
    DocumentFactory.create_batch(7)

    section = _section(client.get("/").content.decode(), "documents-heading")

    assert section.count("<li>") == 5


# --- member profile ------------------------------------------------------------------------


def test_profile_lists_the_members_documents(client):
    member = MemberFactory(name="Gwangju")
    DocumentFactory(title="Gwangju report", slug="gwangju-report", members=[member])
    DocumentFactory(title="Someone else's report")

    section = _section(
        client.get(member.get_absolute_url()).content.decode(), "member-documents-heading"
    )

    assert '<h2 id="member-documents-heading">Documents</h2>' in section
    assert '<a href="/library/gwangju-report/">Gwangju report</a>' in section
    assert "Someone else" not in section


@pytest.mark.parametrize("who", ["visitor", "pending"])
def test_profile_hides_members_only_documents_from_visitors_and_pending_users(client, who):
    member = MemberFactory()
    DocumentFactory(title="Internal note", visibility=Visibility.MEMBERS, members=[member])
    if who == "pending":
        client.force_login(PendingUserFactory())

    body = client.get(member.get_absolute_url()).content.decode()

    assert "member-documents-heading" not in body
    assert "Internal note" not in body


def test_profile_shows_members_only_documents_to_a_member(client):
    member = MemberFactory()
    DocumentFactory(title="Internal note", visibility=Visibility.MEMBERS, members=[member])
    client.force_login(UserFactory())

    section = _section(
        client.get(member.get_absolute_url()).content.decode(), "member-documents-heading"
    )

    assert "Internal note" in section
    assert "Members only" in section


@pytest.mark.parametrize("count", [1, 20])
def test_home_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    DocumentFactory.create_batch(count)
    # The campaign, the news, the events, the version in consultation and the latest
    # documents: one query each, whatever the number of documents.
    with django_assert_num_queries(5):
        client.get("/")


@pytest.mark.parametrize("count", [1, 20])
def test_profile_with_documents_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, count
):
    member = MemberFactory()
    DocumentFactory.create_batch(count, members=[member])
    # The member, its networks, its focus areas; the pledge, the events (none, so no focus
    # areas), the practices, the news and the documents.
    with django_assert_num_queries(8):
        body = client.get(member.get_absolute_url()).content.decode()
    assert _section(body, "member-documents-heading").count("<li>") == min(count, 10)
