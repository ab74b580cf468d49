"""The Charter-Agenda demo: version 1 as adopted in 2011, version 2 started from it and open
for comments, contributions in every state, practices; the same rows however often it runs."""

from datetime import UTC, datetime

import pytest

from accounts import demo as accounts_demo
from charter import demo
from charter.models import (
    Amendment,
    Charter,
    Comment,
    LocalPractice,
    Part,
    Right,
    RightText,
    Version,
)
from cities import demo as cities_demo
from events import demo as events_demo
from newsfeed.models import NewsItem

pytestmark = pytest.mark.django_db

MODELS = [Charter, Version, Part, Right, RightText, Comment, Amendment, LocalPractice, NewsItem]
NEW_RIGHTS = {"healthy-environment", "digital-rights", "accessibility", "financial-inclusion",
              "human-rights-education", "access-to-justice"}  # fmt: skip


@pytest.fixture
def loaded():
    accounts_demo.load()
    cities_demo.load()
    events_demo.load()
    demo.load()


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def _texts(number: int) -> dict[str, RightText]:
    return {
        text.right.key: text
        for text in RightText.objects.filter(version__number=number).select_related("right")
    }


def test_demo_loaded_twice_gives_the_same_rows(loaded):
    before = _counts()
    demo.load()
    assert _counts() == before
    assert before["Version"] == 2
    assert before["Right"] == 18


def test_demo_version_1_is_adopted_in_2011_with_the_twelve_rights(loaded):
    first = Version.objects.get(number=1)
    assert first.status == "adopted"
    assert first.adopted_at == datetime(2011, 12, 11, 12, tzinfo=UTC)
    texts = list(first.rights.order_by("number"))
    assert [t.number for t in texts] == list(range(1, 13))
    assert texts[0].title == "Right to the city"
    assert texts[11].title == "Right to sustainable urban development"
    assert all(t.group and t.formulation.count(". ") >= 1 for t in texts)
    assert list(first.parts.values_list("kind", flat=True)) == ["preamble", "general_provisions"]


def test_demo_version_2_is_in_consultation_with_eighteen_rights_sharing_identities(loaded):
    first, second = Version.objects.get(number=1), Version.objects.get(number=2)
    assert second.based_on == first
    assert second.status == "consultation"
    assert second.round_is_open()
    assert second.round_closes_at >= datetime(2027, 2, 26, tzinfo=UTC)
    old, new = _texts(1), _texts(2)
    assert len(new) == 18
    assert set(new) - set(old) == NEW_RIGHTS
    assert all(new[key].right_id == old[key].right_id for key in old)
    assert sorted(t.number for t in new.values()) == list(range(1, 19))
    # Renumbered and regrouped; reworded.
    moved = new["sustainable-urban-development"]
    assert (old["sustainable-urban-development"].number, moved.number) == (12, 13)
    assert moved.group == "A sustainable city"
    assert new["healthy-environment"].number == 12
    assert old["rights-of-children"].title == "Rights of children"
    assert new["rights-of-children"].title == "Rights of children and young people"
    assert new["rights-of-children"].formulation != old["rights-of-children"].formulation
    assert NewsItem.objects.filter(kind="charter", object_id=second.pk).count() == 1


def test_demo_amendments_are_in_several_states_with_public_responses(loaded):
    amendments = Amendment.objects.filter(right_text__version__number=2)
    assert sorted(amendments.values_list("status", flat=True)) == [
        "accepted", "rejected", "submitted", "withdrawn",
    ]  # fmt: skip
    authors = set(amendments.values_list("author__email", flat=True))
    assert authors == {"member@example.org", "focal.point@example.org"}
    for amendment in amendments.filter(status__in=["accepted", "rejected"]):
        assert amendment.response
        assert amendment.decided_by.email == "steering@example.org"
    accepted = amendments.get(status="accepted")
    assert accepted.right_text.right.key == "human-rights-education"


def test_demo_comments_some_gathered_at_the_2023_workshop(loaded):
    comments = Comment.objects.filter(right_text__version__number=2)
    gathered = comments.filter(gathered_at__slug="whrcf-2023-global-charter-agenda-workshop")
    assert sorted(gathered.values_list("right_text__right__key", flat=True)) == [
        "access-to-justice", "accessibility", "digital-rights", "financial-inclusion",
    ]  # fmt: skip
    reply = comments.get(parent__isnull=False)
    assert reply.parent.right_text.right.key == "financial-inclusion"
    assert reply.author.email == "member@example.org"
    assert all(c.quoted_title == c.right_text.title for c in comments)


def test_demo_practices_are_published_and_linked_to_members(loaded):
    practices = LocalPractice.objects.all()
    assert sorted(practices.values_list("member__slug", flat=True)) == [
        "barcelona", "kisumu-county", "marseille", "municipio-de-juarez", "san-antonio-chile",
    ]  # fmt: skip
    assert set(practices.values_list("status", flat=True)) == {"published"}
    assert all(p.published_at is not None for p in practices)
    rights = {p.member.slug: {r.key for r in p.rights.all()} for p in practices}
    assert "financial-inclusion" in rights["barcelona"]
    assert "access-to-justice" in rights["san-antonio-chile"]
    assert "accessibility" in rights["kisumu-county"]
    assert "right-to-the-city" in rights["municipio-de-juarez"]
    assert NewsItem.objects.filter(kind="practice").count() == 5


def test_demo_skips_the_members_and_the_event_that_are_not_there():
    accounts_demo.load()  # no members, no events
    demo.load()
    assert LocalPractice.objects.count() == 0
    assert Comment.objects.filter(gathered_at__isnull=False).count() == 0
    assert Comment.objects.count() == 7
    assert Version.objects.get(number=2).rights.count() == 18


def test_demo_practices_show_on_the_practices_page_and_the_profiles(client, loaded):
    page = client.get("/charter/practices/").content.decode()
    for title in LocalPractice.objects.values_list("title", flat=True):
        assert f"<h4>{title}</h4>" in page
    assert '<a href="/charter/v2/rights/16/">16. Right to financial inclusion</a>' in page
    profile = client.get("/members/barcelona/").content.decode()
    assert '<section id="practices"' in profile
    assert "A basic payment account for every inhabitant</h3>" in profile
    assert 'href="/charter/v2/rights/16/">16. Right to financial inclusion</a>' in profile
