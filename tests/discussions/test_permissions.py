"""Every permission of the board, for every role, both sides (discussions/rules.py); and the
board's addresses for those who may not read it."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from django.utils import timezone

from accounts.groups import STEERING_GROUP
from discussions import services
from discussions.models import Post
from tests.accounts.factories import PendingUserFactory, SecretariatFactory, UserFactory
from tests.cities.factories import MemberFactory
from tests.discussions.factories import BoardFactory, reply, start_thread
from tests.roles import ROLES, allowed_roles, person

pytestmark = pytest.mark.django_db

EVERYONE = set(ROLES)
MEMBERS = {"member", "focal_point", "steering_group", "secretariat"}
STEERING = {"steering_group", "secretariat"}


def _restricted_board():
    return BoardFactory(restricted_to=Group.objects.get(name=STEERING_GROUP))


def _restricted_thread():
    return start_thread(_restricted_board(), by=SecretariatFactory())


def _fresh(user):
    """The same person in a new request: nothing cached on the object."""
    return type(user).objects.get(pk=user.pk)


# --- reading and writing ------------------------------------------------------------------


def test_read_board_open_board_is_for_approved_members():
    assert allowed_roles("discussions.read_board", BoardFactory(), member=MemberFactory()) == (
        MEMBERS
    )


def test_read_board_restricted_board_is_for_its_group_and_staff():
    board = _restricted_board()
    assert allowed_roles("discussions.read_board", board, member=MemberFactory()) == STEERING


def test_read_board_nobody_reads_no_board():
    assert allowed_roles("discussions.read_board", None, member=MemberFactory()) == set()


@pytest.mark.parametrize(("restricted", "roles"), [(False, MEMBERS), (True, STEERING)])
def test_read_thread_follows_its_board(restricted, roles):
    thread = _restricted_thread() if restricted else start_thread()
    assert allowed_roles("discussions.read_thread", thread, member=MemberFactory()) == roles


@pytest.mark.parametrize(("restricted", "roles"), [(False, MEMBERS), (True, STEERING)])
def test_start_thread_follows_the_board(restricted, roles):
    board = _restricted_board() if restricted else BoardFactory()
    assert allowed_roles("discussions.start_thread", board, member=MemberFactory()) == roles


@pytest.mark.parametrize(("restricted", "roles"), [(False, MEMBERS), (True, STEERING)])
def test_reply_to_an_unlocked_thread_is_for_its_readers(restricted, roles):
    thread = _restricted_thread() if restricted else start_thread()
    assert allowed_roles("discussions.reply", thread, member=MemberFactory()) == roles


@pytest.mark.parametrize("restricted", [False, True])
def test_reply_to_a_locked_thread_is_for_the_moderators_only(restricted):
    thread = _restricted_thread() if restricted else start_thread()
    services.thread_lock(thread=thread, by=SecretariatFactory(), reason="Done")
    thread.refresh_from_db()
    assert allowed_roles("discussions.reply", thread, member=MemberFactory()) == {"secretariat"}


# --- one's own posts ----------------------------------------------------------------------


def _post_by(role: str, member) -> tuple:
    author = person(role, member=member)
    post = reply(start_thread(), by=author, body="Mine")
    return author, post


@pytest.mark.parametrize("role", sorted(MEMBERS))
def test_edit_post_the_author_within_the_window(role):
    author, post = _post_by(role, MemberFactory())
    assert _fresh(author).has_perm("discussions.edit_post", post)


def test_edit_post_nobody_else_whatever_their_role():
    member = MemberFactory()
    _author, post = _post_by("member", member)
    assert allowed_roles("discussions.edit_post", post, member=member) == set()


def test_edit_post_not_after_the_window():
    author, post = _post_by("member", MemberFactory())
    with override_settings(PORTAL_DISCUSSION_EDIT_MINUTES=0):
        assert not _fresh(author).has_perm("discussions.edit_post", post)
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(hours=2))
    post.refresh_from_db()
    assert not _fresh(author).has_perm("discussions.edit_post", post)
    with override_settings(PORTAL_DISCUSSION_EDIT_MINUTES=180):
        assert _fresh(author).has_perm("discussions.edit_post", post)


def test_edit_post_hidden_by_flags_the_author_may_put_it_right_whatever_its_age():
    author, post = _post_by("member", MemberFactory())
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(days=30))
    for _ in range(3):
        services.flag_create(post=post, by=UserFactory(), reason="spam")
    post.refresh_from_db()
    assert post.is_hidden and post.hidden_by_id is None
    assert _fresh(author).has_perm("discussions.edit_post", post)


def test_edit_post_hidden_by_a_moderator_is_closed_even_within_the_window():
    author, post = _post_by("member", MemberFactory())
    services.post_hide(post=post, by=SecretariatFactory(), reason="Off-topic")
    post.refresh_from_db()
    assert not _fresh(author).has_perm("discussions.edit_post", post)


def test_edit_post_not_once_the_author_cannot_read_the_board():
    author = person("steering_group", member=MemberFactory())
    thread = start_thread(_restricted_board(), by=author)
    post = thread.posts.get()
    author.groups.clear()
    assert not _fresh(author).has_perm("discussions.edit_post", post)


def test_flag_post_someone_elses_post_is_for_approved_members():
    member = MemberFactory()
    post = reply(start_thread())
    assert allowed_roles("discussions.flag_post", post, member=member) == MEMBERS


def test_flag_post_not_ones_own():
    author, post = _post_by("member", MemberFactory())
    assert not _fresh(author).has_perm("discussions.flag_post", post)


def test_flag_post_on_a_restricted_board_is_for_its_readers():
    thread = _restricted_thread()
    post = reply(thread, by=SecretariatFactory())
    assert allowed_roles("discussions.flag_post", post, member=MemberFactory()) == STEERING


def test_see_hidden_post_is_for_the_moderators_and_the_author():
    author, post = _post_by("member", MemberFactory())
    services.post_hide(post=post, by=SecretariatFactory(), reason="Private data")
    post.refresh_from_db()
    assert allowed_roles("discussions.see_hidden_post", post, member=MemberFactory()) == {
        "secretariat"
    }
    assert _fresh(author).has_perm("discussions.see_hidden_post", post)


def test_see_hidden_post_not_for_an_author_who_may_no_longer_read_the_board():
    author = PendingUserFactory()
    post = reply(start_thread())
    Post.objects.filter(pk=post.pk).update(author=author)
    post.refresh_from_db()
    assert not author.has_perm("discussions.see_hidden_post", post)


# --- moderation ---------------------------------------------------------------------------


def test_moderate_is_for_the_secretariat_only():
    assert allowed_roles("discussions.moderate", member=MemberFactory()) == {"secretariat"}


def test_mention_group_is_for_the_secretariat_only():
    assert allowed_roles("discussions.mention_group", member=MemberFactory()) == {"secretariat"}


# --- the addresses ------------------------------------------------------------------------


def _addresses(thread) -> list[str]:
    post = thread.posts.first()
    board = thread.board.slug
    return [
        f"/discussions/{board}/",
        f"/discussions/{board}/new/",
        f"/discussions/threads/{thread.pk}/",
        f"/discussions/threads/{thread.pk}/?quote=1",
        f"/discussions/posts/{post.pk}/edit/",
        f"/discussions/posts/{post.pk}/flag/",
    ]


def _posts(thread) -> list[str]:
    post = thread.posts.first()
    board = thread.board.slug
    return [
        f"/discussions/{board}/new/",
        f"/discussions/{board}/mark-read/",
        f"/discussions/threads/{thread.pk}/reply/",
        f"/discussions/threads/{thread.pk}/follow/",
        f"/discussions/posts/{post.pk}/edit/",
        f"/discussions/posts/{post.pk}/flag/",
    ]


@pytest.mark.parametrize("role", ["visitor", "pending"])
def test_every_address_of_a_board_is_404_for_visitors_and_pending_accounts(client, role):
    thread = start_thread(title="Secret plans", body="Nobody outside reads this")
    someone = person(role, member=MemberFactory())
    if role != "visitor":
        client.force_login(someone)

    for url in _addresses(thread):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Secret plans" not in response.content.decode(), url
    data = {"title": "t", "body": "b", "level": "muted", "reason": "spam"}
    for url in _posts(thread):
        assert client.post(url, data).status_code == 404, url
    assert thread.posts.count() == 1


def test_the_boards_page_is_open_to_visitors_but_shows_no_board(client):
    BoardFactory(name="Housing")
    response = client.get("/discussions/")
    assert response.status_code == 200
    assert "Housing" not in response.content.decode()


@pytest.mark.parametrize("role", ["member", "focal_point"])
def test_every_address_of_a_restricted_board_is_404_outside_its_group(client, role):
    thread = _restricted_thread()
    client.force_login(person(role, member=MemberFactory()))

    for url in _addresses(thread):
        assert client.get(url).status_code == 404, url
    for url in _posts(thread):
        assert client.post(url, {"body": "b", "level": "muted"}).status_code == 404, url


@pytest.mark.parametrize("role", ["steering_group", "secretariat"])
def test_a_restricted_board_opens_to_its_group_and_staff(client, role):
    thread = _restricted_thread()
    client.force_login(person(role, member=MemberFactory()))
    assert client.get(f"/discussions/{thread.board.slug}/").status_code == 200
    assert client.get(f"/discussions/threads/{thread.pk}/").status_code == 200
