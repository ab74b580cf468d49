"""Start the web server, a Celery worker and Celery beat together; one Ctrl-C stops all three."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run web, Celery worker and beat together (what `make run` starts)."

    def add_arguments(self, parser):
        parser.add_argument("--addrport", default="127.0.0.1:8000")
        parser.add_argument("--no-reload", action="store_true")

    def handle(self, *args, addrport, no_reload, **options):
        # Importing settings has already started (or joined) the embedded PostgreSQL, so the
        # three children share it; it stops when the last of us exits.
        python = sys.executable
        manage = [python, str(settings.BASE_DIR / "manage.py")]
        celery = [python, "-m", "celery", "-A", "config"]
        runserver = [*manage, "runserver", addrport]
        if no_reload:
            runserver.append("--noreload")
        commands = {
            "web": runserver,
            "worker": [*celery, "worker", "--loglevel", "INFO", "--concurrency", "2"],
            "beat": [
                *celery,
                "beat",
                "--loglevel",
                "INFO",
                "--schedule",
                settings.CELERY_BEAT_SCHEDULE_FILENAME,
            ],
        }
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        children = {
            name: subprocess.Popen(command, env=env, cwd=settings.BASE_DIR)
            for name, command in commands.items()
        }
        self.stdout.write(
            self.style.SUCCESS(f"\nThe portal is starting on http://{addrport}/\n")
            + "Demo accounts (password: human-rights-2030):\n"
            + "  secretariat@example.org  secretariat, opens /admin/\n"
            + "  focal.point@example.org  focal point of a member city\n"
            + "  member@example.org       approved member\n"
            + "  steering@example.org     steering group\n"
            + "  pending@example.org      waiting for approval\n"
            + f"E-mail goes to {getattr(settings, 'EMAIL_FILE_PATH', 'the EMAIL_URL server')}\n"
            + "Press Ctrl-C to stop web, worker and beat.\n"
        )

        def stop(signum=None, frame=None):
            for child in children.values():
                if child.poll() is None:
                    child.send_signal(signal.SIGINT)
            deadline = time.monotonic() + 15
            for child in children.values():
                remaining = max(0.1, deadline - time.monotonic())
                try:
                    child.wait(timeout=remaining)
                except subprocess.TimeoutExpired:
                    child.kill()

        signal.signal(signal.SIGTERM, stop)
        try:
            while all(child.poll() is None for child in children.values()):
                time.sleep(0.5)
            failed = [name for name, child in children.items() if child.poll() is not None]
            self.stderr.write(f"{', '.join(failed)} stopped; stopping the others.")
        except KeyboardInterrupt:
            self.stdout.write("\nStopping web, worker and beat ...")
        finally:
            stop()
