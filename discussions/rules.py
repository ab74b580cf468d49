"""Who may read, write and moderate on the board: the only place these decisions are written."""

from datetime import timedelta

import rules
from django.conf import settings
from django.utils import timezone

from core.rules import is_approved_member, is_secretariat


def _in_group(user, group_id: int) -> bool:
    cache = user.__dict__.setdefault("_group_ids", None)
    if cache is None:
        cache = set(user.groups.values_list("pk", flat=True))
        user.__dict__["_group_ids"] = cache
    return group_id in cache


@rules.predicate
def board_is_open_to(user, board) -> bool:
    """An approved member, and in the board's group when it has one (staff see every board)."""
    if board is None or not is_approved_member(user):
        return False
    if board.restricted_to_id is None or user.is_staff:
        return True
    return _in_group(user, board.restricted_to_id)


@rules.predicate
def thread_is_open_to(user, thread) -> bool:
    return thread is not None and board_is_open_to(user, thread.board)


@rules.predicate
def thread_is_unlocked(user, thread) -> bool:
    return thread is not None and not thread.locked


@rules.predicate
def post_is_readable(user, post) -> bool:
    return post is not None and thread_is_open_to(user, post.thread)


@rules.predicate
def wrote_post(user, post) -> bool:
    return post is not None and user.is_authenticated and post.author_id == user.pk


def edit_window() -> timedelta:
    return timedelta(minutes=settings.PORTAL_DISCUSSION_EDIT_MINUTES)


@rules.predicate
def post_is_editable(user, post) -> bool:
    """Within the editing window; or hidden because several members flagged it (its author
    may then put it right whatever its age)."""
    if post is None:
        return False
    if post.is_hidden and post.hidden_by_id is None:
        return True
    return not post.is_hidden and timezone.now() - post.created_at <= edit_window()


# Read a board, its threads and their posts (members only; restricted boards to their group).
rules.add_perm("discussions.read_board", board_is_open_to)
rules.add_perm("discussions.read_thread", thread_is_open_to)
rules.add_perm("discussions.start_thread", board_is_open_to)
# Reply: a locked thread takes no more replies, except from the moderators.
rules.add_perm("discussions.reply", thread_is_open_to & (thread_is_unlocked | is_secretariat))
# Edit one's own post within the window.
rules.add_perm("discussions.edit_post", post_is_readable & wrote_post & post_is_editable)
# Report someone else's post.
rules.add_perm("discussions.flag_post", post_is_readable & ~wrote_post)
# A hidden post's text: its author and the moderators.
rules.add_perm("discussions.see_hidden_post", post_is_readable & (wrote_post | is_secretariat))
# Hide, lock, pin, move, review flags, undo; mention a whole group.
rules.add_perm("discussions.moderate", is_secretariat)
rules.add_perm("discussions.mention_group", is_secretariat)
