from celery import shared_task

from campaign import emails


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_review_email(pledge_id: int) -> None:
    emails.send_review_email(pledge_id=pledge_id)
