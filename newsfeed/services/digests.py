"""E-mail digests: periods, runs, deliveries.

Each person's digest for a period is one DigestDelivery row (unique per user, frequency and
period): pending -> sent | empty | failed. A worker claims a pending row with SELECT ... FOR
UPDATE SKIP LOCKED and sends the mail while holding the row lock (that lock is the "sending"
phase; there is no sending state), then marks it sent in the same transaction. Another worker
skips a locked row, so two workers never send the same digest; a worker that dies mid-send rolls
its row back to pending, and the next run (Celery beat, hourly) dispatches it again, so nobody
is skipped.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.visibility import user_sees_members_content
from newsfeed import digest_sections, emails, selectors
from newsfeed.models import DigestDelivery, DigestRun

logger = logging.getLogger(__name__)

DigestFrequency = User.DigestFrequency
PERIOD = {DigestFrequency.DAILY: timedelta(days=1), DigestFrequency.WEEKLY: timedelta(weeks=1)}
MAX_ATTEMPTS = 5
CATCH_UP_LIMIT = 60  # periods; a beat that was down for months does not flood inboxes
UNSUBSCRIBE_SALT = "newsfeed.digest.unsubscribe"
MAIL_ERRORS = (smtplib.SMTPException, OSError)


def period_containing(frequency: str, moment: datetime) -> tuple[datetime, datetime]:
    """The UTC period (day, or ISO week from Monday) that contains ``moment``."""
    day = moment.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    start = day - timedelta(days=day.weekday()) if frequency == DigestFrequency.WEEKLY else day
    return start, start + PERIOD[frequency]


def periods_due(frequency: str, now: datetime) -> list[tuple[datetime, datetime]]:
    """Every ended period after the last run of this frequency (the last one if none ran)."""
    step = PERIOD[frequency]
    current_start, _ = period_containing(frequency, now)
    last_ended = current_start - step
    last_run = DigestRun.objects.filter(frequency=frequency).order_by("-period_start").first()
    start = last_ended if last_run is None else last_run.period_start + step
    periods = []
    while start <= last_ended:
        periods.append((start, start + step))
        start += step
    return periods[-CATCH_UP_LIMIT:]


def subscribers(frequency: str):
    """Approved, active people with a verified primary address who chose this frequency."""
    verified = EmailAddress.objects.filter(verified=True, primary=True).values("user_id")
    return User.objects.filter(
        is_active=True, is_approved=True, digest_frequency=frequency, pk__in=verified
    )


def digest_run_open(*, frequency: str, period_start: datetime, period_end: datetime) -> DigestRun:
    """Create the run of a period and its pending deliveries, at once (idempotent)."""
    with transaction.atomic():
        run, created = DigestRun.objects.get_or_create(
            frequency=frequency, period_start=period_start, defaults={"period_end": period_end}
        )
        if created:
            DigestDelivery.objects.bulk_create(
                (
                    DigestDelivery(
                        run=run, user_id=pk, frequency=frequency, period_start=period_start
                    )
                    for pk in subscribers(frequency).values_list("pk", flat=True).iterator()
                ),
                batch_size=1000,
                ignore_conflicts=True,
            )
    return run


def digest_runs_start(*, now: datetime | None = None, frequencies=None) -> list[list[int]]:
    """Open every due period's run, then return batches of pending delivery ids of every run
    not yet complete (new ones, and any a crashed worker left behind)."""
    now = now or timezone.now()
    for frequency in frequencies or PERIOD:
        for start, end in periods_due(frequency, now):
            digest_run_open(frequency=frequency, period_start=start, period_end=end)
    batches: list[list[int]] = []
    runs = DigestRun.objects.filter(completed_at__isnull=True)
    if frequencies:
        runs = runs.filter(frequency__in=frequencies)
    for run in runs:
        pending = list(
            run.deliveries.filter(state=DigestDelivery.State.PENDING)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if not pending:
            digest_run_finish_if_done(run_id=run.pk)
        size = settings.NEWSFEED_DIGEST_BATCH_SIZE
        batches.extend(pending[i : i + size] for i in range(0, len(pending), size))
    return batches


def digest_run_finish_if_done(*, run_id: int) -> bool:
    settled = not DigestDelivery.objects.filter(
        run_id=run_id, state=DigestDelivery.State.PENDING
    ).exists()
    if settled:
        DigestRun.objects.filter(pk=run_id, completed_at__isnull=True).update(
            completed_at=timezone.now()
        )
    return settled


def digest_deliver_batch(*, delivery_ids: list[int]) -> dict[str, int]:
    """Deliver a batch over one mail connection; returns how many ended in each outcome."""
    outcomes: dict[str, int] = {}
    contents: dict[tuple, tuple] = {}
    connection = get_connection()
    try:
        for delivery_id in delivery_ids:
            outcome = digest_deliver(
                delivery_id=delivery_id, connection=connection, contents=contents
            )
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
    finally:
        connection.close()
    for run_id in set(
        DigestDelivery.objects.filter(pk__in=delivery_ids).values_list("run_id", flat=True)
    ):
        digest_run_finish_if_done(run_id=run_id)
    return outcomes


def digest_deliver(*, delivery_id: int, connection=None, contents=None) -> str:
    """Send one digest unless another worker holds it or it is settled. Returns the outcome:
    sent, empty, unsubscribed, retry, failed or taken.

    The row stays pending while the mail goes out: the lock held until commit is what marks it
    as being sent, and a worker that dies here leaves it pending for the next run."""
    contents = {} if contents is None else contents
    with transaction.atomic():
        delivery = (
            DigestDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("user", "run")
            .filter(pk=delivery_id, state=DigestDelivery.State.PENDING)
            .first()
        )
        if delivery is None:
            return "taken"
        user, run = delivery.user, delivery.run
        if not (user.is_active and user.is_approved and user.digest_frequency == run.frequency):
            delivery.state = DigestDelivery.State.EMPTY
            delivery.last_error = "No longer subscribed when the digest was due."
            delivery.save(update_fields=["state", "last_error", "updated_at"])
            return "unsubscribed"
        # Everyone who may see members' content sees the same news: look it up once a batch.
        key = (user_sees_members_content(user), run.period_start, run.period_end)
        if key not in contents:
            contents[key] = selectors.digest_items(
                user=user, period_start=run.period_start, period_end=run.period_end
            )
        items, total = contents[key]
        # The personal sections (threads one follows ...): one query per section and person.
        sections = digest_sections.sections_for(
            user=user, period_start=run.period_start, period_end=run.period_end
        )
        if not items and not sections:
            delivery.state = DigestDelivery.State.EMPTY
            delivery.save(update_fields=["state", "updated_at"])
            return "empty"
        delivery.attempts += 1
        try:
            emails.send_digest(
                user=user,
                run=run,
                items=items,
                total=total,
                sections=sections,
                unsubscribe_token=unsubscribe_token(user=user, frequency=run.frequency),
                connection=connection,
            )
        except MAIL_ERRORS as error:
            logger.warning("digest %s to %s failed: %s", delivery.pk, user.pk, error)
            delivery.last_error = str(error)[:2000]
            failed = delivery.attempts >= MAX_ATTEMPTS
            delivery.state = DigestDelivery.State.FAILED if failed else DigestDelivery.State.PENDING
            delivery.save(update_fields=["state", "attempts", "last_error", "updated_at"])
            return "failed" if failed else "retry"
        delivery.state = DigestDelivery.State.SENT
        delivery.sent_at = timezone.now()
        delivery.item_count = total + sum(len(section.lines) for section in sections)
        delivery.save(update_fields=["state", "attempts", "sent_at", "item_count", "updated_at"])
        return "sent"


def digest_deliveries_resend(*, deliveries) -> list[int]:
    """Put failed deliveries back in the queue (the admin's action); returns their ids."""
    with transaction.atomic():
        ids = list(
            deliveries.filter(state=DigestDelivery.State.FAILED).values_list("pk", flat=True)
        )
        DigestDelivery.objects.filter(pk__in=ids).update(
            state=DigestDelivery.State.PENDING, attempts=0, last_error=""
        )
        DigestRun.objects.filter(deliveries__pk__in=ids).update(completed_at=None)
    return ids


def unsubscribe_max_age() -> timedelta:
    """How long an unsubscribe link works after its digest was sent."""
    return timedelta(days=getattr(settings, "NEWSFEED_UNSUBSCRIBE_MAX_AGE_DAYS", 60))


def unsubscribe_token(*, user, frequency: str) -> str:
    """A signed, timestamped token naming the person and the digest it comes with."""
    return signing.dumps({"u": user.pk, "f": frequency}, salt=UNSUBSCRIBE_SALT, compress=True)


@dataclass(frozen=True)
class UnsubscribeLink:
    """What a valid unsubscribe link names: a person and the digest frequency it came with."""

    user: User
    frequency: str

    @property
    def state(self) -> str:
        """subscribed (still receives that digest), unsubscribed (receives none), or switched
        (chose another frequency since: the link no longer applies)."""
        if self.user.digest_frequency == self.frequency:
            return "subscribed"
        if self.user.digest_frequency == DigestFrequency.NONE:
            return "unsubscribed"
        return "switched"


def unsubscribe_link_read(*, token: str, users=None) -> UnsubscribeLink:
    """The one check of an unsubscribe token: signed here, younger than
    NEWSFEED_UNSUBSCRIBE_MAX_AGE_DAYS, naming a digest frequency and an existing person.
    Raises signing.BadSignature (signing.SignatureExpired for an old link)."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=unsubscribe_max_age())
    if not isinstance(data, dict) or data.get("f") not in PERIOD:
        raise signing.BadSignature("Not an unsubscribe token")
    user_id = data.get("u")
    users = users if users is not None else User.objects.all()
    user = users.filter(pk=user_id).first() if isinstance(user_id, int) else None
    if user is None:
        raise signing.BadSignature("No such user")
    return UnsubscribeLink(user=user, frequency=data["f"])


def digest_unsubscribe(*, token: str) -> tuple[UnsubscribeLink, bool]:
    """Stop a person's digest from a signed link (no login). Returns the link and whether
    anything changed: only the digest the link came with is stopped, so an old daily digest's
    link leaves someone who has switched to weekly as they are. Raises signing.BadSignature for
    a tampered, foreign or expired token."""
    with transaction.atomic():
        link = unsubscribe_link_read(token=token, users=User.objects.select_for_update())
        if link.state != "subscribed":
            return link, False
        link.user.digest_frequency = DigestFrequency.NONE
        link.user.save(update_fields=["digest_frequency"])
    return link, True
