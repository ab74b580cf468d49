"""Start the web server, a Celery worker and Celery beat together; one Ctrl-C stops all three."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from config.embedded import forget_exited_processes


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
        # Each child leads its own process group, so a stop reaches the dev server's reloaded
        # grandchild too, and every process leaves the embedded PostgreSQL cleanly.
        children = {
            name: subprocess.Popen(command, env=env, cwd=settings.BASE_DIR, start_new_session=True)
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

        def signal_group(child, sig) -> bool:
            try:
                os.killpg(child.pid, sig)
            except ProcessLookupError:
                return False
            return True

        def stop(signum=None, frame=None):
            for child in children.values():
                signal_group(child, signal.SIGINT)
            deadline = time.monotonic() + 20
            for child in children.values():
                while signal_group(child, 0) and time.monotonic() < deadline:
                    child.poll()
                    time.sleep(0.2)
                if signal_group(child, 0):
                    signal_group(child, signal.SIGKILL)
                child.poll()

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
            # A child killed by a signal never unregisters from the embedded PostgreSQL; forget
            # it, so the server stops when this, the last process, exits.
            if not os.environ.get("DATABASE_URL"):
                forget_exited_processes(settings.VAR_DIR / "pgdata")
