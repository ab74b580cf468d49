from celery import shared_task

from events import emails


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_registration_email(registration_id: int) -> None:
    emails.send_registration_email(registration_id=registration_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_promotion_email(registration_id: int) -> None:
    emails.send_registration_email(registration_id=registration_id, promoted=True)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_cancellation_emails(event_id: int) -> None:
    emails.send_cancellation_emails(event_id=event_id)
