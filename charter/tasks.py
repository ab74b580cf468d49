from celery import shared_task

from charter import emails


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_decision_email(amendment_id: int) -> None:
    emails.send_decision_email(amendment_id=amendment_id)
