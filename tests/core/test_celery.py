import pytest

from core.tasks import ping


def test_task_round_trip_through_a_real_worker_on_redis(celery_workers):
    celery_workers.start()
    result = ping.delay("hello from the portal")
    assert result.get(timeout=90) == {"echo": "hello from the portal", "database": True}


def test_task_round_trip_through_the_serverless_broker(filesystem_celery_workers):
    filesystem_celery_workers.start()
    result = ping.delay("no server needed")
    try:
        value = result.get(timeout=90)
    except Exception:
        pytest.fail(filesystem_celery_workers.logs())
    assert value == {"echo": "no server needed", "database": True}
