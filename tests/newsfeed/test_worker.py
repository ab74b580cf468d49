"""Digests through real Celery worker processes on Redis (the `celery_workers` fixture)."""

import email
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from newsfeed.models import DigestDelivery
from newsfeed.services import digests
from newsfeed.tasks import send_digest_batch, start_digest_runs
from tests.accounts.factories import UserFactory
from tests.conftest import wait_for
from tests.newsfeed.factories import news

SEPARATOR = "\n" + "-" * 79 + "\n"


def _mails(mail_dir: Path) -> list[email.message.Message]:
    messages = []
    for path in sorted(mail_dir.glob("*.log")):
        for chunk in path.read_text().split(SEPARATOR):
            if chunk.strip():
                messages.append(email.message_from_string(chunk))
    return messages


def _recipients(mail_dir: Path) -> Counter:
    return Counter(message["To"] for message in _mails(mail_dir))


def _sent() -> int:
    return DigestDelivery.objects.filter(state=DigestDelivery.State.SENT).count()


@pytest.fixture
def last_week_news():
    this_week, _ = digests.period_containing("weekly", timezone.now())
    news(title="Vienna opened a human rights office", published_at=this_week - timedelta(days=3))
    news(title="Forum in Gwangju", published_at=this_week - timedelta(days=2))


def test_digest_run_through_a_real_worker_sends_once_per_subscriber(celery_workers, last_week_news):
    people = [UserFactory(digest_frequency="weekly") for _ in range(6)]
    celery_workers.start()
    start_digest_runs.delay(["weekly"]).get(timeout=60)
    wait_for(lambda: _sent() == 6, message=celery_workers.logs())
    assert _recipients(celery_workers.mail_dir) == Counter({p.email: 1 for p in people})
    body = _mails(celery_workers.mail_dir)[0].get_payload()[0].get_payload(decode=True).decode()
    assert "Vienna opened a human rights office" in body and "Forum in Gwangju" in body

    # The same period again: nothing new.
    assert start_digest_runs.delay(["weekly"]).get(timeout=60) == 0
    assert sum(_recipients(celery_workers.mail_dir).values()) == 6


def test_two_workers_at_once_send_each_digest_once(celery_workers, last_week_news, settings):
    settings.NEWSFEED_DIGEST_BATCH_SIZE = 3
    people = [UserFactory(digest_frequency="weekly") for _ in range(30)]
    celery_workers.start(concurrency=2)
    celery_workers.start(concurrency=2)
    batches = digests.digest_runs_start(frequencies=["weekly"])
    # Every batch is dispatched twice: the workers race for the same rows.
    for batch in batches + batches:
        send_digest_batch.delay(batch)
    wait_for(lambda: _sent() == 30, message=celery_workers.logs())
    wait_for(lambda: sum(_recipients(celery_workers.mail_dir).values()) >= 30)
    assert _recipients(celery_workers.mail_dir) == Counter({p.email: 1 for p in people})


def test_a_worker_stopped_mid_run_is_completed_by_the_next_run(
    celery_workers, last_week_news, settings
):
    settings.NEWSFEED_DIGEST_BATCH_SIZE = 1
    people = [UserFactory(digest_frequency="weekly") for _ in range(80)]
    first = celery_workers.start()
    start_digest_runs(["weekly"])  # opens the run and fans out 80 one-person tasks
    wait_for(lambda: _sent() >= 5, message=celery_workers.logs())
    celery_workers.stop(first)  # stops after the delivery in hand; the rest stay queued
    stopped_at = _sent()
    assert 5 <= stopped_at < 80

    # The next run (beat, an hour later) dispatches what is still pending; a new worker sends it.
    celery_workers.start()
    start_digest_runs(["weekly"])
    wait_for(lambda: _sent() == 80, message=celery_workers.logs())
    wait_for(lambda: sum(_recipients(celery_workers.mail_dir).values()) >= 80)
    assert _recipients(celery_workers.mail_dir) == Counter({p.email: 1 for p in people})
    assert DigestDelivery.objects.exclude(state=DigestDelivery.State.SENT).count() == 0
