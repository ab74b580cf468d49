import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from discussions import selectors, services
from discussions.models import Flag, ModerationAction, Post, Thread
from newsfeed.models import NewsItem
from tests.accounts.factories import PendingUserFactory, SecretariatFactory, UserFactory
from tests.discussions.factories import BoardFactory, reply, start_thread

pytestmark = pytest.mark.django_db


def test_thread_start_creates_the_first_post_and_members_only_news():
    author = UserFactory(name="Ana Garcia")

    thread = start_thread(by=author, title="Local observatories", body="Who runs one?")

    assert [(p.number, p.body) for p in thread.posts.all()] == [(1, "Who runs one?")]
    news = NewsItem.objects.get(object_id=thread.pk, kind="discussion")
    assert (news.title, news.visibility) == ("Local observatories", "members")
    assert "Who runs one?" not in news.summary


def test_pending_user_cannot_start_a_thread():
    with pytest.raises(PermissionDenied):
        start_thread(by=PendingUserFactory())
    assert Thread.objects.count() == 0


def test_the_same_reply_sent_twice_makes_one_post():
    thread = start_thread()
    member = UserFactory()
    key = uuid.uuid4()

    first, created = services.post_reply(thread=thread, by=member, body="Yes", submission_key=key)
    again, created_again = services.post_reply(
        thread=thread, by=member, body="Yes", submission_key=key
    )

    assert (created, created_again, first.pk) == (True, False, again.pk)
    assert Post.objects.filter(thread=thread).count() == 2


def test_reply_to_a_locked_thread_is_refused_and_writes_nothing():
    thread = start_thread()
    services.thread_lock(thread=thread, by=SecretariatFactory(), reason="Done")

    with pytest.raises(PermissionDenied):
        reply(thread)

    assert Post.objects.filter(thread=thread).count() == 1


def test_empty_and_overlong_posts_are_refused(settings):
    settings.PORTAL_DISCUSSION_POST_MAX_LENGTH = 10
    thread = start_thread(body="short")
    with pytest.raises(ValidationError):
        reply(thread, body="   ")
    with pytest.raises(ValidationError):
        reply(thread, body="x" * 11)
    assert Post.objects.filter(thread=thread).count() == 1


def test_unread_counts_follow_the_read_position_and_hidden_posts():
    board = BoardFactory()
    reader = UserFactory()
    thread = start_thread(board)
    posts = [reply(thread) for _ in range(3)]
    services.thread_mark_read(thread=thread, user=reader, number=2)
    thread.refresh_from_db()

    listed = list(selectors.board_threads(board=board, user=reader))
    assert selectors.unread_counts(threads=listed, user=reader) == {thread.pk: 2}
    first = selectors.first_unread(thread=thread, user=reader, read=2)
    assert first.number == 3

    services.post_hide(post=posts[1], by=SecretariatFactory(), reason="Off-topic")
    listed = list(selectors.board_threads(board=board, user=reader))
    assert selectors.unread_counts(threads=listed, user=reader) == {thread.pk: 1}
    thread.refresh_from_db()
    assert selectors.first_unread(thread=thread, user=reader, read=2).number == 4


def test_three_flags_hide_a_post_until_review_and_disagree_shows_it_again(
    django_capture_on_commit_callbacks,
):
    thread = start_thread()
    post = reply(thread)
    with django_capture_on_commit_callbacks(execute=False):
        for _ in range(3):
            services.flag_create(post=post, by=UserFactory(), reason="spam")
    post.refresh_from_db()
    assert post.is_hidden and post.hidden_by is None
    thread.refresh_from_db()
    assert thread.visible_count == 1

    flag = Flag.objects.filter(post=post).first()
    services.flag_review(flag=flag, by=SecretariatFactory(), outcome="disagreed")

    post.refresh_from_db()
    assert not post.is_hidden
    assert set(Flag.objects.filter(post=post).values_list("outcome", flat=True)) == {"disagreed"}


def test_a_second_flag_by_the_same_member_is_refused():
    post = reply(start_thread())
    member = UserFactory()
    services.flag_create(post=post, by=member, reason="spam")
    with pytest.raises(ValidationError):
        services.flag_create(post=post, by=member, reason="other")
    assert Flag.objects.filter(post=post).count() == 1


def test_moderation_is_logged_and_undone_and_the_log_is_append_only():
    from django.db import IntegrityError, transaction

    staff = SecretariatFactory()
    other_board = BoardFactory()
    thread = start_thread()
    origin = thread.board

    move = services.thread_move(thread=thread, to=other_board, by=staff, reason="Better here")
    services.moderation_undo(action=move, by=staff)

    thread.refresh_from_db()
    assert thread.board == origin
    assert list(ModerationAction.objects.values_list("action", "undoes")) == [
        ("move", move.pk),
        ("move", None),
    ]
    with pytest.raises(ValidationError):
        services.moderation_undo(action=move, by=staff)
    with pytest.raises(IntegrityError), transaction.atomic():
        ModerationAction.objects.filter(pk=move.pk).update(reason="rewritten")


def test_a_thread_moved_to_a_restricted_board_leaves_the_news_and_comes_back_with_it():
    from django.contrib.auth.models import Group

    from core.rules import STEERING_GROUP

    staff = SecretariatFactory()
    thread = start_thread(title="Budget of the secretariat")
    open_board = thread.board
    restricted = BoardFactory(restricted_to=Group.objects.get(name=STEERING_GROUP))

    services.thread_move(thread=thread, to=restricted, by=staff, reason="Steering matter")
    assert not NewsItem.objects.filter(kind="discussion", object_id=thread.pk).exists()

    services.thread_move(thread=thread, to=open_board, by=staff, reason="Back")
    assert NewsItem.objects.get(kind="discussion", object_id=thread.pk).title == (
        "Budget of the secretariat"
    )


def test_a_thread_on_a_restricted_board_publishes_no_news():
    from django.contrib.auth.models import Group

    from core.rules import STEERING_GROUP
    from tests.accounts.factories import SteeringGroupFactory

    board = BoardFactory(restricted_to=Group.objects.get(name=STEERING_GROUP))
    start_thread(board, by=SteeringGroupFactory(), title="Agenda of the steering group")

    assert not NewsItem.objects.filter(kind="discussion").exists()
