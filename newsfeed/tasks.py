"""Celery tasks of the newsfeed: thin, ids in, services do the work."""

from celery import shared_task

from newsfeed.services import digests


@shared_task
def start_digest_runs(frequencies=None) -> int:
    """Beat, hourly: open due periods and fan out one task per batch of deliveries."""
    batches = digests.digest_runs_start(frequencies=frequencies)
    for batch in batches:
        send_digest_batch.delay(batch)
    return len(batches)


@shared_task(acks_late=True)
def send_digest_batch(delivery_ids: list[int]) -> dict:
    outcomes = digests.digest_deliver_batch(delivery_ids=delivery_ids)
    if outcomes.get("retry"):
        retry_failed_mail.apply_async((delivery_ids,), countdown=60)
    return outcomes


@shared_task(acks_late=True, max_retries=digests.MAX_ATTEMPTS)
def retry_failed_mail(delivery_ids: list[int]) -> dict:
    """Mail errors: try the still-pending deliveries again, with growing pauses, a bounded
    number of times (each delivery also counts its own attempts and fails after the last)."""
    outcomes = digests.digest_deliver_batch(delivery_ids=delivery_ids)
    if outcomes.get("retry"):
        raise retry_failed_mail.retry(
            args=(delivery_ids,), countdown=60 * 2 ** (retry_failed_mail.request.retries + 1)
        )
    return outcomes
