"""The secretariat's admin of the board: boards with their reserved slugs, thread and post
actions through the services, flags and the append-only moderation log."""

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from discussions import services
from discussions.models import Board, Flag, ModerationAction, Post, Thread
from tests.accounts.factories import SecretariatFactory, UserFactory, enrol_totp
from tests.discussions.factories import BoardFactory, reply, start_thread

pytestmark = pytest.mark.django_db

BOARDS = "/admin/discussions/board/"
THREADS = "/admin/discussions/thread/"
POSTS = "/admin/discussions/post/"


@pytest.fixture
def staff():
    staff = SecretariatFactory()
    enrol_totp(staff)
    return staff


@pytest.fixture
def secretariat_client(client, staff):
    client.force_login(staff)
    return client


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _board_form(**overrides) -> dict:
    data = {
        "name": "Welcoming migrants and refugees",
        "slug": "welcoming-migrants-and-refugees",
        "description": "",
        "focus_area": "",
        "order": "1",
        "restricted_to": "",
    }
    data.update(overrides)
    return data


def test_admin_adds_a_board(secretariat_client):
    response = secretariat_client.post(reverse("admin:discussions_board_add"), _board_form())
    assert response.status_code == 302
    board = Board.objects.get()
    assert (board.name, board.slug, board.order) == (
        "Welcoming migrants and refugees",
        "welcoming-migrants-and-refugees",
        1,
    )


@pytest.mark.parametrize("slug", ["moderation", "threads", "posts", "unfollow"])
def test_admin_refuses_a_board_slug_that_is_a_page(secretariat_client, slug):
    response = secretariat_client.post(
        reverse("admin:discussions_board_add"), _board_form(slug=slug)
    )
    assert response.status_code == 200
    assert (
        f"“{slug}” is the address of a page of the board: choose another slug."
        in response.content.decode()
    )
    assert Board.objects.count() == 0


def _action(client, url: str, action: str, *objects, **extra):
    return client.post(
        url, {"action": action, "_selected_action": [obj.pk for obj in objects], **extra}
    )


def test_thread_actions_pin_lock_through_the_services_and_log_them(secretariat_client, staff):
    first, second = start_thread(title="Gender equality plans"), start_thread(title="Observatories")

    _action(secretariat_client, THREADS, "pin_selected", first, second)
    response = _action(secretariat_client, THREADS, "lock_selected", first)

    assert response.status_code == 302
    assert sorted(_messages(response)) == [
        "Gender equality plans: locked.",
        "Gender equality plans: pinned.",
        "Observatories: pinned.",
    ]
    assert sorted(Thread.objects.values_list("title", "pinned", "locked")) == [
        ("Gender equality plans", True, True),
        ("Observatories", True, False),
    ]
    assert sorted(ModerationAction.objects.values_list("action", "thread", "moderator")) == [
        ("lock", first.pk, staff.pk),
        ("pin", first.pk, staff.pk),
        ("pin", second.pk, staff.pk),
    ]

    again = _action(secretariat_client, THREADS, "unlock_selected", first, second)
    assert sorted(_messages(again)[-2:]) == [
        "Gender equality plans: unlocked.",
        "Observatories: nothing to change.",
    ]
    _action(secretariat_client, THREADS, "unpin_selected", first)
    assert Thread.objects.filter(pinned=True).get() == second


def test_move_action_asks_for_the_board_then_moves_and_logs(secretariat_client):
    thread = start_thread(title="Financial inclusion")
    origin, target = thread.board, BoardFactory(name="Decent work")

    page = _action(secretariat_client, THREADS, "move_selected", thread)
    assert page.status_code == 200
    assert "Financial inclusion" in page.content.decode()
    assert Thread.objects.get().board == origin

    refused = _action(secretariat_client, THREADS, "move_selected", thread, apply="Move")
    assert refused.status_code == 200
    assert "This field is required." in refused.content.decode()

    response = _action(
        secretariat_client, THREADS, "move_selected", thread,
        apply="Move", board=target.pk, reason="Better there",
    )  # fmt: skip
    assert response.status_code == 302
    assert _messages(response) == ["Financial inclusion: moved to the board “Decent work”."]
    assert Thread.objects.get().board == target
    move = ModerationAction.objects.get()
    assert (move.action, move.reason, move.details) == (
        "move",
        "Better there",
        {"from": origin.pk, "to": target.pk},
    )


def test_thread_change_form_edits_the_title_only(secretariat_client):
    thread = start_thread(title="Typo in the titel")
    reply(thread)
    other = BoardFactory()
    url = reverse("admin:discussions_thread_change", args=[thread.pk])

    page = secretariat_client.get(url)
    assert page.status_code == 200
    assert 'name="board"' not in page.content.decode()

    response = secretariat_client.post(
        url, {"title": "No typo in the title", "board": other.pk, "pinned": "on"}
    )
    assert response.status_code == 302
    thread.refresh_from_db()
    assert (thread.title, thread.board_id, thread.pinned, thread.last_number) == (
        "No typo in the title",
        thread.board_id,
        False,
        2,
    )
    assert thread.board != other


def test_post_actions_hide_with_the_standard_reason_and_show_again(secretariat_client, staff):
    thread = start_thread()
    post = reply(thread, body="Spam, spam, spam")

    response = _action(secretariat_client, POSTS, "hide_selected", post)
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.is_hidden
    assert post.hidden_by == staff
    assert post.hidden_reason == "Hidden by the moderators: it does not follow the board's rules."
    thread.refresh_from_db()
    assert thread.visible_count == 1

    _action(secretariat_client, POSTS, "unhide_selected", post)
    post.refresh_from_db()
    assert not post.is_hidden
    assert list(ModerationAction.objects.values_list("action", flat=True)) == ["unhide", "hide"]


def test_post_list_filters_hidden_posts(secretariat_client, staff):
    thread = start_thread(body="The first post")
    hidden = reply(thread, body="A hidden post")
    services.post_hide(post=hidden, by=staff, reason="Off-topic")

    shown = secretariat_client.get(POSTS, {"hidden": "no"}).context["cl"].result_list
    only_hidden = secretariat_client.get(POSTS, {"hidden": "yes"}).context["cl"].result_list
    assert [post.body for post in shown] == ["The first post"]
    assert [post.body for post in only_hidden] == ["A hidden post"]


def test_moderation_log_admin_is_read_only(secretariat_client, staff):
    thread = start_thread()
    entry = services.thread_lock(thread=thread, by=staff)
    model_admin = admin.site._registry[ModerationAction]
    request = RequestFactory().get("/admin/")
    request.user = staff

    assert model_admin.has_view_permission(request, entry)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)
    assert model_admin.get_actions(request) == {}

    assert secretariat_client.get(
        reverse("admin:discussions_moderationaction_add")
    ).status_code == (403)
    delete = reverse("admin:discussions_moderationaction_delete", args=[entry.pk])
    assert secretariat_client.post(delete, {"post": "yes"}).status_code == 403
    change = reverse("admin:discussions_moderationaction_change", args=[entry.pk])
    page = secretariat_client.get(change)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert secretariat_client.post(change, {"reason": "rewritten"}).status_code == 403
    assert ModerationAction.objects.get().reason == ""


def test_posts_and_flags_cannot_be_added_changed_or_deleted_here(staff):
    request = RequestFactory().get("/admin/")
    request.user = staff
    for model in (Post, Flag):
        model_admin = admin.site._registry[model]
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request)
        assert not model_admin.has_delete_permission(request)
    thread_admin = admin.site._registry[Thread]
    assert not thread_admin.has_add_permission(request)
    assert not thread_admin.has_delete_permission(request)


def test_admin_pages_of_the_board_open_for_the_secretariat(secretariat_client, staff):
    thread = start_thread()
    post = reply(thread)
    flag = services.flag_create(post=post, by=UserFactory(), reason="spam", note="Ads")
    entry = services.post_hide(post=post, by=staff, reason="Ads")
    urls = [
        BOARDS,
        reverse("admin:discussions_board_add"),
        reverse("admin:discussions_board_change", args=[thread.board_id]),
        THREADS,
        f"{THREADS}?pinned__exact=1",
        reverse("admin:discussions_thread_change", args=[thread.pk]),
        POSTS,
        f"{POSTS}?hidden=flags",
        f"{POSTS}?q=Ads",
        reverse("admin:discussions_post_change", args=[post.pk]),
        "/admin/discussions/flag/",
        "/admin/discussions/flag/?outcome__exact=pending",
        reverse("admin:discussions_flag_change", args=[flag.pk]),
        "/admin/discussions/moderationaction/",
        "/admin/discussions/moderationaction/?action__exact=hide",
        reverse("admin:discussions_moderationaction_change", args=[entry.pk]),
    ]
    for url in urls:
        assert secretariat_client.get(url).status_code == 200, url


def test_a_member_who_is_not_staff_gets_no_admin_page(client):
    start_thread(title="Members-only planning")
    client.force_login(UserFactory())
    for url in (BOARDS, THREADS, POSTS, "/admin/discussions/moderationaction/"):
        response = client.get(url)
        assert response.status_code == 403
        assert "Members-only planning" not in response.content.decode()


def _changelist_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_admin_lists_query_count_does_not_grow_with_rows(secretariat_client, staff):
    def some():
        thread = start_thread(board=BoardFactory())
        post = reply(thread)
        services.flag_create(post=post, by=UserFactory(), reason="spam")
        services.post_hide(post=post, by=staff, reason="Ads")

    some()
    lists = [BOARDS, THREADS, POSTS, "/admin/discussions/flag/",
             "/admin/discussions/moderationaction/"]  # fmt: skip
    one = {url: _changelist_queries(secretariat_client, url) for url in lists}
    for _ in range(3):
        some()
    assert {url: _changelist_queries(secretariat_client, url) for url in lists} == one
