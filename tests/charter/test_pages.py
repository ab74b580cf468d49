"""The Charter-Agenda pages: a version, a right and its comments, comparing two versions, the
exports, one's own contributions (charter/views.py)."""

import json
from datetime import UTC, datetime

import pytest

from charter import services
from charter.models import Amendment, Comment, Right, RightText
from tests.accounts.factories import SecretariatFactory, SteeringGroupFactory
from tests.charter.factories import charter, right, version
from tests.cities.factories import MemberFactory
from tests.roles import person

pytestmark = pytest.mark.django_db

# The round of the fixed-time tests closes at 9:00 UTC: 18:00 in Seoul, 11:00 in Paris.
CLOSES_AT = datetime(2030, 7, 1, 9, 0, tzinfo=UTC)

# Queries of a page seen by a signed-in member: session and user, then the page's own.
VERSION_PAGE_QUERIES = 2 + 3  # version, parts, rights with their counts
# version, right (with its comment count), amendments, practices; the page of conversations:
# their count, the comments, their replies.
RIGHT_PAGE_QUERIES = 2 + 7
# Two versions, the rights of each, the amendments applied, the versions to choose from; and
# for the draft (v2), the steering group membership, asked for the page and for the choices.
COMPARE_PAGE_QUERIES = 2 + 6 + 2


def member():
    return person("member", member=MemberFactory())


def signed_in(client, user):
    client.force_login(user)
    return client


def open_version(number=1, closes_at=CLOSES_AT):
    v = version(number=number)
    return services.round_open(version=v, by=SecretariatFactory(), closes_at=closes_at)


def comment_on(text, *, by, body="We need this.", parent=None):
    return services.comment_post(right_text=text, by=by, body=body, parent=parent)


def propose(text, *, by, formulation, title="", rationale=""):
    return services.amendment_submit(
        right_text=text, by=by, title=title, formulation=formulation, rationale=rationale
    )


# --- A version -------------------------------------------------------------------------------


def test_charter_root_redirects_to_the_current_version(client):
    open_version(number=1)
    version(number=2)  # being drafted: not the current one
    response = client.get("/charter/")
    assert response.status_code == 302
    assert response["Location"] == "/charter/v1/"


def test_charter_root_without_a_published_version_says_so(client):
    version(number=1)  # drafting
    response = client.get("/charter/")
    assert response.status_code == 200
    assert "No version of the Charter-Agenda is published yet." in response.content.decode()


def test_version_page_visitor_reads_the_rights_and_is_asked_to_sign_in(client):
    v = open_version()
    response = client.get("/charter/v1/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<h2 id="part-' in page and "Cities matter." in page
    assert "1. Right to the city" in page
    assert "All inhabitants have the right to decent, safe and affordable housing." in page
    assert "Sign in as a member to take part" in page
    assert "Comment or propose a change until" not in page
    assert f'href="{right(v, 3).get_absolute_url()}"' in page


def test_version_page_says_until_when_in_the_viewers_zone(client):
    open_version()
    user = member()
    user.time_zone = "Asia/Seoul"
    user.save(update_fields=["time_zone"])
    page = signed_in(client, user).get("/charter/v1/").content.decode()
    assert "Comment or propose a change until 1 July 2030, 18:00 KST" in page
    assert '<time datetime="2030-07-01T09:00:00+00:00">1 July 2030, 18:00 KST</time>' in page


def test_version_page_visitor_time_comes_from_the_browser_zone(client):
    open_version()
    client.cookies["tz"] = "Europe/Paris"
    page = client.get("/charter/v1/").content.decode()
    assert "Open for comments until" in page
    assert ">1 July 2030, 11:00 CEST</time>" in page


def test_version_page_counts_comments_and_amendments_per_right(client):
    v = open_version()
    author = member()
    comment_on(right(v, 1), by=author)
    comment_on(right(v, 1), by=author, body="And more.")
    propose(right(v, 1), by=author, formulation="Everyone has the right to the city.")
    page = client.get("/charter/v1/").content.decode()
    assert "2 comments<span" in page
    assert "1 proposed change<span" in page
    assert "(1 pending, 0 accepted, 0 rejected)" in page
    assert page.count("0 comments<span") == 2


@pytest.mark.parametrize("rights", [1, 50])
def test_version_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, rights):
    rows = [(f"right-{n}", f"Group {n % 3}", f"Right {n}", f"Text {n}.") for n in range(rights)]
    v = version(rights=rows, open_round=True)
    author = member()
    for text in v.rights.all():
        comment_on(text, by=author)
    signed_in(client, author)
    with django_assert_num_queries(VERSION_PAGE_QUERIES):
        response = client.get("/charter/v1/")
    assert response.content.decode().count('class="charter-right"') == rights


ROLES_READING_DRAFTS = {"steering_group", "secretariat"}


@pytest.mark.parametrize(
    "role", ["visitor", "pending", "member", "focal_point", "steering_group", "secretariat"]
)
def test_drafting_version_is_only_for_the_secretariat_and_the_steering_group(client, role):
    v = version()  # drafting
    user = person(role, member=MemberFactory())
    if user.is_authenticated:
        client.force_login(user)
    expected = 200 if role in ROLES_READING_DRAFTS else 404
    for url in ["/charter/v1/", right(v, 1).get_absolute_url(), "/charter/v1.md",
                "/charter/v1.json"]:  # fmt: skip
        assert client.get(url).status_code == expected, url


def test_missing_version_is_404(client):
    open_version()
    assert client.get("/charter/v7/").status_code == 404
    assert client.get("/charter/v7/rights/1/").status_code == 404


# --- A right and its comments ----------------------------------------------------------------


def test_right_page_visitor_reads_without_a_comment_form(client):
    v = open_version()
    comment_on(right(v, 2), by=member(), body="Participation needs **time**.")
    response = client.get("/charter/v1/rights/2/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<h1 id="right-title">2. Right to participatory democracy</h1>' in page
    assert "Participation needs <strong>time</strong>." in page
    assert 'name="body"' not in page
    assert "Sign in as a member to take part" in page


def test_right_page_visitor_is_sent_to_sign_in_on_post(client):
    open_version()
    response = client.post("/charter/v1/rights/1/comment/", {"body": "Hello"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert Comment.objects.count() == 0


def test_right_page_pending_user_is_refused(client):
    open_version()
    signed_in(client, person("pending", member=None))
    page = client.get("/charter/v1/rights/1/").content.decode()
    assert 'name="body"' not in page
    assert "You can take part once the secretariat has approved your account." in page
    response = client.post("/charter/v1/rights/1/comment/", {"body": "Hello"})
    assert response.status_code == 403
    assert Comment.objects.count() == 0


def test_member_comments_while_the_round_is_open(client):
    v = open_version()
    author = member()
    signed_in(client, author)
    assert 'name="body"' in client.get("/charter/v1/rights/1/").content.decode()
    response = client.post("/charter/v1/rights/1/comment/", {"body": "Add *solidarity*."})
    stored = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/charter/v1/rights/1/#comment-{stored.pk}"
    assert (stored.right_text, stored.author, stored.parent) == (right(v, 1), author, None)
    assert stored.quoted_formulation == right(v, 1).formulation
    page = client.get("/charter/v1/rights/1/").content.decode()
    assert "Add <em>solidarity</em>." in page
    assert "Your comment is published." in page
    assert "earlier wording" not in page


def test_member_replies_one_level(client):
    v = open_version()
    first = comment_on(right(v, 1), by=member(), body="First.")
    signed_in(client, member())
    client.post("/charter/v1/rights/1/comment/", {"body": "A reply.", "parent": first.pk})
    reply = Comment.objects.get(parent=first)
    # A reply to the reply joins the same thread: one level only.
    client.post("/charter/v1/rights/1/comment/", {"body": "Again.", "parent": reply.pk})
    assert list(Comment.objects.filter(parent=first).values_list("body", flat=True)) == [
        "A reply.",
        "Again.",
    ]
    page = client.get("/charter/v1/rights/1/").content.decode()
    assert f'<li id="comment-{reply.pk}" class="charter-comment charter-reply">' in page
    assert "Comments (3)" in page


def test_reply_to_a_comment_on_another_right_is_refused(client):
    v = open_version()
    elsewhere = comment_on(right(v, 2), by=member(), body="On right 2.")
    signed_in(client, member())
    response = client.post("/charter/v1/rights/1/comment/", {"body": "Hi", "parent": elsewhere.pk})
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert Comment.objects.count() == 1


def test_member_is_told_when_the_round_is_closed(client):
    v = open_version()
    services.round_close(version=v, by=SecretariatFactory())
    signed_in(client, member())
    response = client.post("/charter/v1/rights/1/comment/", {"body": "Too late?"})
    assert response.status_code == 400
    assert "The consultation on this version is not open." in response.content.decode()
    assert Comment.objects.count() == 0


def test_empty_comment_gets_a_message_and_stores_nothing(client):
    open_version()
    signed_in(client, member())
    response = client.post("/charter/v1/rights/1/comment/", {"body": "   "})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert Comment.objects.count() == 0


def test_comment_keeps_the_wording_it_was_about(client):
    v = open_version()
    comment_on(right(v, 1), by=member(), body="Say who.")
    RightText.objects.filter(pk=right(v, 1).pk).update(
        formulation="Everyone living in the city has the right to it."
    )
    page = client.get("/charter/v1/rights/1/").content.decode()
    assert "This comment is about an earlier wording:" in page
    assert (
        "<blockquote><p><strong>Right to the city</strong></p><p>All inhabitants have the right "
        "to a city that is a space of freedom and equality.</p></blockquote>"
    ) in page


def test_comment_markup_is_rendered_harmless(client):
    v = open_version()
    comment_on(
        right(v, 1),
        by=member(),
        body='<script>alert("x")</script> [click](javascript:alert(1)) <img src=x onerror=a()>',
    )
    page = client.get("/charter/v1/rights/1/").content.decode()
    assert "<script>alert" not in page
    assert 'href="javascript:' not in page
    assert "<img" not in page
    assert "&lt;script&gt;alert" in page


def test_forged_right_number_from_another_version_is_404(client):
    v1 = open_version()
    v2 = services.version_start_next(charter=charter(), by=SecretariatFactory())
    RightText.objects.create(
        version=v2, right=Right.objects.create(charter=charter(), key="water"), number=4,
        title="Right to water", formulation="Clean water for all.", order=4,
    )  # fmt: skip
    assert v1.rights.count() == 3
    signed_in(client, member())
    assert client.get("/charter/v1/rights/4/").status_code == 404
    assert client.post("/charter/v1/rights/4/comment/", {"body": "x"}).status_code == 404
    assert client.get("/charter/v1/rights/4/propose/").status_code == 404
    assert Comment.objects.count() == 0


def _many_contributions(v, n: int) -> None:
    """``n`` comments (every other one a reply), ``n`` amendments (some decided) on right 1."""
    text, people = right(v, 1), [member() for _ in range(3)]
    steering = SteeringGroupFactory()
    first = comment_on(text, by=people[0], body="First comment.")
    for i in range(1, n):
        comment_on(text, by=people[i % 3], body=f"Comment {i}.", parent=first if i % 2 else None)
    for i in range(n):
        amendment = propose(text, by=people[i % 3], formulation=f"All people, {i}, have it.",
                            rationale="Clearer.")  # fmt: skip
        if i % 3 == 1:
            services.amendment_decide(
                amendment=amendment, by=steering, decision="reject", response="No, thanks."
            )


@pytest.mark.parametrize("n", [1, 50])
def test_right_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, n):
    v = open_version()
    _many_contributions(v, n)
    signed_in(client, member())
    with django_assert_num_queries(RIGHT_PAGE_QUERIES):
        response = client.get("/charter/v1/rights/1/")
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('class="charter-amendment"') == n
    assert page.count('class="charter-comment-body"') == n


# --- Comparing two versions ------------------------------------------------------------------


def _second_version():
    """v2 from v1 (in consultation): right 1 reworded, a new right 2 (water), participation
    renumbered, regrouped and renamed, housing removed."""
    v1 = open_version()
    v2 = services.version_start_next(charter=charter(), by=SecretariatFactory())
    RightText.objects.filter(version=v2, number=1).update(
        formulation="All inhabitants have the right to a city that is a space of freedom and "
        "solidarity."
    )
    RightText.objects.filter(version=v2, number=3).delete()
    RightText.objects.filter(version=v2, number=2).update(
        number=4, order=4, group="Democracy", title="Right to participation"
    )
    RightText.objects.create(
        version=v2, right=Right.objects.create(charter=charter(), key="water"), number=2,
        group="Rights of everyone", title="Right to water", formulation="Clean water for all.",
        order=2,
    )  # fmt: skip
    return v1, v2


def test_compare_shows_the_counts_and_the_word_diffs(client):
    _second_version()
    signed_in(client, SteeringGroupFactory())  # v2 is still being drafted
    response = client.get("/charter/compare/1/2/")
    page = response.content.decode()
    assert response.status_code == 200
    for kind, count in [("added", 1), ("removed", 1), ("renumbered", 1), ("regrouped", 1),
                        ("renamed", 1), ("reworded", 1), ("unchanged", 0)]:  # fmt: skip
        assert (
            f'<div class="charter-count charter-count-{kind}"><dt>{kind.capitalize()}</dt>'
            f"<dd>{count}</dd></div>"
        ) in page, kind
    hidden = '<span class="visually-hidden">'
    assert (
        f"space of freedom and <del>{hidden}[removed: </span>equality{hidden}]</span></del>"
        f"<ins>{hidden}[added: </span>solidarity{hidden}]</span></ins>."
    ) in page
    assert (
        f"Right to <del>{hidden}[removed: </span>participatory democracy{hidden}]</span></del>"
        f"<ins>{hidden}[added: </span>participation{hidden}]</span></ins>"
    ) in page
    assert "Number: 2 → 4" in page
    assert "Group: Rights of everyone → Democracy" in page
    assert f"<ins>{hidden}[added: </span>Clean water for all.{hidden}]</span></ins>" in page
    assert f"<del>{hidden}[removed: </span>All inhabitants have the right to decent" in page
    assert page.count('<article class="charter-change"') == 4


def test_compare_of_a_draft_is_404_for_members(client):
    _second_version()
    signed_in(client, member())
    assert client.get("/charter/compare/1/2/").status_code == 404
    assert client.get("/charter/compare/1/1/").status_code == 200


def test_compare_form_goes_to_the_comparison(client):
    _second_version()
    signed_in(client, SteeringGroupFactory())
    assert client.get("/charter/compare/").status_code == 200
    response = client.get("/charter/compare/", {"a": 1, "b": 2})
    assert response["Location"] == "/charter/compare/1/2/"
    response = client.get("/charter/compare/", {"a": 1, "b": 9})
    assert response.status_code == 200
    assert "Select a valid choice. 9 is not one of the available choices." in (
        response.content.decode()
    )
    # A member reads v1 only: nothing to compare with.
    client.force_login(member())
    page = client.get("/charter/compare/", {"a": 1, "b": 2}).content.decode()
    assert "There is only one version to read so far: nothing to compare yet." in page


@pytest.mark.parametrize("n", [1, 50])
def test_compare_runs_a_fixed_number_of_queries(client, django_assert_num_queries, n):
    v1 = open_version()
    _many_contributions(v1, n)
    steering, secretariat = SteeringGroupFactory(), SecretariatFactory()
    for amendment in Amendment.objects.filter(status="submitted"):
        services.amendment_decide(
            amendment=amendment, by=steering, decision="accept", response="Yes."
        )
    services.round_close(version=v1, by=secretariat)
    v2 = services.version_start_next(charter=charter(), by=secretariat)
    applied = services.version_apply_amendments(version=v2, by=secretariat)
    assert len(applied) == Amendment.objects.filter(applied_in=v2).count() > 0
    signed_in(client, steering)
    with django_assert_num_queries(COMPARE_PAGE_QUERIES):
        response = client.get("/charter/compare/1/2/")
    page = response.content.decode()
    assert "Amendments that made this change:" in page
    assert page.count("#amendment-") == len(applied)


# --- Exports ---------------------------------------------------------------------------------


def test_markdown_export_has_the_parts_and_the_rights(client):
    open_version()
    response = client.get("/charter/v1.md")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("# Global Charter-Agenda — v1\n")
    assert "## Preamble\n\nCities matter.\n" in text
    assert (
        "## Rights of everyone\n\n### 1. Right to the city\n\nAll inhabitants have the right to "
        "a city that is a space of freedom and equality.\n"
    ) in text
    assert text.index("## Preamble") < text.index("### 3. Right to housing")


def test_json_export_has_the_structure(client):
    open_version()
    response = client.get("/charter/v1.json")
    data = json.loads(response.content)
    assert response["Content-Type"] == "application/json"
    assert (data["number"], data["title"], data["status"]) == (1, "Global Charter-Agenda",
                                                               "consultation")  # fmt: skip
    assert data["parts"] == [{"kind": "preamble", "title": "Preamble", "text": "Cities matter."}]
    assert [(r["key"], r["number"], r["group"], r["title"]) for r in data["rights"]] == [
        ("right-to-the-city", 1, "Rights of everyone", "Right to the city"),
        ("participatory-democracy", 2, "Rights of everyone", "Right to participatory democracy"),
        ("housing", 3, "Rights of everyone", "Right to housing"),
    ]
    assert data["rights"][2]["formulation"] == (
        "All inhabitants have the right to decent, safe and affordable housing."
    )


# --- One's own contributions -----------------------------------------------------------------


def test_my_contributions_lists_comments_and_amendments_with_their_state(client):
    v = open_version()
    author = member()
    comment_on(right(v, 2), by=author, body="My own comment.")
    comment_on(right(v, 2), by=member(), body="Someone else's.")
    amendment = propose(right(v, 1), by=author, formulation="Everyone has the right to the city.")
    services.amendment_decide(
        amendment=amendment, by=SteeringGroupFactory(), decision="reject",
        response="The current words are clearer.",
    )  # fmt: skip
    page = signed_in(client, author).get("/charter/my/").content.decode()
    assert "My own comment." in page
    assert "Someone else&#x27;s." not in page and "Someone else" not in page
    assert "Rejected" in page
    assert "The current words are clearer." in page
    assert f'href="/charter/v1/rights/1/#amendment-{amendment.pk}"' in page


def test_my_contributions_needs_signing_in(client):
    response = client.get("/charter/my/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_long_consultation_pages_its_comments_fifty_at_a_time(client):
    from charter.models import Comment
    from tests.accounts.factories import UserFactory
    from tests.charter.factories import right, version

    text = right(version(open_round=True))
    author = UserFactory()
    Comment.objects.bulk_create(
        Comment(right_text=text, author=author, body=f"Remark number {n:02d}.",
                quoted_title=text.title, quoted_formulation=text.formulation)
        for n in range(60)
    )  # fmt: skip
    first = client.get(text.get_absolute_url()).content.decode()
    assert "Remark number 49." in first and "Remark number 50." not in first
    assert "Comments (60)" in first
    assert "?page=2" in first
    second = client.get(text.get_absolute_url(), {"page": 2}).content.decode()
    assert "Remark number 59." in second and "Remark number 00." not in second
