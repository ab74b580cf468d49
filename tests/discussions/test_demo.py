"""The board's demo: drawn from the seeds, written through the services, and the same rows
however often it runs."""

import pytest

from accounts import demo as accounts_demo
from cities import demo as cities_demo
from core.rules import STEERING_GROUP
from discussions import demo, selectors
from discussions.models import (
    Board,
    Flag,
    ModerationAction,
    Post,
    ReadPosition,
    Subscription,
    Thread,
)
from newsfeed.models import NewsItem

pytestmark = pytest.mark.django_db

MODELS = [Board, Thread, Post, Flag, ModerationAction, Subscription, ReadPosition, NewsItem]


@pytest.fixture
def loaded():
    accounts_demo.load()
    cities_demo.load()
    demo.load()


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_demo_loaded_twice_gives_the_same_rows(loaded):
    before = _counts()
    demo.load()
    assert _counts() == before
    assert before["Board"] == 5
    assert before["Thread"] == 5
    assert before["Post"] == 16
    assert (before["Flag"], before["ModerationAction"]) == (1, 1)


def test_demo_boards_follow_the_focus_areas_and_one_is_the_steering_group_s(loaded):
    boards = {board.slug: board for board in Board.objects.select_related("focus_area")}
    assert {slug: board.focus_area.slug for slug, board in boards.items() if board.focus_area} == {
        "welcoming-migrants-and-refugees": "migration-refugees",
        "gender-equality": "gender-equality",
        "local-human-rights-mechanisms": "access-to-justice",
        "financial-inclusion-and-decent-work": "decent-work-poverty",
    }
    restricted = Board.objects.get(restricted_to__isnull=False)
    assert (restricted.slug, restricted.restricted_to.name) == ("steering-group", STEERING_GROUP)


def test_demo_threads_are_started_and_answered_by_the_demo_members(loaded):
    authors = set(Post.objects.values_list("author__email", flat=True))
    assert authors == {
        "secretariat@example.org",
        "focal.point@example.org",
        "member@example.org",
        "steering@example.org",
    }
    for thread in Thread.objects.all():
        numbers = list(thread.posts.values_list("number", flat=True))
        assert numbers == list(range(1, len(numbers) + 1))
        assert thread.last_number == len(numbers)
        assert thread.visible_count == thread.posts.filter(hidden_at__isnull=True).count()
    # Only the open boards' threads reach the newsfeed.
    assert NewsItem.objects.filter(kind="discussion").count() == 4


def test_demo_has_a_flag_waiting_and_a_post_hidden_by_the_secretariat(loaded):
    flag = Flag.objects.get()
    assert (flag.outcome, flag.reason, flag.flagged_by.email) == (
        "pending",
        "off_topic",
        "member@example.org",
    )
    assert list(selectors.flag_queue()) == [flag.post]

    hidden = Post.objects.get(hidden_at__isnull=False)
    assert hidden.hidden_by.email == "secretariat@example.org"
    assert hidden.hidden_reason.startswith("Private data")
    entry = ModerationAction.objects.get()
    assert (entry.action, entry.post, entry.moderator) == ("hide", hidden, hidden.hidden_by)


def test_demo_steering_board_is_closed_to_other_members(loaded):
    from accounts.models import User

    member = User.objects.get(email="member@example.org")
    steering = User.objects.get(email="steering@example.org")
    board = Board.objects.get(slug="steering-group")
    assert not member.has_perm("discussions.read_board", board)
    assert steering.has_perm("discussions.read_board", board)


def test_demo_without_accounts_loads_the_boards_only():
    demo.load()
    assert Board.objects.count() == 5
    assert Thread.objects.count() == 0
