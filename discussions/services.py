"""Every write to the board: threads, posts, flags, read positions, notification levels, and
moderation (each moderation step is logged, and can be undone)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from core.rules import require_perm
from core.visibility import Visibility
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
from newsfeed.models import NewsKind
from newsfeed.services import publish, withdraw

Action = ModerationAction.Action


def _clean_body(body: str) -> str:
    body = (body or "").replace("\x00", "").strip()
    if not body:
        raise ValidationError({"body": _("Write a message.")}, code="empty")
    limit = settings.PORTAL_DISCUSSION_POST_MAX_LENGTH
    if len(body) > limit:
        raise ValidationError(
            {
                "body": _("A post holds at most %(limit)s characters; this one has %(length)s.")
                % {"limit": limit, "length": len(body)}
            },
            code="too_long",
        )
    return body


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("Give the thread a title.")}, code="empty")
    return title


def _locked_thread(thread: Thread) -> Thread:
    return Thread.objects.select_for_update(of=("self",)).select_related("board").get(pk=thread.pk)


def _locked_post(post: Post) -> Post:
    return (
        Post.objects.select_for_update(of=("self",)).select_related("thread__board").get(pk=post.pk)
    )


def _recount(thread: Thread) -> None:
    """Counts and the last activity from the posts, after one is hidden or shown again."""
    visible = Post.objects.filter(thread=thread, hidden_at__isnull=True)
    stats = visible.aggregate(last=Max("number"), latest=Max("created_at"))
    thread.visible_count = visible.count()
    thread.last_visible_number = stats["last"] or 0
    thread.last_activity_at = stats["latest"] or thread.created_at
    thread.save(update_fields=["visible_count", "last_visible_number", "last_activity_at"])


def _add_post(thread: Thread, *, by, body: str, submission_key) -> Post:
    now = timezone.now()
    thread.last_number += 1
    post = Post(
        thread=thread,
        number=thread.last_number,
        author=by,
        body=body,
        submission_key=submission_key or uuid.uuid4(),
    )
    post.full_clean(exclude=["thread"], validate_constraints=False)
    post.save()
    thread.visible_count += 1
    thread.last_visible_number = post.number
    thread.last_activity_at = now
    thread.save(
        update_fields=["last_number", "visible_count", "last_visible_number", "last_activity_at"]
    )
    _read_up_to(thread, user=by, number=post.number)
    return post


def _already_sent(*, by, submission_key) -> Post | None:
    if submission_key is None:
        return None
    return (
        Post.objects.select_related("thread")
        .filter(author=by, submission_key=submission_key)
        .first()
    )


def _watch_if_asked(thread: Thread, *, user) -> None:
    if settings.PORTAL_DISCUSSION_WATCH_ON_REPLY:
        Subscription.objects.get_or_create(
            user=user, thread=thread, defaults={"level": NotificationLevel.WATCHING}
        )


def _notify(post: Post) -> None:
    from discussions.tasks import notify_new_post

    notify_new_post.delay_on_commit(post.pk)


def _announce(thread: Thread, *, by) -> None:
    """A members-only news item for a thread on an open board; none on a board restricted to
    a group (its title is not for every member)."""
    board = thread.board
    if board.restricted_to_id is not None:
        withdraw(about=thread)
        return
    publish(
        kind=NewsKind.DISCUSSION,
        title=thread.title,
        about=thread,
        # Never the post's text: a post hidden later must not live on in the news.
        summary=_("A new discussion on the board “%(board)s”.") % {"board": board.name},
        link=thread.get_absolute_url(),
        actor=thread.author,
        visibility=Visibility.MEMBERS,
        focus_areas=[board.focus_area] if board.focus_area_id else [],
    )


def thread_start(*, board: Board, by, title: str, body: str, submission_key=None) -> Thread:
    """A new thread and its first post; members hear of it in the newsfeed (members only)."""
    require_perm(
        by, "discussions.start_thread", board, message=_("You may not write on this board.")
    )
    title, body = _clean_title(title), _clean_body(body)
    earlier = _already_sent(by=by, submission_key=submission_key)
    if earlier is not None and earlier.number == 1:
        return earlier.thread
    try:
        with transaction.atomic():
            thread = Thread(board=board, title=title, author=by, last_activity_at=timezone.now())
            thread.full_clean(exclude=["last_activity_at"])
            thread.save()
            post = _add_post(thread, by=by, body=body, submission_key=submission_key)
            Subscription.objects.get_or_create(
                user=by, thread=thread, defaults={"level": NotificationLevel.WATCHING}
            )
            _announce(thread, by=by)
            _notify(post)
    except IntegrityError:
        # The same form, sent twice at the same moment: the other request made the thread.
        earlier = _already_sent(by=by, submission_key=submission_key)
        if earlier is None:
            raise
        return earlier.thread
    return thread


def post_reply(*, thread: Thread, by, body: str, submission_key=None) -> tuple[Post, bool]:
    """Reply to a thread. Returns the post and whether it is new: the same form sent twice (a
    double click) gives the first post back."""
    body = _clean_body(body)
    earlier = _already_sent(by=by, submission_key=submission_key)
    if earlier is not None:
        return earlier, False
    try:
        with transaction.atomic():
            thread = _locked_thread(thread)
            # Checked on the locked row: a thread locked a moment ago takes no reply.
            require_perm(
                by,
                "discussions.reply",
                thread,
                message=_("This thread is locked: it takes no more replies."),
            )
            earlier = _already_sent(by=by, submission_key=submission_key)
            if earlier is not None:
                return earlier, False
            post = _add_post(thread, by=by, body=body, submission_key=submission_key)
            _watch_if_asked(thread, user=by)
            _notify(post)
    except IntegrityError:
        earlier = _already_sent(by=by, submission_key=submission_key)
        if earlier is None:
            raise
        return earlier, False
    return post, True


def post_edit(*, post: Post, by, body: str) -> Post:
    body = _clean_body(body)
    with transaction.atomic():
        post = _locked_post(post)
        require_perm(
            by,
            "discussions.edit_post",
            post,
            message=_("You can edit your own posts only, within %(minutes)s minutes.")
            % {"minutes": settings.PORTAL_DISCUSSION_EDIT_MINUTES},
        )
        if body != post.body:
            post.body = body
            post.edited_at = timezone.now()
            post.save(update_fields=["body", "edited_at"])
    return post


# Moderation -----------------------------------------------------------------------------------


def _require_moderator(by) -> None:
    require_perm(by, "discussions.moderate", message=_("Only moderators may do this."))


def _log(*, by, action: str, post=None, thread=None, reason="", details=None, undoes=None):
    return ModerationAction.objects.create(
        moderator=by,
        action=action,
        post=post,
        thread=thread if thread is not None else (post.thread if post is not None else None),
        reason=reason[:300],
        details=details or {},
        undoes=undoes,
    )


def _hide(post: Post, *, by, reason: str) -> None:
    post.hidden_at = timezone.now()
    post.hidden_by = by
    post.hidden_reason = reason[:300]
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    _recount(_locked_thread(post.thread))


def _unhide(post: Post) -> None:
    post.hidden_at = None
    post.hidden_by = None
    post.hidden_reason = ""
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    _recount(_locked_thread(post.thread))


def post_hide(*, post: Post, by, reason: str, undoes=None) -> ModerationAction | None:
    _require_moderator(by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the post is hidden: its author sees it.")})
    with transaction.atomic():
        post = _locked_post(post)
        if post.is_hidden:
            return None
        _hide(post, by=by, reason=reason)
        return _log(by=by, action=Action.HIDE, post=post, reason=reason, undoes=undoes)


def post_unhide(*, post: Post, by, reason: str = "", undoes=None) -> ModerationAction | None:
    _require_moderator(by)
    with transaction.atomic():
        post = _locked_post(post)
        if not post.is_hidden:
            return None
        previous = {"reason": post.hidden_reason}
        _unhide(post)
        return _log(
            by=by, action=Action.UNHIDE, post=post, reason=reason, details=previous, undoes=undoes
        )


def _thread_flag(
    thread: Thread, *, by, field: str, value: bool, action: str, reason="", undoes=None
):
    _require_moderator(by)
    with transaction.atomic():
        thread = _locked_thread(thread)
        if getattr(thread, field) == value:
            return None
        setattr(thread, field, value)
        thread.save(update_fields=[field])
        return _log(by=by, action=action, thread=thread, reason=reason, undoes=undoes)


def thread_lock(*, thread, by, reason="", undoes=None):
    return _thread_flag(
        thread, by=by, field="locked", value=True, action=Action.LOCK, reason=reason, undoes=undoes
    )


def thread_unlock(*, thread, by, reason="", undoes=None):
    return _thread_flag(
        thread,
        by=by,
        field="locked",
        value=False,
        action=Action.UNLOCK,
        reason=reason,
        undoes=undoes,
    )


def thread_pin(*, thread, by, reason="", undoes=None):
    return _thread_flag(
        thread, by=by, field="pinned", value=True, action=Action.PIN, reason=reason, undoes=undoes
    )


def thread_unpin(*, thread, by, reason="", undoes=None):
    return _thread_flag(
        thread,
        by=by,
        field="pinned",
        value=False,
        action=Action.UNPIN,
        reason=reason,
        undoes=undoes,
    )


def thread_move(*, thread: Thread, to: Board, by, reason="", undoes=None):
    _require_moderator(by)
    with transaction.atomic():
        thread = _locked_thread(thread)
        if thread.board_id == to.pk:
            return None
        details = {"from": thread.board_id, "to": to.pk}
        thread.board = to
        thread.save(update_fields=["board"])
        _announce(thread, by=by)
        return _log(
            by=by, action=Action.MOVE, thread=thread, reason=reason, details=details, undoes=undoes
        )


def flag_create(*, post: Post, by, reason: str, note: str = "") -> Flag:
    """Report a post. Once enough different members have flagged it, it is hidden until a
    moderator reviews it, and its author is told why."""
    with transaction.atomic():
        post = _locked_post(post)
        require_perm(by, "discussions.flag_post", post, message=_("You may not flag this post."))
        if Flag.objects.filter(post=post, flagged_by=by).exists():
            raise ValidationError(_("You have already flagged this post."), code="flagged_twice")
        flag = Flag(post=post, flagged_by=by, reason=reason, note=(note or "").strip())
        flag.full_clean(exclude=["post", "flagged_by"], validate_constraints=False)
        flag.save()
        pending = Flag.objects.filter(post=post, outcome=FlagOutcome.PENDING).count()
        if not post.is_hidden and pending >= settings.PORTAL_DISCUSSION_AUTO_HIDE_FLAGS:
            why = _("Hidden until a moderator looks: several members flagged it.")
            _hide(post, by=None, reason=why)
            _log(
                by=None, action=Action.AUTO_HIDE, post=post, reason=why, details={"flags": pending}
            )
            from discussions.tasks import tell_author_post_hidden

            tell_author_post_hidden.delay_on_commit(post.pk)
    return flag


def flag_review(*, flag: Flag, by, outcome: str, reason: str = "") -> ModerationAction:
    """Agree (the post is hidden), disagree (it stays, or shows again) or ignore; the post's
    other waiting flags get the same outcome."""
    _require_moderator(by)
    if outcome not in (FlagOutcome.AGREED, FlagOutcome.DISAGREED, FlagOutcome.IGNORED):
        raise ValidationError(_("Choose agree, disagree or ignore."))
    with transaction.atomic():
        post = _locked_post(flag.post)
        flag = Flag.objects.select_for_update().get(pk=flag.pk)
        if flag.outcome != FlagOutcome.PENDING:
            raise ValidationError(_("This flag has already been reviewed."), code="reviewed")
        flags = list(
            Flag.objects.select_for_update()
            .filter(post=post, outcome=FlagOutcome.PENDING)
            .values_list("pk", flat=True)
        )
        details = {
            "flags": flags,
            "was_hidden": post.is_hidden,
            "hidden_reason": post.hidden_reason,
            "hidden_by": post.hidden_by_id,
        }
        if outcome == FlagOutcome.AGREED and not post.is_hidden:
            _hide(post, by=by, reason=reason or flag.get_reason_display())
        elif outcome == FlagOutcome.AGREED and post.hidden_by_id is None:
            # Hidden by the flags; now a moderator's decision.
            post.hidden_by = by
            post.save(update_fields=["hidden_by"])
        elif outcome == FlagOutcome.DISAGREED and post.is_hidden and post.hidden_by_id is None:
            _unhide(post)
        Flag.objects.filter(pk__in=flags).update(
            outcome=outcome, reviewed_by=by, reviewed_at=timezone.now()
        )
        action = {
            FlagOutcome.AGREED: Action.FLAG_AGREE,
            FlagOutcome.DISAGREED: Action.FLAG_DISAGREE,
            FlagOutcome.IGNORED: Action.FLAG_IGNORE,
        }[outcome]
        return _log(by=by, action=action, post=post, reason=reason, details=details)


def moderation_undo(*, action: ModerationAction, by, reason: str = "") -> ModerationAction:
    """Undo one logged action by doing its opposite, logged as a new entry that points at it."""
    _require_moderator(by)
    with transaction.atomic():
        action = ModerationAction.objects.select_for_update().get(pk=action.pk)
        if ModerationAction.objects.filter(undoes=action).exists() or action.undoes_id:
            raise ValidationError(_("This action has already been undone, or is an undo."))
        reason = reason or _("Undone")
        done = None
        if action.action in (Action.HIDE, Action.AUTO_HIDE):
            done = post_unhide(post=action.post, by=by, reason=reason, undoes=action)
        elif action.action == Action.UNHIDE:
            done = post_hide(
                post=action.post,
                by=by,
                undoes=action,
                reason=action.details.get("reason") or reason,
            )
        elif action.action == Action.LOCK:
            done = thread_unlock(thread=action.thread, by=by, reason=reason, undoes=action)
        elif action.action == Action.UNLOCK:
            done = thread_lock(thread=action.thread, by=by, reason=reason, undoes=action)
        elif action.action == Action.PIN:
            done = thread_unpin(thread=action.thread, by=by, reason=reason, undoes=action)
        elif action.action == Action.UNPIN:
            done = thread_pin(thread=action.thread, by=by, reason=reason, undoes=action)
        elif action.action == Action.MOVE:
            back = Board.objects.filter(pk=action.details.get("from")).first()
            if back is None:
                raise ValidationError(_("The board this thread came from no longer exists."))
            done = thread_move(thread=action.thread, to=back, by=by, reason=reason, undoes=action)
        else:
            done = _undo_review(action, by=by, reason=reason)
        if done is None:
            raise ValidationError(_("Nothing to undo: things have changed since."))
    return done


def _undo_review(action: ModerationAction, *, by, reason: str) -> ModerationAction:
    """The flags wait for review again, and the post is as it was before the review."""
    post = _locked_post(action.post)
    details = action.details
    Flag.objects.filter(pk__in=details.get("flags", [])).update(
        outcome=FlagOutcome.PENDING, reviewed_by=None, reviewed_at=None
    )
    if details.get("was_hidden") and not post.is_hidden:
        post.hidden_at = timezone.now()
        post.hidden_reason = details.get("hidden_reason") or reason
        post.hidden_by_id = details.get("hidden_by")
        post.save(update_fields=["hidden_at", "hidden_reason", "hidden_by"])
        _recount(_locked_thread(post.thread))
    elif details.get("was_hidden"):
        post.hidden_by_id = details.get("hidden_by")
        post.save(update_fields=["hidden_by"])
    elif not details.get("was_hidden") and post.is_hidden:
        _unhide(post)
    return _log(
        by=by, action=action.action, post=post, reason=reason, undoes=action, details={"undo": True}
    )


# Reading and following --------------------------------------------------------------------


def _read_up_to(thread: Thread, *, user, number: int) -> None:
    """Remember the last post read; never moves backwards (an old tab cannot unread)."""
    ReadPosition.objects.bulk_create(
        [ReadPosition(user=user, thread=thread, last_read_number=number)],
        update_conflicts=True,
        unique_fields=["user", "thread"],
        update_fields=["last_read_number"],
    )
    ReadPosition.objects.filter(user=user, thread=thread, last_read_number__lt=number).update(
        last_read_number=Greatest("last_read_number", number)
    )


def thread_mark_read(*, thread: Thread, user, number: int) -> None:
    if not user.is_authenticated or number <= 0:
        return
    last = Thread.objects.filter(pk=thread.pk).values_list("last_number", flat=True).first()
    number = min(number, last or 0)
    updated = ReadPosition.objects.filter(
        user=user, thread=thread, last_read_number__lt=number
    ).update(last_read_number=number)
    if not updated and not ReadPosition.objects.filter(user=user, thread=thread).exists():
        ReadPosition.objects.bulk_create(
            [ReadPosition(user=user, thread=thread, last_read_number=number)],
            ignore_conflicts=True,
        )


def board_mark_read(*, board: Board, user) -> None:
    BoardRead.objects.update_or_create(
        user=user, board=board, defaults={"marked_at": timezone.now()}
    )


def subscription_set(
    *, user, level: str, thread: Thread | None = None, board: Board | None = None
) -> Subscription:
    if level not in NotificationLevel.values:
        raise ValidationError(_("Choose muted, normal or watching."))
    target = {"thread": thread} if thread is not None else {"board": board}
    subscription, _created = Subscription.objects.update_or_create(
        user=user, **target, defaults={"level": level}
    )
    return subscription
