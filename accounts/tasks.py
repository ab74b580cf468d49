from celery import shared_task

from accounts import emails


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=5)
def send_approval_email(user_id: int) -> None:
    emails.send_approval_email(user_id=user_id)
