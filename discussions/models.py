"""The discussion board: members exchange on practices, challenges and lessons; the secretariat
moderates, in the open (every action logged and undoable)."""

import uuid

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cities.models import FocusArea

TITLE_MAX_LENGTH = 200
POSTS_PER_PAGE = 20


class Board(models.Model):
    """A theme or a working group; optionally restricted to a group (the steering group)."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="boards",
        verbose_name=_("focus area"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    restricted_to = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("only for the group"),
        help_text=_("Leave empty for a board every member can read."),
    )

    class Meta:
        verbose_name = _("board")
        verbose_name_plural = _("boards")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("discussions:board", kwargs={"slug": self.slug})


class Thread(models.Model):
    board = models.ForeignKey(
        Board, on_delete=models.PROTECT, related_name="threads", verbose_name=_("board")
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="discussion_threads",
        verbose_name=_("started by"),
    )
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(_("locked"), default=False)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    last_activity_at = models.DateTimeField(_("last activity"), db_index=True)
    # Kept by the services under the thread's row lock: posts are numbered 1, 2, 3 ... in the
    # thread; counts and unread marks read these instead of counting posts.
    last_number = models.PositiveIntegerField(default=0, editable=False)
    visible_count = models.PositiveIntegerField(_("posts"), default=0, editable=False)
    last_visible_number = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        ordering = ["-pinned", "-last_activity_at", "-id"]
        indexes = [
            models.Index(
                fields=["board", "-pinned", "-last_activity_at", "-id"], name="thread_listing"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_visible_number__lte=F("last_number"))
                & Q(visible_count__lte=F("last_number")),
                name="thread_counts_consistent",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("discussions:thread", kwargs={"pk": self.pk})


class FlagReason(models.TextChoices):
    SPAM = "spam", _("Spam")
    OFFENSIVE = "offensive", _("Offensive or abusive")
    OFF_TOPIC = "off_topic", _("Off-topic")
    PRIVATE_DATA = "private_data", _("Private data")
    OTHER = "other", _("Something else")


class Post(models.Model):
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="posts", verbose_name=_("thread")
    )
    number = models.PositiveIntegerField(_("number in the thread"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="discussion_posts",
        verbose_name=_("author"),
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    hidden_reason = models.CharField(_("why it is hidden"), max_length=300, blank=True)
    # The same form sent twice (a double click) carries the same key: one post.
    submission_key = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["thread", "number"]
        constraints = [
            models.UniqueConstraint(fields=["thread", "number"], name="post_number_once"),
            models.UniqueConstraint(
                fields=["author", "submission_key"], name="post_submitted_once"
            ),
            models.CheckConstraint(condition=~Q(body=""), name="post_not_empty"),
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""),
                name="post_hidden_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.thread} #{self.number}"

    def get_absolute_url(self) -> str:
        page = (self.number - 1) // POSTS_PER_PAGE + 1
        suffix = f"?page={page}" if page > 1 else ""
        return f"{self.thread.get_absolute_url()}{suffix}#post-{self.number}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class FlagOutcome(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    AGREED = "agreed", _("Agreed: post hidden")
    DISAGREED = "disagreed", _("Disagreed: post stays")
    IGNORED = "ignored", _("Ignored")


class Flag(models.Model):
    """A member reports a post to the moderators."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=FlagReason.choices)
    note = models.CharField(_("note for the moderators"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=FlagOutcome.choices, default=FlagOutcome.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["post", "flagged_by"], name="flag_once_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.post}"


class ReadPosition(models.Model):
    """The last post a person has read in a thread."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_positions")
    last_read_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="read_position_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.thread_id} to #{self.last_read_number}"


class BoardRead(models.Model):
    """When a person marked a whole board read: older posts count as read."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="+")
    marked_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "board"], name="board_read_once")]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.board_id} at {self.marked_at:%Y-%m-%d %H:%M}"


class NotificationLevel(models.TextChoices):
    MUTED = "muted", _("Muted: never notify me")
    NORMAL = "normal", _("Normal: only when I am mentioned")
    WATCHING = "watching", _("Watching: every new post")


class Subscription(models.Model):
    """A person's notification level for one thread or one board."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="subscriptions"
    )
    board = models.ForeignKey(
        Board, on_delete=models.CASCADE, null=True, blank=True, related_name="subscriptions"
    )
    level = models.CharField(
        _("notifications"),
        max_length=10,
        choices=NotificationLevel.choices,
        default=NotificationLevel.NORMAL,
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(thread__isnull=True) ^ Q(board__isnull=True),
                name="subscription_to_one_thing",
            ),
            models.UniqueConstraint(
                fields=["user", "thread"],
                condition=Q(thread__isnull=False),
                name="subscription_once_per_thread",
            ),
            models.UniqueConstraint(
                fields=["user", "board"],
                condition=Q(board__isnull=False),
                name="subscription_once_per_board",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.level}"


class ModerationAction(models.Model):
    """Who did what to which post or thread, and why. Append-only: written by the services,
    read-only in the admin; an undo is a new entry pointing at the one it undoes."""

    class Action(models.TextChoices):
        HIDE = "hide", _("Hid a post")
        UNHIDE = "unhide", _("Showed a post again")
        AUTO_HIDE = "auto_hide", _("Hid a post flagged by several members")
        LOCK = "lock", _("Locked a thread")
        UNLOCK = "unlock", _("Unlocked a thread")
        PIN = "pin", _("Pinned a thread")
        UNPIN = "unpin", _("Unpinned a thread")
        MOVE = "move", _("Moved a thread")
        FLAG_AGREE = "flag_agree", _("Agreed with a flag")
        FLAG_DISAGREE = "flag_disagree", _("Disagreed with a flag")
        FLAG_IGNORE = "flag_ignore", _("Ignored a flag")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderator"),
        help_text=_("Empty when the portal acted by itself (several flags)."),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    post = models.ForeignKey(
        Post, on_delete=models.PROTECT, null=True, blank=True, related_name="moderation"
    )
    thread = models.ForeignKey(
        Thread, on_delete=models.PROTECT, null=True, blank=True, related_name="moderation"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    undoes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="undone_by",
        verbose_name=_("undoes"),
    )

    class Meta:
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation log")
        ordering = ["-at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(post__isnull=False) | Q(thread__isnull=False),
                name="moderation_about_something",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.at:%Y-%m-%d})"
