"""E-mails of the board, each in the recipient's language: a mention, a new post in a thread
one watches, and the author's notice that members' flags hid their post. Also the one-click
"unfollow" link those e-mails carry, and the board's section of the news digest.

Who hears of a post follows the notification levels: a person's level on the thread, else
their level on the board, else normal (only mentions). Nobody hears of a post they may not
read, of their own post, or of a hidden post."""

from __future__ import annotations

from dataclasses import dataclass

import rules
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy, ngettext

from core.markdown import render_markdown
from discussions import mentions, selectors
from discussions.models import Flag, FlagOutcome, NotificationLevel, Post, Subscription, Thread
from newsfeed.digest_sections import DigestLine, DigestSection
from newsfeed.services.digests import unsubscribe_max_age

UNFOLLOW_SALT = "discussions.unfollow"
DIGEST_THREAD_LIMIT = 30


# The unfollow link --------------------------------------------------------------------------


def unfollow_token(*, user, thread: Thread) -> str:
    """A signed, timestamped token naming a person and a thread; it works as long as the
    digest's unsubscribe link does (NEWSFEED_UNSUBSCRIBE_MAX_AGE_DAYS)."""
    return signing.dumps({"u": user.pk, "t": thread.pk}, salt=UNFOLLOW_SALT, compress=True)


def unfollow_url(*, user, thread: Thread) -> str:
    token = unfollow_token(user=user, thread=thread)
    return settings.SITE_URL + reverse("discussions:unfollow", kwargs={"token": token})


@dataclass(frozen=True)
class UnfollowLink:
    user: object
    thread: Thread


def unfollow_link_read(*, token: str) -> UnfollowLink:
    """The one check of an unfollow token: signed here, not too old, naming an existing person
    and thread. Raises signing.BadSignature (signing.SignatureExpired for an old link)."""
    data = signing.loads(token, salt=UNFOLLOW_SALT, max_age=unsubscribe_max_age())
    if not isinstance(data, dict):
        raise signing.BadSignature("Not an unfollow token")
    user_id, thread_id = data.get("u"), data.get("t")
    if not isinstance(user_id, int) or not isinstance(thread_id, int):
        raise signing.BadSignature("Not an unfollow token")
    user = get_user_model().objects.filter(pk=user_id).first()
    thread = Thread.objects.select_related("board").filter(pk=thread_id).first()
    if user is None or thread is None:
        raise signing.BadSignature("No such person or thread")
    return UnfollowLink(user=user, thread=thread)


# Sending ------------------------------------------------------------------------------------


def _send(*, person, template: str, context: dict, unfollow: Thread | None = None) -> None:
    """One e-mail with a text and an HTML part, written in the person's language."""
    headers = {"Auto-Submitted": "auto-generated"}
    with translation.override(person.language):
        context = {**context, "person": person, "site_name": settings.SITE_NAME}
        if unfollow is not None:
            context["unfollow_url"] = unfollow_url(user=person, thread=unfollow)
            headers["List-Unsubscribe"] = f"<{context['unfollow_url']}>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        subject = " ".join(
            render_to_string(f"discussions/email/{template}_subject.txt", context).split()
        )
        text = render_to_string(f"discussions/email/{template}.txt", context)
        html = render_to_string(f"discussions/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [person.email], headers=headers
    )
    message.attach_alternative(html, "text/html")
    message.send()


def _levels(thread: Thread) -> dict[int, str]:
    """Each person's level for the thread: their choice on the thread, else on its board."""
    rows = Subscription.objects.filter(Q(thread=thread) | Q(board_id=thread.board_id))
    levels: dict[int, str] = {}
    on_thread: dict[int, str] = {}
    for user_id, thread_id, level in rows.values_list("user_id", "thread_id", "level"):
        (on_thread if thread_id is not None else levels)[user_id] = level
    levels.update(on_thread)
    return levels


def notify_new_post(*, post_id: int) -> None:
    """E-mail the people a new post mentions (unless they muted the thread) and those who
    watch its thread; each once, never its author, only people who may read the thread."""
    post = (
        Post.objects.select_related("thread__board", "author")
        .filter(pk=post_id, hidden_at__isnull=True)
        .first()
    )
    if post is None:  # deleted, or hidden before the mail went out: its text stays in
        return
    thread, author = post.thread, post.author
    levels = _levels(thread)
    mentioned = {
        person.pk
        for person in mentions.mentioned_people(
            post.body, groups_allowed=rules.has_perm("discussions.mention_group", author)
        )
        if levels.get(person.pk) != NotificationLevel.MUTED
    }
    watching = {pk for pk, level in levels.items() if level == NotificationLevel.WATCHING}
    people = (
        get_user_model()
        .objects.filter(pk__in=mentioned | watching, is_active=True)
        .exclude(pk=author.pk)
        .order_by("pk")
    )
    context = {
        "post": post,
        "thread": thread,
        # Never the author's e-mail address; a lazy fallback is written in each one's language.
        "author_name": author.name or gettext_lazy("A member"),
        "post_html": render_markdown(post.body),
        "post_url": settings.SITE_URL + post.get_absolute_url(),
    }
    for person in people:
        if not rules.has_perm("discussions.read_thread", person, thread):
            continue
        template = "mentioned" if person.pk in mentioned else "new_post"
        _send(person=person, template=template, context=context, unfollow=thread)


def tell_author_post_hidden(*, post_id: int) -> None:
    """Tell the author that members' flags hid their post until a moderator reviews it, why,
    and that they may edit it. Nothing when a moderator has acted since (it is shown again, or
    hidden by their decision)."""
    post = (
        Post.objects.select_related("thread__board", "author")
        .filter(pk=post_id, hidden_at__isnull=False, hidden_by__isnull=True)
        .first()
    )
    if post is None or not post.author.is_active:
        return
    reasons = (
        Flag.objects.filter(post=post, outcome=FlagOutcome.PENDING)
        .order_by("reason")
        .values_list("reason", flat=True)
        .distinct()
    )
    _send(
        person=post.author,
        template="post_hidden",
        context={
            "post": post,
            "thread": post.thread,
            # Shown as the labels of the reasons only: the members' notes are for moderators.
            "flag_reasons": [Flag(reason=reason) for reason in reasons],
            "edit_url": settings.SITE_URL
            + reverse("discussions:edit_post", kwargs={"pk": post.pk}),
            "thread_url": settings.SITE_URL + post.get_absolute_url(),
        },
    )


# The digest's section -----------------------------------------------------------------------


def followed_threads_lines(user, period_start, period_end) -> list[DigestLine]:
    """The threads a person watches (on the thread, or on its board unless the thread says
    otherwise) and may read, with the visible posts others wrote in the period: one line per
    thread, titles and counts only. One query."""
    rows = selectors.followed_threads_with_news(
        user=user, period_start=period_start, period_end=period_end, limit=DIGEST_THREAD_LIMIT
    )
    return [
        DigestLine(
            title=title,
            link=reverse("discussions:thread", kwargs={"pk": pk}),
            summary=ngettext("%(count)s new post", "%(count)s new posts", count) % {"count": count},
            count=count,
        )
        for pk, title, count in rows
    ]


DIGEST_SECTION = DigestSection(
    key="discussions.followed_threads",
    heading=gettext_lazy("Discussions you follow"),
    lines=followed_threads_lines,
)
