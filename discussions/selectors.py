"""Reads of the board: what a person may see, with counts and unread marks computed in a
fixed number of queries whatever the number of boards, threads and posts."""

from __future__ import annotations

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from discussions.models import (
    Board,
    BoardRead,
    Flag,
    FlagOutcome,
    ModerationAction,
    NotificationLevel,
    Post,
    ReadPosition,
    Subscription,
    Thread,
)

THREADS_PER_PAGE = 30


def boards_for(user) -> QuerySet[Board]:
    """The boards a person may read (restricted ones only for their group; staff see all)."""
    from core.visibility import user_sees_members_content

    if not user_sees_members_content(user):
        return Board.objects.none()
    boards = Board.objects.select_related("focus_area")
    if user.is_staff:
        return boards
    return boards.filter(Q(restricted_to__isnull=True) | Q(restricted_to__in=user.groups.all()))


def _read_number(user):
    return Coalesce(
        Subquery(
            ReadPosition.objects.filter(user=user, thread=OuterRef("pk")).values(
                "last_read_number"
            )[:1]
        ),
        Value(0),
        output_field=IntegerField(),
    )


def board_list(*, user) -> list[Board]:
    """Boards with their thread and post counts, latest activity, and (for the person) how
    many threads have something new."""
    boards = (
        boards_for(user)
        .annotate(
            thread_count=Count("threads"),
            post_count=Coalesce(Sum("threads__visible_count"), 0),
            latest_activity=Max("threads__last_activity_at"),
        )
        .order_by("order", "name")
    )
    boards = list(boards)
    if boards and user.is_authenticated:
        unread = dict(
            _threads_with_news(user, [board.pk for board in boards])
            .values("board")
            .annotate(n=Count("pk"))
            .values_list("board", "n")
        )
        for board in boards:
            board.unread_threads = unread.get(board.pk, 0)
    return boards


def _threads_with_news(user, board_ids) -> QuerySet[Thread]:
    marked = BoardRead.objects.filter(user=user, board=OuterRef("board")).values("marked_at")[:1]
    return (
        Thread.objects.filter(board_id__in=board_ids, visible_count__gt=0)
        .filter(last_visible_number__gt=_read_number(user))
        .filter(
            Q(last_activity_at__gt=Subquery(marked))
            | ~Exists(BoardRead.objects.filter(user=user, board=OuterRef("board")))
        )
    )


def board_detail(*, slug: str, user) -> Board | None:
    return boards_for(user).filter(slug=slug).first()


def board_threads(*, board: Board, user) -> QuerySet[Thread]:
    """A board's threads, pinned first then by last activity, with the person's read number
    (the view pages it, then asks ``unread_counts`` for the page)."""
    threads = Thread.objects.filter(board=board).select_related("author")
    if user.is_authenticated:
        threads = threads.annotate(read_number=_read_number(user))
    return threads.order_by("-pinned", "-last_activity_at", "-id")


def unread_counts(*, threads: list[Thread], user) -> dict[int, int]:
    """For the threads on one page: how many visible posts each has after the person's read
    position (and after "mark all read" on the board). One query."""
    if not threads or not user.is_authenticated:
        return {}
    board_ids = {thread.board_id for thread in threads}
    marked = dict(
        BoardRead.objects.filter(user=user, board_id__in=board_ids).values_list(
            "board_id", "marked_at"
        )
    )
    condition = Q()
    for thread in threads:
        read = getattr(thread, "read_number", 0) or 0
        if thread.last_visible_number <= read:
            continue
        part = Q(thread_id=thread.pk, number__gt=read)
        if thread.board_id in marked:
            part &= Q(created_at__gt=marked[thread.board_id])
        condition |= part
    if not condition:
        return {}
    rows = (
        Post.objects.filter(condition, hidden_at__isnull=True)
        .values("thread_id")
        .annotate(n=Count("pk"))
        .values_list("thread_id", "n")
    )
    return dict(rows)


def thread_detail(*, pk: int, user) -> Thread | None:
    """The thread, when its board is open to the person (None otherwise: a 404)."""
    return (
        Thread.objects.select_related("board", "author")
        .filter(board__in=boards_for(user), pk=pk)
        .first()
    )


def thread_posts(*, thread: Thread) -> QuerySet[Post]:
    return (
        Post.objects.filter(thread=thread).select_related("author", "hidden_by").order_by("number")
    )


def read_number(*, thread: Thread, user) -> int:
    if not user.is_authenticated:
        return 0
    """The last post the person has read: their read position, or the last post written
    before they marked the whole board read, whichever is further."""
    marked = BoardRead.objects.filter(user=user, board_id=thread.board_id).values("marked_at")
    row = Thread.objects.filter(pk=thread.pk).aggregate(
        position=Max("read_positions__last_read_number", filter=Q(read_positions__user=user)),
        marked=Max("posts__number", filter=Q(posts__created_at__lte=Subquery(marked[:1]))),
    )
    return max(row["position"] or 0, row["marked"] or 0)


def first_unread(*, thread: Thread, user, read: int) -> Post | None:
    """The first visible post after the read position, for "first unread" links."""
    if not user.is_authenticated or thread.last_visible_number <= read:
        return None
    return (
        Post.objects.filter(thread=thread, number__gt=read, hidden_at__isnull=True)
        .only("number", "thread_id")
        .order_by("number")
        .first()
    )


def notification_level(*, thread: Thread, user) -> str:
    if not user.is_authenticated:
        return NotificationLevel.NORMAL
    levels = dict(
        Subscription.objects.filter(
            Q(thread=thread) | Q(board_id=thread.board_id), user=user
        ).values_list("thread_id", "level")
    )
    return levels.get(thread.pk) or levels.get(None) or NotificationLevel.NORMAL


def latest_threads(*, user, limit: int = 5) -> QuerySet[Thread]:
    """For the home page: the most recently active threads the person may read."""
    return (
        Thread.objects.filter(board__in=boards_for(user), visible_count__gt=0)
        .select_related("board")
        .order_by("-last_activity_at", "-id")[:limit]
    )


def flag_queue() -> QuerySet[Post]:
    """Posts with flags waiting for review, most flagged first, each with its waiting flags
    (``post.pending``, oldest first, with who flagged); each author's count of agreed flags
    makes those often flagged stand out."""
    agreed = (
        Flag.objects.filter(post__author=OuterRef("author"), outcome=FlagOutcome.AGREED)
        .values("post__author")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return (
        Post.objects.filter(flags__outcome=FlagOutcome.PENDING)
        .select_related("author", "thread__board")
        .annotate(
            pending_flags=Count("flags", filter=Q(flags__outcome=FlagOutcome.PENDING)),
            author_agreed_flags=Coalesce(Subquery(agreed), 0),
        )
        .prefetch_related(
            Prefetch(
                "flags",
                queryset=Flag.objects.filter(outcome=FlagOutcome.PENDING)
                .select_related("flagged_by")
                .order_by("created_at", "pk"),
                to_attr="pending",
            )
        )
        .order_by("-pending_flags", "-id")
    )


def moderation_log(*, thread: Thread | None = None, limit: int = 100) -> list[ModerationAction]:
    """The latest moderation (of one thread, when given), newest first; a move names its two
    boards (``moved_from``, ``moved_to``). Two queries whatever the number of entries."""
    entries = ModerationAction.objects.select_related(
        "moderator", "post__thread", "thread", "undoes"
    ).annotate(undone=Exists(ModerationAction.objects.filter(undoes=OuterRef("pk"))))
    if thread is not None:
        entries = entries.filter(thread=thread)
    entries = list(entries[:limit])
    moved = {
        board_id
        for entry in entries
        if entry.action == ModerationAction.Action.MOVE
        for board_id in (entry.details.get("from"), entry.details.get("to"))
    } - {None}
    boards = Board.objects.in_bulk(moved) if moved else {}
    for entry in entries:
        entry.moved_from = boards.get(entry.details.get("from"))
        entry.moved_to = boards.get(entry.details.get("to"))
    return entries


def post_detail(*, pk: int, user) -> Post | None:
    """One post, when its board is open to the person (None otherwise: a 404)."""
    return (
        Post.objects.select_related("thread__board", "author", "hidden_by")
        .filter(pk=pk, thread__board__in=boards_for(user))
        .first()
    )


def board_notification_level(*, board: Board, user) -> str:
    if not user.is_authenticated:
        return NotificationLevel.NORMAL
    level = (
        Subscription.objects.filter(user=user, board=board).values_list("level", flat=True).first()
    )
    return level or NotificationLevel.NORMAL


def followed_threads_with_news(*, user, period_start, period_end, limit: int) -> list[tuple]:
    """(pk, title, new posts) of the threads a person watches (on the thread, or on its board
    unless the thread says otherwise) and may read, with visible posts others wrote in the
    period; titles and counts only, never a post's text. One query."""
    from core.visibility import user_sees_members_content

    if not user_sees_members_content(user):
        return []
    mine = Subscription.objects.filter(user=user)
    watched = Q(
        pk__in=mine.filter(thread__isnull=False, level=NotificationLevel.WATCHING).values(
            "thread_id"
        )
    ) | (
        Q(
            board__in=mine.filter(board__isnull=False, level=NotificationLevel.WATCHING).values(
                "board_id"
            )
        )
        & ~Q(pk__in=mine.filter(thread__isnull=False).values("thread_id"))
    )
    new_posts = Count(
        "posts",
        filter=Q(
            posts__hidden_at__isnull=True,
            posts__created_at__gte=period_start,
            posts__created_at__lt=period_end,
        )
        & ~Q(posts__author=user),
    )
    return list(
        Thread.objects.filter(watched, board__in=boards_for(user))
        .annotate(new_posts=new_posts)
        .filter(new_posts__gt=0)
        .order_by("-last_activity_at", "-id")
        .values_list("pk", "title", "new_posts")[:limit]
    )
