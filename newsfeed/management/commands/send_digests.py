"""Run the digests of a frequency by hand: every due period, delivered in this process."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from newsfeed.models import DIGEST_FREQUENCIES, DigestDelivery
from newsfeed.services import digests


class Command(BaseCommand):
    help = "Send the news digests that are due (daily or weekly), here and now."

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency", choices=[value for value, _label in DIGEST_FREQUENCIES], required=True
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say which period is due and how many people would get a digest; send nothing.",
        )

    def handle(self, *args, frequency, dry_run, **options):
        now = timezone.now()
        if dry_run:
            periods = digests.periods_due(frequency, now)
            count = digests.subscribers(frequency).count()
            for start, end in periods:
                self.stdout.write(f"{frequency} {start:%Y-%m-%d} – {end:%Y-%m-%d}: due")
            pending = DigestDelivery.objects.filter(
                frequency=frequency, state=DigestDelivery.State.PENDING
            ).count()
            self.stdout.write(
                f"{len(periods)} period(s) due, {count} subscriber(s), "
                f"{pending} delivery(ies) still pending from earlier runs. Nothing sent."
            )
            return
        totals: dict[str, int] = {}
        for batch in digests.digest_runs_start(now=now, frequencies=[frequency]):
            for outcome, number in digests.digest_deliver_batch(delivery_ids=batch).items():
                totals[outcome] = totals.get(outcome, 0) + number
        summary = ", ".join(f"{number} {outcome}" for outcome, number in sorted(totals.items()))
        self.stdout.write(self.style.SUCCESS(summary or "Nothing was due."))
