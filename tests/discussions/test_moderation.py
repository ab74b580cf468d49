"""The moderators' pages: the flag queue, reviews, undo, hiding posts and moderating threads;
nobody else finds them; every refusal is a message."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from discussions import services
from discussions.models import Flag, ModerationAction, Post, Thread
from tests.accounts.factories import (
    PendingUserFactory,
    SecretariatFactory,
    SteeringGroupFactory,
    UserFactory,
)
from tests.discussions.factories import BoardFactory, reply, start_thread

pytestmark = pytest.mark.django_db

QUEUE = "/discussions/moderation/"
INSULT = "You are all hypocrites and liars."


@pytest.fixture
def staff():
    return SecretariatFactory(name="Sofia Moderator")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _flagged_post(*, author=None, body=INSULT, flaggers=1, note="Please look at this."):
    thread = start_thread(title="Welcoming refugees", body="How do you do it?")
    post = reply(thread, by=author or UserFactory(), body=body)
    for _ in range(flaggers):
        services.flag_create(post=post, by=UserFactory(), reason="offensive", note=note)
    return post


def _agreed_before(author, staff, times: int) -> None:
    """``times`` earlier posts of ``author``, each flagged and hidden on review."""
    for _ in range(times):
        post = reply(start_thread(), by=author, body="An older post")
        flag = services.flag_create(post=post, by=UserFactory(), reason="spam")
        services.flag_review(flag=flag, by=staff, outcome="agreed")


def test_queue_shows_the_flagged_post_its_flags_and_the_often_flagged_author(staff_client, staff):
    troll = UserFactory(name="Often Flagged")
    _agreed_before(troll, staff, 3)
    post = _flagged_post(author=troll, flaggers=2, note="Insults, again.")
    other = _flagged_post(author=UserFactory(name="Rarely Flagged"), body="Buy cheap watches")

    response = staff_client.get(QUEUE)

    assert response.status_code == 200
    body = response.content.decode()
    assert list(response.context["page"]) == [post, other]  # most flagged first
    assert f'href="{post.get_absolute_url()}"' in body
    assert f'href="{post.thread.board.get_absolute_url()}"' in body
    assert INSULT in body
    assert "2 pending flags" in body
    assert body.count("Insults, again.") == 2
    assert "Offensive or abusive" in body
    assert "Often Flagged" in body
    assert "3 flags agreed on their posts" in body
    assert body.count('class="tag often-flagged"') == 1
    assert reverse("discussions:review_flag", args=[post.flags.order_by("pk").first().pk]) in body


def test_queue_is_empty_with_a_message_and_shows_the_log(staff_client, staff):
    thread = start_thread(title="Local observatories")
    services.thread_lock(thread=thread, by=staff, reason="The meeting is over")

    body = staff_client.get(QUEUE).content.decode()

    assert "No flag is waiting for review." in body
    assert "Locked a thread" in body
    assert "The meeting is over" in body
    entry = ModerationAction.objects.get()
    assert reverse("discussions:undo", args=[entry.pk]) in body


@pytest.mark.parametrize("role", ["visitor", "pending", "member", "steering_group", "staff"])
def test_moderation_pages_are_a_404_for_everyone_else(client, role):
    post = _flagged_post()
    flag = post.flags.get()
    entry = services.thread_pin(thread=post.thread, by=SecretariatFactory())
    people = {
        "pending": PendingUserFactory,
        "member": UserFactory,
        "steering_group": SteeringGroupFactory,
        # Staff without the secretariat's group do not moderate.
        "staff": lambda: UserFactory(is_staff=True),
    }
    if role != "visitor":
        client.force_login(people[role]())

    assert client.get(QUEUE).status_code == 404
    posts = [
        (reverse("discussions:review_flag", args=[flag.pk]), {"outcome": "agreed"}),
        (reverse("discussions:undo", args=[entry.pk]), {}),
        (reverse("discussions:hide_post", args=[post.pk]), {"reason": "No"}),
        (reverse("discussions:unhide_post", args=[post.pk]), {}),
        (reverse("discussions:moderate_thread", args=[post.thread.pk]), {"action": "lock"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    assert client.get(reverse("discussions:hide_post", args=[post.pk])).status_code == 404
    post.refresh_from_db()
    post.thread.refresh_from_db()
    assert (post.is_hidden, post.thread.locked, post.thread.pinned) == (False, False, True)
    assert Flag.objects.get().outcome == "pending"
    assert ModerationAction.objects.count() == 1


def test_agree_hides_the_post_for_other_members_but_its_author_still_reads_it(staff_client):
    author = UserFactory()
    post = _flagged_post(author=author)
    flag = post.flags.get()

    response = staff_client.post(
        reverse("discussions:review_flag", args=[flag.pk]),
        {"outcome": "agreed", "reason": "Insulting other members"},
    )

    assert response.status_code == 302
    assert response["Location"] == QUEUE
    assert _messages(response) == ["Flag agreed: the post is hidden."]
    post.refresh_from_db()
    assert (post.is_hidden, post.hidden_reason) == (True, "Insulting other members")
    assert Flag.objects.get().outcome == "agreed"
    assert ModerationAction.objects.get().action == "flag_agree"

    member = Client()
    member.force_login(UserFactory())
    page = member.get(post.thread.get_absolute_url())
    assert page.status_code == 200
    assert "Insulting other members" in page.content.decode()
    assert INSULT not in page.content.decode()

    member.force_login(author)
    assert INSULT in member.get(post.thread.get_absolute_url()).content.decode()


def test_the_same_review_posted_twice_says_already_reviewed(staff_client):
    flag = _flagged_post().flags.get()
    url = reverse("discussions:review_flag", args=[flag.pk])

    staff_client.post(url, {"outcome": "agreed"})
    again = staff_client.post(url, {"outcome": "ignored"})

    assert again.status_code == 302
    assert _messages(again)[-1] == "This flag has already been reviewed."
    assert Flag.objects.get().outcome == "agreed"
    assert ModerationAction.objects.count() == 1


def test_disagree_keeps_the_post_and_ignore_too(staff_client):
    first, second = _flagged_post(), _flagged_post(body="Another post")

    staff_client.post(
        reverse("discussions:review_flag", args=[first.flags.get().pk]), {"outcome": "disagreed"}
    )
    response = staff_client.post(
        reverse("discussions:review_flag", args=[second.flags.get().pk]), {"outcome": "ignored"}
    )

    assert _messages(response) == [
        "Flag disagreed: the post stays on the thread.",
        "Flag ignored.",
    ]
    assert not Post.objects.filter(hidden_at__isnull=False).exists()
    assert sorted(Flag.objects.values_list("outcome", flat=True)) == ["disagreed", "ignored"]


def test_an_unknown_outcome_is_a_message_not_a_500(staff_client):
    flag = _flagged_post().flags.get()
    response = staff_client.post(
        reverse("discussions:review_flag", args=[flag.pk]), {"outcome": "delete-everything"}
    )
    assert response.status_code == 302
    assert _messages(response) == ["Choose agree, disagree or ignore."]
    assert Flag.objects.get().outcome == "pending"


def test_undo_of_an_agreed_flag_shows_the_post_again_and_the_flag_waits(staff_client):
    post = _flagged_post()
    staff_client.post(
        reverse("discussions:review_flag", args=[post.flags.get().pk]), {"outcome": "agreed"}
    )
    review = ModerationAction.objects.get()

    response = staff_client.post(reverse("discussions:undo", args=[review.pk]))

    assert response.status_code == 302
    assert response["Location"] == QUEUE + "#log"
    assert _messages(response)[-1] == "Undone: Agreed with a flag."
    post.refresh_from_db()
    assert not post.is_hidden
    assert Flag.objects.get().outcome == "pending"
    undo = ModerationAction.objects.get(undoes=review)
    body = staff_client.get(QUEUE).content.decode()
    # Neither the undone step nor the undo offers another undo.
    assert reverse("discussions:undo", args=[review.pk]) not in body
    assert reverse("discussions:undo", args=[undo.pk]) not in body
    assert "undone" in body

    again = staff_client.post(reverse("discussions:undo", args=[review.pk]))
    assert _messages(again) == ["This action has already been undone, or is an undo."]
    assert ModerationAction.objects.count() == 2


def test_hide_needs_a_reason_then_hides_and_unhide_shows_again(staff_client):
    post = reply(start_thread(), body=INSULT)
    url = reverse("discussions:hide_post", args=[post.pk])

    assert staff_client.get(url).status_code == 200
    refused = staff_client.post(url, {"reason": "  "})
    assert refused.status_code == 400
    assert "This field is required." in refused.content.decode()
    post.refresh_from_db()
    assert not post.is_hidden

    response = staff_client.post(url, {"reason": "Personal attack"})
    assert response.status_code == 302
    assert response["Location"] == post.get_absolute_url()
    assert _messages(response) == ["The post is hidden."]
    post.refresh_from_db()
    assert (post.is_hidden, post.hidden_reason) == (True, "Personal attack")
    assert staff_client.post(url, {"reason": "Again"}).status_code == 302
    assert ModerationAction.objects.filter(action="hide").count() == 1

    member = Client()
    member.force_login(UserFactory())
    page = member.get(post.thread.get_absolute_url()).content.decode()
    assert "Personal attack" in page
    assert INSULT not in page

    response = staff_client.post(reverse("discussions:unhide_post", args=[post.pk]))
    assert response["Location"] == post.get_absolute_url()
    assert _messages(response)[-1] == "The post shows again."
    post.refresh_from_db()
    assert not post.is_hidden
    assert list(ModerationAction.objects.values_list("action", flat=True)) == ["unhide", "hide"]


def test_lock_pin_and_move_are_done_logged_and_undone(staff_client, staff):
    thread = start_thread(title="Gender equality plans")
    origin, elsewhere = thread.board, BoardFactory(name="Gender equality")
    url = reverse("discussions:moderate_thread", args=[thread.pk])

    assert staff_client.get(url).status_code == 200
    locked = staff_client.post(url, {"action": "lock", "reason": "Finished"})
    pinned = staff_client.post(url, {"action": "pin"})
    moved = staff_client.post(url, {"action": "move", "board": elsewhere.pk, "reason": "Theme"})

    for response in (locked, pinned, moved):
        assert response.status_code == 302
        assert response["Location"] == thread.get_absolute_url()
    assert _messages(moved) == [
        "The thread is locked: it takes no more replies.",
        "The thread is pinned at the top of its board.",
        "The thread is moved to the board “Gender equality”.",
    ]
    thread.refresh_from_db()
    assert (thread.locked, thread.pinned, thread.board) == (True, True, elsewhere)
    log = list(ModerationAction.objects.order_by("pk").values_list("action", "reason", "details"))
    assert log == [
        ("lock", "Finished", {}),
        ("pin", "", {}),
        ("move", "Theme", {"from": origin.pk, "to": elsewhere.pk}),
    ]
    body = staff_client.get(QUEUE).content.decode()
    assert f"from “{origin.name}” to “Gender equality”" in body

    move = ModerationAction.objects.get(action="move")
    staff_client.post(reverse("discussions:undo", args=[move.pk]))
    thread.refresh_from_db()
    assert thread.board == origin

    page = staff_client.get(url).content.decode()
    assert "Moved a thread" in page and "Locked a thread" in page


def test_moderate_thread_refuses_bad_input_with_a_form_error(staff_client):
    thread = start_thread()
    url = reverse("discussions:moderate_thread", args=[thread.pk])

    no_board = staff_client.post(url, {"action": "move"})
    unknown = staff_client.post(url, {"action": "delete"})
    not_a_board = staff_client.post(url, {"action": "move", "board": "abc"})

    assert [r.status_code for r in (no_board, unknown, not_a_board)] == [400, 400, 400]
    assert "Choose the board to move the thread to." in no_board.content.decode()
    assert "Select a valid choice." in unknown.content.decode()
    assert ModerationAction.objects.count() == 0


def test_moderate_thread_twice_says_nothing_changed(staff_client):
    thread = start_thread()
    url = reverse("discussions:moderate_thread", args=[thread.pk])
    staff_client.post(url, {"action": "lock"})
    again = staff_client.post(url, {"action": "lock"})
    same_board = staff_client.post(url, {"action": "move", "board": thread.board_id})
    assert _messages(again)[-1] == "The thread was already locked."
    assert _messages(same_board)[-1] == f"The thread is already on the board “{thread.board}”."
    assert Thread.objects.get().locked
    assert ModerationAction.objects.count() == 1


def test_moderation_of_missing_rows_is_a_404(staff_client):
    for url in (
        reverse("discussions:review_flag", args=[999999]),
        reverse("discussions:undo", args=[999999]),
        reverse("discussions:hide_post", args=[999999]),
        reverse("discussions:unhide_post", args=[999999]),
        reverse("discussions:moderate_thread", args=[999999]),
    ):
        assert staff_client.post(url, {"action": "lock"}).status_code == 404, url


def test_review_refuses_get(staff_client):
    flag = _flagged_post().flags.get()
    assert staff_client.get(reverse("discussions:review_flag", args=[flag.pk])).status_code == 405
    assert Flag.objects.get().outcome == "pending"


def _queue_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(QUEUE)
    assert response.status_code == 200
    return len(queries)


def test_queue_query_count_does_not_grow_with_flags_and_log(staff_client, staff):
    _flagged_post()
    services.thread_pin(thread=start_thread(), by=staff)
    services.thread_move(thread=start_thread(), to=BoardFactory(), by=staff)
    one = _queue_queries(staff_client)
    for _ in range(4):
        _flagged_post(flaggers=2)
        thread = start_thread()
        services.thread_lock(thread=thread, by=staff)
        services.thread_move(thread=thread, to=BoardFactory(), by=staff)
    assert _queue_queries(staff_client) == one


def test_a_post_hidden_by_flags_waits_in_the_queue_and_disagree_shows_it(staff_client):
    post = _flagged_post(flaggers=3)
    post.refresh_from_db()
    assert post.is_hidden

    body = staff_client.get(QUEUE).content.decode()
    assert "hidden by the flags until review" in body
    assert "3 pending flags" in body

    flag = post.flags.order_by("pk").first()
    staff_client.post(reverse("discussions:review_flag", args=[flag.pk]), {"outcome": "disagreed"})
    post.refresh_from_db()
    assert not post.is_hidden
    assert set(Flag.objects.values_list("outcome", flat=True)) == {"disagreed"}


def test_tools_for_the_thread_page_show_to_moderators_only(staff):
    post = reply(start_thread())
    hidden = reply(post.thread)
    services.post_hide(post=hidden, by=staff, reason="Ads")
    hidden.refresh_from_db()

    def tools(user, **context):
        post_tools = render_to_string(
            "discussions/moderation/includes/post_tools.html", {"user": user, **context}
        )
        thread_tools = render_to_string(
            "discussions/moderation/includes/thread_tools.html",
            {"user": user, "thread": post.thread},
        )
        return post_tools + thread_tools

    assert reverse("discussions:hide_post", args=[post.pk]) in tools(staff, post=post)
    assert reverse("discussions:unhide_post", args=[hidden.pk]) in tools(staff, post=hidden)
    assert reverse("discussions:moderate_thread", args=[post.thread.pk]) in tools(staff, post=post)
    assert tools(UserFactory(), post=post).strip() == ""
