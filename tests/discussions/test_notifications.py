"""E-mails of the board (mentions, watched threads, hidden posts), the one-click unfollow link,
and the board's section of the news digest."""

import email
import email.header
import time
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.groups import STEERING_GROUP
from discussions import mentions, notifications, services
from discussions.models import NotificationLevel, Post, Subscription
from newsfeed.models import DigestDelivery
from newsfeed.services import digests
from tests.accounts.factories import (
    PendingUserFactory,
    SecretariatFactory,
    SteeringGroupFactory,
    UserFactory,
)
from tests.conftest import wait_for
from tests.discussions.factories import BoardFactory, reply, start_thread

SITE = "http://127.0.0.1:8000"


@pytest.fixture
def posting(django_capture_on_commit_callbacks):
    """Write through the services and run what they start after commit (the e-mails)."""

    def _do(write, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return write(*args, **kwargs)

    return _do


def _sent_to(person) -> list:
    return [message for message in mail.outbox if message.to == [person.email]]


def _unfollow_path(message) -> str:
    return message.extra_headers["List-Unsubscribe"].strip("<>").removeprefix(SITE)


# Mentions and watchers ----------------------------------------------------------------------


@pytest.mark.django_db
def test_mention_emails_the_mentioned_member_with_the_link_and_one_click_headers(posting):
    ana = UserFactory(name="Ana Garcia", language="en")
    thread = posting(start_thread, title="Local observatories")
    mail.outbox.clear()

    post = posting(
        reply, thread, by=UserFactory(name="Omar Haddad"), body="What does @ana-garcia think?"
    )

    (message,) = _sent_to(ana)
    assert message.subject == "Omar Haddad mentioned you in “Local observatories”"
    assert "What does @ana-garcia think?" in message.body
    post_url = f"{SITE}/discussions/threads/{thread.pk}/#post-{post.number}"
    assert post_url in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<p>What does @ana-garcia think?</p>" in html
    assert f'href="{post_url}"' in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith(f"<{SITE}/discussions/unfollow/")
    assert message.extra_headers["List-Unsubscribe"][1:-1] in message.body


@pytest.mark.django_db
def test_mention_is_written_in_the_language_of_a_french_member(posting):
    chloe = UserFactory(name="Chloé Martin", language="fr")
    thread = posting(start_thread, title="Observatoires locaux")
    mail.outbox.clear()

    posting(reply, thread, body="@chloe-martin, votre avis ?")

    (message,) = _sent_to(chloe)
    assert message.body.startswith("Bonjour Chloé,")
    assert "Observatoires locaux" in message.subject
    assert '<html lang="fr">' in message.alternatives[0][0]


@pytest.mark.django_db
def test_post_html_part_is_sanitised_markdown_and_text_part_plain(posting):
    ana = UserFactory(name="Ana Garcia")
    thread = posting(start_thread)

    posting(reply, thread, body="**Hello** @ana-garcia <script>alert(1)</script>")

    (message,) = _sent_to(ana)
    assert "**Hello** @ana-garcia <script>alert(1)</script>" in message.body
    html = message.alternatives[0][0]
    assert "<strong>Hello</strong>" in html
    assert "<script>" not in html


@pytest.mark.django_db
def test_watcher_gets_a_reply_email_and_the_author_none(posting):
    starter = UserFactory(name="Ana Garcia")  # watches the thread she started
    thread = posting(start_thread, by=starter, title="Housing first")
    mail.outbox.clear()
    replier = UserFactory(name="Omar Haddad")

    posting(reply, thread, by=replier, body="In Vienna we ...")

    assert [message.to for message in mail.outbox] == [[starter.email]]
    assert mail.outbox[0].subject == "New reply in “Housing first”"
    assert "Omar Haddad replied in “Housing first”" in mail.outbox[0].body

    # Omar now watches too (replying watches): Ana's answer goes to him, not to her.
    mail.outbox.clear()
    posting(reply, thread, by=starter, body="Thank you")
    assert [message.to for message in mail.outbox] == [[replier.email]]


@pytest.mark.django_db
def test_board_watcher_hears_of_a_new_thread_and_its_replies(posting):
    board = BoardFactory()
    watcher = UserFactory()
    services.subscription_set(user=watcher, board=board, level=NotificationLevel.WATCHING)

    thread = posting(start_thread, board, title="Water and sanitation")
    posting(reply, thread)

    assert [message.subject for message in _sent_to(watcher)] == [
        "New discussion: Water and sanitation",
        "New reply in “Water and sanitation”",
    ]


@pytest.mark.django_db
def test_someone_both_mentioned_and_watching_gets_one_email(posting):
    starter = UserFactory(name="Ana Garcia")
    thread = posting(start_thread, by=starter, title="Housing first")
    mail.outbox.clear()

    posting(reply, thread, by=UserFactory(name="Omar Haddad"), body="@ana-garcia, over to you")

    assert [message.subject for message in mail.outbox] == [
        "Omar Haddad mentioned you in “Housing first”"
    ]


@pytest.mark.django_db
def test_muted_thread_sends_nothing_even_for_a_mention(posting):
    starter = UserFactory(name="Ana Garcia")
    thread = posting(start_thread, by=starter)
    services.subscription_set(user=starter, thread=thread, level=NotificationLevel.MUTED)
    mail.outbox.clear()

    posting(reply, thread, body="@ana-garcia?")

    assert mail.outbox == []


@pytest.mark.django_db
def test_muted_board_silences_mentions_unless_the_thread_says_otherwise(posting):
    board = BoardFactory()
    ana = UserFactory(name="Ana Garcia")
    services.subscription_set(user=ana, board=board, level=NotificationLevel.MUTED)
    quiet = posting(start_thread, board, title="Quiet")
    followed = posting(start_thread, board, title="Followed")
    services.subscription_set(user=ana, thread=followed, level=NotificationLevel.NORMAL)
    omar = UserFactory(name="Omar Haddad")

    posting(reply, quiet, by=omar, body="@ana-garcia?")
    posting(reply, followed, by=omar, body="@ana-garcia!")

    assert [message.subject for message in _sent_to(ana)] == [
        "Omar Haddad mentioned you in “Followed”"
    ]


@pytest.mark.django_db
def test_hidden_post_sends_nothing(posting):
    UserFactory(name="Ana Garcia")
    thread = posting(start_thread)
    mail.outbox.clear()
    post = reply(thread, body="@ana-garcia, a secret")  # its e-mail has not gone out yet
    services.post_hide(post=post, by=SecretariatFactory(), reason="Private data")

    notifications.notify_new_post(post_id=post.pk)
    notifications.notify_new_post(post_id=0)  # gone altogether

    assert mail.outbox == []


@pytest.mark.django_db
def test_member_outside_a_restricted_board_is_not_emailed_even_if_mentioned(posting):
    board = BoardFactory(restricted_to=Group.objects.get(name=STEERING_GROUP))
    outsider = UserFactory(name="Ana Garcia")
    insider = SteeringGroupFactory(name="Lee Min")
    services.subscription_set(user=outsider, board=board, level=NotificationLevel.WATCHING)
    thread = posting(start_thread, board, by=SteeringGroupFactory())
    mail.outbox.clear()

    posting(reply, thread, by=SteeringGroupFactory(), body="@ana-garcia and @lee-min")

    assert _sent_to(outsider) == []
    assert len(_sent_to(insider)) == 1


@pytest.mark.django_db
def test_group_mention_by_a_member_notifies_nobody_of_the_group(posting):
    members = [SteeringGroupFactory(), SteeringGroupFactory()]
    thread = posting(start_thread)

    posting(reply, thread, by=UserFactory(), body="Dear @steering-group, please decide")

    assert [_sent_to(member) for member in members] == [[], []]


@pytest.mark.django_db
def test_group_mention_by_the_secretariat_notifies_the_group(posting):
    members = [SteeringGroupFactory(), SteeringGroupFactory()]
    thread = posting(start_thread)

    posting(reply, thread, by=SecretariatFactory(), body="Dear @steering-group, please decide")

    assert [len(_sent_to(member)) for member in members] == [1, 1]
    assert "mentioned you in" in _sent_to(members[0])[0].subject


@pytest.mark.django_db
def test_pending_or_inactive_watchers_get_nothing(posting):
    board = BoardFactory()
    people = [UserFactory(is_active=False), PendingUserFactory()]
    for person in people:
        services.subscription_set(user=person, board=board, level=NotificationLevel.WATCHING)
    posting(reply, posting(start_thread, board))
    assert [_sent_to(person) for person in people] == [[], []]


@pytest.mark.django_db
def test_author_of_a_post_hidden_by_flags_is_told_why_and_may_edit(posting, settings):
    settings.PORTAL_DISCUSSION_AUTO_HIDE_FLAGS = 2
    author = UserFactory(name="Ana Garcia", language="en")
    thread = posting(start_thread, title="Housing first")
    post = posting(reply, thread, by=author, body="Buy my product")
    mail.outbox.clear()

    posting(services.flag_create, post=post, by=UserFactory(), reason="spam", note="Seller")
    assert mail.outbox == []
    posting(services.flag_create, post=post, by=UserFactory(), reason="off_topic")

    assert [message.to for message in mail.outbox] == [[author.email]]
    message = mail.outbox[0]
    assert message.subject == "Your post in “Housing first” is hidden for review"
    assert "Hidden until a moderator looks: several members flagged it." in message.body
    assert "The members' reasons: Off-topic, Spam" in message.body
    assert f"{SITE}/discussions/posts/{post.pk}/edit/" in message.body
    assert "Seller" not in message.body  # the notes are for the moderators
    assert f'href="{SITE}/discussions/posts/{post.pk}/edit/"' in message.alternatives[0][0]


@pytest.mark.django_db
def test_no_hidden_notice_for_a_visible_post_or_one_a_moderator_hid():
    post = reply(start_thread())
    notifications.tell_author_post_hidden(post_id=post.pk)
    services.post_hide(post=post, by=SecretariatFactory(), reason="Off-topic")
    notifications.tell_author_post_hidden(post_id=post.pk)
    assert mail.outbox == []


# The unfollow link --------------------------------------------------------------------------


@pytest.mark.django_db
def test_unfollow_link_mutes_the_thread_without_login_then_no_more_emails(client, posting):
    starter = UserFactory()
    thread = posting(start_thread, by=starter, title="Housing first")
    posting(reply, thread)
    path = _unfollow_path(mail.outbox[-1])

    page = client.get(path)
    assert page.status_code == 200
    assert "Stop e-mails about this discussion" in page.content.decode()
    assert Subscription.objects.get(user=starter, thread=thread).level == "watching"

    done = client.post(path)
    assert "No more e-mails about this discussion" in done.content.decode()
    assert Subscription.objects.get(user=starter, thread=thread).level == "muted"
    assert "This discussion is already muted" in client.get(path).content.decode()

    mail.outbox.clear()
    posting(reply, thread, body="@" + mentions.handle_of(starter))
    assert _sent_to(starter) == []


@pytest.mark.django_db
def test_one_click_unfollow_post_from_a_mail_client(posting):
    starter = UserFactory()
    thread = posting(start_thread, by=starter)
    posting(reply, thread)
    client = Client(enforce_csrf_checks=True)

    response = client.post(_unfollow_path(mail.outbox[-1]), {"List-Unsubscribe": "One-Click"})

    assert (response.status_code, response.content) == (200, b"")
    assert Subscription.objects.get(user=starter, thread=thread).level == "muted"


@pytest.mark.django_db
def test_tampered_unfollow_link_gets_a_clear_400_page(client):
    thread = start_thread()
    token = notifications.unfollow_token(user=thread.author, thread=thread)

    for bad in [token[:-4] + "AAAA", "nonsense"]:
        response = client.post(f"/discussions/unfollow/{bad}/")
        assert response.status_code == 400
        assert "This link to stop e-mails is not valid" in response.content.decode()
    assert Subscription.objects.get(user=thread.author, thread=thread).level == "watching"


@pytest.mark.django_db
def test_expired_unfollow_link_gets_a_400_page_in_the_visitors_language(client):
    thread = start_thread()
    issued = time.time() - (digests.unsubscribe_max_age().days + 1) * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=issued):
        token = notifications.unfollow_token(user=thread.author, thread=thread)

    response = client.get(f"/discussions/unfollow/{token}/")
    assert response.status_code == 400
    assert "This link to stop e-mails is not valid" in response.content.decode()
    french = client.get(f"/discussions/unfollow/{token}/", headers={"accept-language": "fr"})
    assert (french.status_code, french["Content-Language"]) == (400, "fr")
    assert Subscription.objects.get(user=thread.author, thread=thread).level == "watching"


@pytest.mark.django_db
def test_unfollow_token_of_another_salt_is_refused(client):
    thread = start_thread()
    token = digests.unsubscribe_token(user=thread.author, frequency="weekly")
    assert client.post(f"/discussions/unfollow/{token}/").status_code == 400


# The digest ---------------------------------------------------------------------------------


def _this_weeks_digest(user):
    """Send ``user`` the digest of the current week (its posts are all "now")."""
    start, end = digests.period_containing("weekly", timezone.now())
    run = digests.digest_run_open(frequency="weekly", period_start=start, period_end=end)
    delivery = DigestDelivery.objects.get(run=run, user=user)
    digests.digest_deliver_batch(delivery_ids=[delivery.pk])
    delivery.refresh_from_db()
    return delivery


@pytest.mark.django_db
def test_digest_lists_watched_threads_with_counts_and_never_hidden_text():
    reader = UserFactory(digest_frequency="weekly")
    board = BoardFactory()
    watched = start_thread(board, title="Housing first", body="Opening words")
    other = start_thread(board, title="Not followed")
    services.subscription_set(user=reader, thread=watched, level=NotificationLevel.WATCHING)
    reply(watched, body="First answer")
    reply(watched, by=reader, body="My own answer")
    hidden = reply(watched, body="A SECRET phone number")
    services.post_hide(post=hidden, by=SecretariatFactory(), reason="Private data")
    reply(other)

    delivery = _this_weeks_digest(reader)

    message = _sent_to(reader)[0]
    section = message.body.split("== Discussions you follow ==\n")[1].split("\n--\n")[0]
    # Two posts by others are visible: the opening one and the first answer.
    assert (
        section == f"\n* Housing first — 2 new posts\n  {SITE}/discussions/threads/{watched.pk}/\n"
    )
    for part in (message.body, message.alternatives[0][0]):
        assert "SECRET" not in part and "First answer" not in part
    assert f'href="{SITE}/discussions/threads/{watched.pk}/"' in message.alternatives[0][0]
    assert delivery.state == "sent"


@pytest.mark.django_db
def test_digest_follows_board_watching_unless_the_thread_is_muted():
    reader = UserFactory()
    board = BoardFactory()
    services.subscription_set(user=reader, board=board, level=NotificationLevel.WATCHING)
    followed, muted = start_thread(board, title="Followed"), start_thread(board, title="Muted")
    services.subscription_set(user=reader, thread=muted, level=NotificationLevel.MUTED)
    start, end = digests.period_containing("weekly", timezone.now())

    lines = notifications.followed_threads_lines(reader, start, end)

    assert [(line.title, line.summary, line.count) for line in lines] == [
        ("Followed", "1 new post", 1)
    ]
    assert lines[0].link == followed.get_absolute_url()
    assert notifications.followed_threads_lines(reader, end, end + timedelta(weeks=1)) == []


@pytest.mark.django_db
def test_digest_leaves_out_watched_threads_of_a_board_one_may_no_longer_read():
    board = BoardFactory(restricted_to=Group.objects.get(name=STEERING_GROUP))
    reader = SteeringGroupFactory()
    services.subscription_set(user=reader, board=board, level=NotificationLevel.WATCHING)
    start_thread(board, by=SteeringGroupFactory())
    start, end = digests.period_containing("weekly", timezone.now())
    assert len(notifications.followed_threads_lines(reader, start, end)) == 1

    reader.groups.clear()
    reader = type(reader).objects.get(pk=reader.pk)
    assert notifications.followed_threads_lines(reader, start, end) == []


@pytest.mark.parametrize("threads", [1, 4])
@pytest.mark.django_db
def test_digest_section_takes_one_query_whatever_the_number_of_threads(
    threads, django_assert_num_queries
):
    reader = UserFactory()
    board = BoardFactory()
    services.subscription_set(user=reader, board=board, level=NotificationLevel.WATCHING)
    for _ in range(threads):
        reply(start_thread(board))
    reader = type(reader).objects.get(pk=reader.pk)
    start, end = digests.period_containing("weekly", timezone.now())

    with django_assert_num_queries(1):
        lines = notifications.followed_threads_lines(reader, start, end)

    assert [line.count for line in lines] == [2] * threads


# Through a real Celery worker -------------------------------------------------------------


def _mails(mail_dir: Path) -> list[email.message.Message]:
    separator = "\n" + "-" * 79 + "\n"
    return [
        email.message_from_string(chunk)
        for path in sorted(mail_dir.glob("*.log"))
        for chunk in path.read_text().split(separator)
        if chunk.strip()
    ]


def test_reply_with_a_mention_is_emailed_by_a_real_worker(celery_workers):
    ana = UserFactory(name="Ana Garcia")
    thread = start_thread(title="Local observatories")
    celery_workers.start()

    reply(thread, by=thread.author, body="What does @ana-garcia think?")

    mails = wait_for(
        lambda: _mails(celery_workers.mail_dir), timeout=60, message=celery_workers.logs()
    )
    assert [message["To"] for message in mails] == [ana.email]
    subject = str(email.header.make_header(email.header.decode_header(mails[0]["Subject"])))
    assert subject == f"{thread.author.name} mentioned you in “Local observatories”"
    assert mails[0]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Post.objects.filter(thread=thread).count() == 2
