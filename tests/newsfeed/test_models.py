from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from newsfeed.models import DigestDelivery, DigestRun
from newsfeed.services import digests
from tests.accounts.factories import UserFactory
from tests.newsfeed.factories import news

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
BEFORE_0004 = [("newsfeed", "0003_secretariat_permissions")]
AFTER_0004 = [("newsfeed", "0004_digest_states_and_safe_links")]


def _pending_delivery() -> DigestDelivery:
    news(title="News", published_at=NOW - timedelta(days=6))
    UserFactory(digest_frequency="weekly")
    digests.digest_runs_start(now=NOW, frequencies=["weekly"])
    return DigestDelivery.objects.get()


def test_delivery_states_are_pending_sent_empty_and_failed_only():
    delivery = _pending_delivery()
    with pytest.raises(IntegrityError), transaction.atomic():
        DigestDelivery.objects.filter(pk=delivery.pk).update(state="sending")
    assert DigestDelivery.objects.get().state == "pending"
    assert [value for value, _label in DigestDelivery.State.choices] == [
        "pending",
        "sent",
        "empty",
        "failed",
    ]


def test_no_digest_run_or_delivery_is_ever_for_no_digest():
    delivery = _pending_delivery()
    with pytest.raises(IntegrityError), transaction.atomic():
        DigestRun.objects.filter(pk=delivery.run_id).update(frequency="none")
    with pytest.raises(IntegrityError), transaction.atomic():
        DigestDelivery.objects.filter(pk=delivery.pk).update(frequency="none")
    assert DigestDelivery.objects.values_list("frequency", "run__frequency").get() == (
        "weekly",
        "weekly",
    )


@pytest.mark.django_db(transaction=True)
def test_migration_puts_deliveries_left_sending_back_in_the_queue():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_0004)
    try:
        delivery = _pending_delivery()
        DigestDelivery.objects.filter(pk=delivery.pk).update(state="sending")
        DigestRun.objects.filter(pk=delivery.run_id).update(completed_at=NOW)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER_0004)
    assert DigestDelivery.objects.values_list("state", "run__completed_at").get() == (
        "pending",
        None,
    )
    assert digests.digest_deliver_batch(delivery_ids=[delivery.pk]) == {"sent": 1}
