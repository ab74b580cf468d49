"""Shared test harness: a real Celery worker, Chromium through Playwright, axe-core."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run inside
# one unless told that this (test-only) use is fine.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BASE_DIR = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(config, items):
    """Transactional tests (browser, real worker) flush the database afterwards; restore what the
    data migrations created (groups, regions, focus areas) before each one."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = (marker is not None and marker.kwargs.get("transaction")) or any(
            name in item.fixturenames for name in ("transactional_db", "live_server")
        )
        if transactional:
            item.add_marker(
                pytest.mark.django_db(transaction=True, serialized_rollback=True), append=False
            )
            if "django_db_serialized_rollback" not in item.fixturenames:
                item.fixturenames.append("django_db_serialized_rollback")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Keep the serialized database on the connection class, not one connection object.

    While Playwright's event loop runs in this thread, Django hands out connection objects from
    a context-local store, so the object that was serialized at setup is not the one a browser
    test restores from."""
    from django.db import connections

    connection = connections["default"]
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is not None:
        type(connection)._test_serialized_contents = contents
    yield


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _default_language_and_zone():
    """A request's language and time zone stay active in the thread after it (Django does not
    reset them): every test starts in English and UTC, as a fresh process would."""
    from django.utils import timezone, translation

    translation.activate("en")
    timezone.deactivate()
    # Celery's "a task is running, don't block on results" flag is one global: eager tasks run
    # by threads racing in a test can leave it set, and a later test's result.get() refuses.
    from celery.result import _set_task_join_will_block

    _set_task_join_will_block(False)
    yield
    translation.deactivate()
    timezone.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


# --- Celery: a real worker process --------------------------------------------------------


def database_url_for_worker() -> str:
    """The URL of the database this test runs on, for a worker in another process."""
    from django.db import connection

    params = connection.settings_dict
    user = quote(params["USER"] or "postgres", safe="")
    password = f":{quote(params['PASSWORD'], safe='')}" if params.get("PASSWORD") else ""
    host = params["HOST"] or "localhost"
    if host.startswith("/"):
        # A Unix socket folder (the embedded server): psycopg takes it as the host option.
        port = f"&port={params['PORT']}" if params.get("PORT") else ""
        return f"postgres://{user}{password}@/{params['NAME']}?host={quote(host)}{port}"
    port = f":{params['PORT']}" if params.get("PORT") else ""
    return f"postgres://{user}{password}@{host}{port}/{params['NAME']}"


class WorkerPool:
    """Starts Celery workers as separate processes against one broker and the test database."""

    def __init__(self, *, env: dict, queue: str, log_dir: Path):
        self.env = env
        self.queue = queue
        self.log_dir = log_dir
        self.processes: list[subprocess.Popen] = []

    def start(self, *, concurrency: int = 1, extra_env: dict | None = None) -> subprocess.Popen:
        index = len(self.processes)
        log = open(self.log_dir / f"worker-{index}.log", "w")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--loglevel",
                "INFO",
                "--pool",
                "prefork",
                "--concurrency",
                str(concurrency),
                "--queues",
                self.queue,
                "--hostname",
                f"test-{index}-{uuid.uuid4().hex[:6]}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=BASE_DIR,
            env={**self.env, **(extra_env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        process.log_file = log
        self.processes.append(process)
        return process

    def stop(self, process: subprocess.Popen, *, kill: bool = False) -> None:
        if process.poll() is None:
            if kill:
                process.kill()
            else:
                process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        process.log_file.close()

    def logs(self) -> str:
        return "\n".join(
            path.read_text(errors="replace") for path in sorted(self.log_dir.glob("worker-*.log"))
        )

    def stop_all(self) -> None:
        for process in self.processes:
            self.stop(process)


def _reset_celery_connections(app) -> None:
    """Forget the broker connections and result backend, so a changed configuration applies."""
    from kombu import pools

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None
    app._backend_cache = None
    app._local = threading.local()


def _worker_pool(*, tmp_path: Path, broker_env: dict, app_conf: dict):
    from config.celery import app

    queue = f"test-{uuid.uuid4().hex[:10]}"
    mail_dir = tmp_path / "worker-mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url_for_worker(),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "PORTAL_TEST_EMAIL_DIR": str(mail_dir),
        "PYTHONUNBUFFERED": "1",
        **broker_env,
    }
    saved = {key: app.conf[key] for key in ["task_always_eager", "task_default_queue", *app_conf]}
    app.conf.update(task_always_eager=False, task_default_queue=queue, **app_conf)
    _reset_celery_connections(app)
    pool = WorkerPool(env=env, queue=queue, log_dir=tmp_path)
    pool.mail_dir = mail_dir
    try:
        yield pool
    finally:
        pool.stop_all()
        app.conf.update(saved)
        _reset_celery_connections(app)


@pytest.fixture
def celery_workers(transactional_db, tmp_path):
    """Real Celery workers on Redis (``REDIS_URL``); call ``.start()`` for each worker."""
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        print("SKIPPED: REDIS_URL is not set, so no Redis broker for a real worker")
        pytest.skip("REDIS_URL is not set: the real-worker tests need Redis")
    yield from _worker_pool(
        tmp_path=tmp_path,
        broker_env={"REDIS_URL": redis_url},
        app_conf={"broker_url": redis_url, "result_backend": redis_url},
    )


@pytest.fixture
def filesystem_celery_workers(transactional_db, tmp_path):
    """Real Celery workers on kombu's filesystem transport, the broker `make run` uses."""
    from config.embedded import filesystem_broker_options

    broker_dir = tmp_path / "broker"
    results = f"file://{tmp_path / 'results'}"
    (tmp_path / "results").mkdir()
    yield from _worker_pool(
        tmp_path=tmp_path,
        broker_env={
            "REDIS_URL": "",
            "CELERY_BROKER_URL": "filesystem://",
            "CELERY_BROKER_DIR": str(broker_dir),
            "CELERY_RESULT_BACKEND": results,
        },
        app_conf={
            "broker_url": "filesystem://",
            "broker_transport_options": filesystem_broker_options(broker_dir),
            "result_backend": results,
        },
    )


def wait_for(predicate, *, timeout: float = 60, interval: float = 0.2, message: str = ""):
    """Poll until ``predicate()`` is truthy; fail with ``message`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(message or "condition not met in time")


# --- Browser: Chromium through Playwright, axe-core -------------------------------------


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        print(f"SKIPPED: no Chromium at {CHROMIUM}")
        pytest.skip(f"no Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_context(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    context.portal_base_url = live_server.url
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    page = browser_context.new_page()
    yield page
    page.close()


@pytest.fixture
def phone_page(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url,
        locale="en-GB",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(15_000)
    context.portal_base_url = live_server.url
    page = context.new_page()
    yield page
    context.close()


def sign_in(context, user) -> None:
    """Give a browser context the session of ``user`` (as after a real sign-in)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": cookie.value,
                "url": context.portal_base_url,
            }
        ]
    )


def assert_accessible(page, *, screenshot: str | None = None) -> None:
    """Run axe-core on the page; fail on any violation, with axe's own report."""
    from axe_playwright_python.sync_playwright import Axe

    if screenshot:
        shots = BASE_DIR / "var" / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / f"{screenshot}.png"), full_page=True)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
