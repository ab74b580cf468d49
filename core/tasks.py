from celery import shared_task

from core import health


@shared_task
def ping(value: str) -> dict:
    """A round trip through the broker and a worker, which also reaches the database."""
    return {"echo": value, "database": health.database_ok()}
