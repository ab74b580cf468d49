from datetime import UTC, datetime, timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from core.visibility import Visibility
from newsfeed import selectors
from newsfeed.models import DigestDelivery, DigestRun, NewsItem, NewsKind
from newsfeed.services import digests
from tests.accounts.factories import PendingUserFactory, UserFactory
from tests.cities.factories import MemberFactory
from tests.newsfeed.factories import news

pytestmark = pytest.mark.django_db

# Wednesday 2026-11-18 10:00 UTC: last week is Mon 9 – Mon 16 November.
NOW = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
LAST_WEEK = datetime(2026, 11, 12, 9, 0, tzinfo=UTC)


def _run_weekly(now=NOW):
    outcomes = {}
    for batch in digests.digest_runs_start(now=now, frequencies=["weekly"]):
        for key, value in digests.digest_deliver_batch(delivery_ids=batch).items():
            outcomes[key] = outcomes.get(key, 0) + value
    return outcomes


def test_periods_are_utc_days_and_iso_weeks():
    assert digests.period_containing("weekly", NOW) == (
        datetime(2026, 11, 16, tzinfo=UTC),
        datetime(2026, 11, 23, tzinfo=UTC),
    )
    assert digests.period_containing("daily", NOW) == (
        datetime(2026, 11, 18, tzinfo=UTC),
        datetime(2026, 11, 19, tzinfo=UTC),
    )


def test_first_run_covers_the_last_ended_period_and_missed_ones_are_caught_up():
    assert digests.periods_due("weekly", NOW) == [
        (datetime(2026, 11, 9, tzinfo=UTC), datetime(2026, 11, 16, tzinfo=UTC))
    ]
    digests.digest_runs_start(now=NOW, frequencies=["weekly"])
    # Beat was down for three weeks: every week is sent, none skipped.
    later = NOW + timedelta(weeks=3)
    assert [start.date().isoformat() for start, _ in digests.periods_due("weekly", later)] == [
        "2026-11-16",
        "2026-11-23",
        "2026-11-30",
    ]


def test_weekly_digest_goes_once_to_each_subscriber_with_the_period_news():
    member = MemberFactory(name="Rabat")
    news(title="Rabat joined", member=member, published_at=LAST_WEEK)
    news(title="Members meeting", kind=NewsKind.ANNOUNCEMENT, visibility=Visibility.MEMBERS,
         published_at=LAST_WEEK + timedelta(hours=1))  # fmt: skip
    news(title="Too old", published_at=LAST_WEEK - timedelta(days=10))
    news(title="This week", published_at=NOW - timedelta(hours=1))
    ana = UserFactory(email="ana@example.org", digest_frequency="weekly", language="en")
    UserFactory(email="daily@example.org", digest_frequency="daily")
    UserFactory(email="none@example.org", digest_frequency="none")
    PendingUserFactory(email="pending@example.org", digest_frequency="weekly")
    unverified = UserFactory(email="unverified@example.org", digest_frequency="weekly")
    EmailAddress.objects.filter(user=unverified).update(verified=False)

    assert _run_weekly() == {"sent": 1}
    assert [message.to for message in mail.outbox] == [["ana@example.org"]]
    message = mail.outbox[0]
    assert message.subject == "[Human Rights Cities] Your weekly news: 2 items"
    assert "Members meeting" in message.body
    assert "Rabat joined (Rabat)" in message.body
    assert "Too old" not in message.body and "This week" not in message.body
    # Grouped by kind, newest group first.
    assert message.body.index("== Announcement ==") < message.body.index("== New member ==")
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Members meeting" in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<http://127.0.0.1:8000/news/unsubscribe/"
    )
    delivery = DigestDelivery.objects.get(user=ana)
    assert (delivery.state, delivery.item_count) == ("sent", 2)
    assert DigestRun.objects.get(frequency="weekly").completed_at is not None

    # Running the same period again sends nothing new.
    assert _run_weekly() == {}
    assert len(mail.outbox) == 1


def test_empty_digests_are_not_sent():
    UserFactory(digest_frequency="weekly")
    assert _run_weekly() == {"empty": 1}
    assert mail.outbox == []
    assert DigestDelivery.objects.get().state == "empty"


def test_digest_speaks_the_subscribers_language():
    news(title="Nouvelles", published_at=LAST_WEEK)
    UserFactory(digest_frequency="weekly", language="fr", time_zone="Europe/Paris")
    _run_weekly()
    assert mail.outbox[0].subject == "[Human Rights Cities] Vos nouvelles de la semaine : 1 élément"
    assert "Se désabonner" in mail.outbox[0].alternatives[0][0]


def test_someone_who_unsubscribes_before_the_send_gets_nothing():
    news(title="News", published_at=LAST_WEEK)
    user = UserFactory(digest_frequency="weekly")
    batches = digests.digest_runs_start(now=NOW, frequencies=["weekly"])
    user.digest_frequency = "none"
    user.save()
    assert digests.digest_deliver_batch(delivery_ids=batches[0]) == {"unsubscribed": 1}
    assert mail.outbox == []


def test_mail_errors_are_retried_a_bounded_number_of_times_then_failed(settings):
    settings.EMAIL_BACKEND = "tests.newsfeed.failing_backend.RefusingBackend"
    news(title="News", published_at=LAST_WEEK)
    UserFactory(digest_frequency="weekly")
    batch = digests.digest_runs_start(now=NOW, frequencies=["weekly"])[0]
    for _ in range(digests.MAX_ATTEMPTS - 1):
        assert digests.digest_deliver_batch(delivery_ids=batch) == {"retry": 1}
    assert digests.digest_deliver_batch(delivery_ids=batch) == {"failed": 1}
    delivery = DigestDelivery.objects.get()
    assert (delivery.state, delivery.attempts) == ("failed", digests.MAX_ATTEMPTS)
    assert delivery.last_error == "Connection unexpectedly closed"

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert digests.digest_deliveries_resend(deliveries=DigestDelivery.objects.all()) == [
        delivery.pk
    ]
    assert digests.digest_deliver_batch(delivery_ids=batch) == {"sent": 1}


def test_send_digests_command_dry_run_sends_nothing(capsys):
    this_week, _ = digests.period_containing("weekly", timezone.now())
    news(title="News", published_at=this_week - timedelta(days=3))
    UserFactory(digest_frequency="weekly")
    call_command("send_digests", "--frequency", "weekly", "--dry-run")
    assert "1 period(s) due, 1 subscriber(s)" in capsys.readouterr().out
    assert mail.outbox == []
    assert not DigestRun.objects.exists()
    call_command("send_digests", "--frequency", "weekly")
    assert "1 sent" in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_admin_resends_failed_digests(client, settings, django_capture_on_commit_callbacks):
    from django.urls import reverse

    from tests.accounts.factories import SecretariatFactory, enrol_totp

    settings.EMAIL_BACKEND = "tests.newsfeed.failing_backend.RefusingBackend"
    news(title="News", published_at=LAST_WEEK)
    UserFactory(email="ana@example.org", name="Ana Torres", digest_frequency="weekly")
    batch = digests.digest_runs_start(now=NOW, frequencies=["weekly"])[0]
    for _ in range(digests.MAX_ATTEMPTS):
        digests.digest_deliver_batch(delivery_ids=batch)
    assert DigestDelivery.objects.get().state == "failed"

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    staff = SecretariatFactory()
    enrol_totp(staff)
    client.force_login(staff)
    listing = client.get(reverse("admin:newsfeed_digestdelivery_changelist"), {"state": "failed"})
    assert "Ana Torres" in listing.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:newsfeed_digestdelivery_changelist"),
            {"action": "resend_failed", "_selected_action": [DigestDelivery.objects.get().pk]},
            follow=True,
        )
    assert "1 digest queued again." in response.content.decode()
    assert DigestDelivery.objects.get().state == "sent"
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]


def test_digest_leaves_out_news_about_unpublished_members():
    news(
        title="Draft city joined", member=MemberFactory(is_published=False), published_at=LAST_WEEK
    )
    news(title="Rabat joined", member=MemberFactory(name="Rabat"), published_at=LAST_WEEK)
    news(title="About no member", published_at=LAST_WEEK + timedelta(hours=1))
    user = UserFactory(digest_frequency="weekly")
    start, end = digests.period_containing("weekly", LAST_WEEK)
    items, total = selectors.digest_items(user=user, period_start=start, period_end=end)
    assert ([item.title for item in items], total) == (["About no member", "Rabat joined"], 2)
    _run_weekly()
    assert "Draft city" not in mail.outbox[0].body


def test_digest_text_part_is_plain_text_and_html_part_is_escaped():
    news(title='Commune d\'arrondissement & "Ville"', published_at=LAST_WEEK)
    UserFactory(digest_frequency="weekly", name="D'Arcy Smith")
    _run_weekly()
    message = mail.outbox[0]
    assert '* Commune d\'arrondissement & "Ville" — ' in message.body
    assert message.body.startswith("Hello D'Arcy,")
    html, _mimetype = message.alternatives[0]
    assert "Commune d&#x27;arrondissement &amp; &quot;Ville&quot;" in html
    assert "Commune d'arrondissement" not in html


def test_digest_never_links_to_an_unsafe_stored_link():
    NewsItem.objects.create(
        kind=NewsKind.ANNOUNCEMENT, title="Old item", link="javascript:alert(1)",
        published_at=LAST_WEEK,
    )  # fmt: skip
    UserFactory(digest_frequency="weekly")
    _run_weekly()
    message = mail.outbox[0]
    assert "Old item" in message.body
    assert "javascript:" not in message.body
    assert "javascript:" not in message.alternatives[0][0]
