"""A weekly digest run for 5,000 subscribers over 50,000 news items, delivered by a real Celery
worker process (locmem e-mail backend), plus the news pages."""

import os
import subprocess
import sys
import time
import uuid
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from core.visibility import Visibility
from newsfeed.models import DigestDelivery, NewsItem, NewsKind
from newsfeed.services import digests
from newsfeed.tasks import send_digest_batch

SUBSCRIBERS = 5000
ITEMS = 50_000


def _generate():
    now = timezone.now()
    users = User.objects.bulk_create(
        User(
            email=f"subscriber{n}@example.org",
            name=f"Subscriber {n}",
            is_approved=True,
            approved_at=now,
            digest_frequency="weekly",
            language=("en", "fr", "es")[n % 3],
            time_zone=("UTC", "Europe/Paris", "Asia/Seoul")[n % 3],
        )
        for n in range(SUBSCRIBERS)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users
    )
    this_week, _ = digests.period_containing("weekly", now)
    kinds = NewsKind.values
    # Four weeks of news, a quarter of it in the week the digest covers.
    NewsItem.objects.bulk_create(
        (
            NewsItem(
                kind=kinds[n % len(kinds)],
                title=f"News item {n}",
                summary="Something happened in a human rights city.",
                link=f"/news/#{n}",
                visibility=Visibility.MEMBERS if n % 5 == 0 else Visibility.PUBLIC,
                published_at=this_week - timedelta(minutes=40 * (n % 1008) + 1, weeks=n % 4),
            )
            for n in range(ITEMS)
        ),
        batch_size=5000,
    )


def _worker_env():
    from tests.conftest import database_url_for_worker

    queue = f"bench-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url_for_worker(),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CELERY_TASK_DEFAULT_QUEUE": queue,
    }
    return env, queue


def run(harness):
    from config.celery import app

    _generate()
    harness.analyze()
    harness.page("news page, 50,000 items", "/news/", target="fixed queries")
    harness.page("Atom feed", "/news/feed/")

    # Queries per digest, measured in this process on ten deliveries of a scratch period.
    env, queue = _worker_env()
    start = time.perf_counter()
    batches = digests.digest_runs_start(frequencies=["weekly"])
    plan_seconds = time.perf_counter() - start
    sample = batches[0][:10]
    with CaptureQueriesContext(connection) as queries:
        digests.digest_deliver_batch(delivery_ids=sample)
    per_digest = len(queries) / len(sample)

    app.conf.update(task_always_eager=False, task_default_queue=queue)
    log = open(settings.VAR_DIR / "bench-worker.log", "w")  # noqa: SIM115
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--loglevel", "WARNING",
         "--concurrency", "2", "--queues", queue, "--without-gossip", "--without-mingle"],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        start = time.perf_counter()
        for batch in batches:
            send_digest_batch.delay(batch)
        deadline = start + 600
        while time.perf_counter() < deadline:
            pending = DigestDelivery.objects.filter(state=DigestDelivery.State.PENDING).count()
            if pending == 0:
                break
            time.sleep(0.5)
        seconds = time.perf_counter() - start
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        log.close()
        app.conf.update(task_always_eager=True)
    sent = DigestDelivery.objects.filter(state=DigestDelivery.State.SENT).count()
    harness.record(
        f"weekly digest run, {SUBSCRIBERS} subscribers",
        seconds=seconds + plan_seconds,
        queries=round(per_digest),
        target="< 60 s",
        note=f"{sent} sent by a real worker; planning {plan_seconds:.1f} s; "
        f"{per_digest:.1f} queries per digest",
    )
