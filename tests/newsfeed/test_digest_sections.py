"""Personal sections in the digest: apps above the newsfeed register them (digest_sections)."""

from datetime import UTC, datetime

import pytest
from django.core import mail
from django.utils import translation

from accounts.models import User
from newsfeed import digest_sections
from newsfeed.digest_sections import DigestLine, DigestSection
from newsfeed.models import DigestDelivery
from newsfeed.services import digests
from tests.accounts.factories import UserFactory
from tests.newsfeed.factories import news

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
LAST_WEEK = datetime(2026, 11, 12, 9, 0, tzinfo=UTC)


@pytest.fixture
def followed(monkeypatch):
    """Only a test section is registered: people named in ``followed.lines`` get lines."""
    asked = []

    def lines(user, period_start, period_end):
        asked.append((user.pk, translation.get_language(), period_start, period_end))
        # One query, as a real section makes.
        if not User.objects.filter(pk=user.pk, name__startswith="Follower").exists():
            return []
        return [
            DigestLine(title="Housing first", link="/discussions/threads/7/", summary="2 new"),
            DigestLine(title="Old <b>link</b>", link="javascript:alert(1)", summary=""),
        ]

    monkeypatch.setattr(digest_sections, "_sections", {})
    digest_sections.register(DigestSection(key="test", heading="Things you follow", lines=lines))
    lines.asked = asked
    return lines


def _run_weekly():
    outcomes = {}
    for batch in digests.digest_runs_start(now=NOW, frequencies=["weekly"]):
        for key, value in digests.digest_deliver_batch(delivery_ids=batch).items():
            outcomes[key] = outcomes.get(key, 0) + value
    return outcomes


def test_a_digest_with_only_a_personal_section_is_sent_and_one_without_stays_empty(followed):
    follower = UserFactory(name="Follower Ana", digest_frequency="weekly")
    other = UserFactory(name="Omar", digest_frequency="weekly")

    assert _run_weekly() == {"sent": 1, "empty": 1}

    (message,) = mail.outbox
    assert message.to == [follower.email]
    assert message.subject == "[Human Rights Cities] Your weekly news: 2 items"
    section = message.body.split("== Things you follow ==\n")[1].split("\n--\n")[0]
    assert section == (
        "\n* Housing first — 2 new\n  http://127.0.0.1:8000/discussions/threads/7/\n"
        "\n* Old <b>link</b>\n"
    )
    html = message.alternatives[0][0]
    assert '<a href="http://127.0.0.1:8000/discussions/threads/7/"' in html
    assert "<strong>Old &lt;b&gt;link&lt;/b&gt;</strong>" in html
    assert "javascript:" not in html and "javascript:" not in message.body
    assert DigestDelivery.objects.get(user=follower).item_count == 2
    assert DigestDelivery.objects.get(user=other).state == "empty"


def test_sections_come_after_the_news(followed):
    news(title="Rabat joined", published_at=LAST_WEEK)
    UserFactory(name="Follower Ana", digest_frequency="weekly")

    _run_weekly()

    body = mail.outbox[0].body
    assert body.index("Rabat joined") < body.index("== Things you follow ==")
    assert mail.outbox[0].subject == "[Human Rights Cities] Your weekly news: 3 items"
    html = mail.outbox[0].alternatives[0][0]
    assert html.index("Rabat joined") < html.index("Things you follow")


def test_sections_are_asked_for_each_person_in_their_language_and_period(followed):
    follower = UserFactory(name="Follower Ana", digest_frequency="weekly", language="fr")

    _run_weekly()

    start, end = datetime(2026, 11, 9, tzinfo=UTC), datetime(2026, 11, 16, tzinfo=UTC)
    assert followed.asked == [(follower.pk, "fr", start, end)]
    assert "Se désabonner" in mail.outbox[0].alternatives[0][0]


def test_register_replaces_a_section_of_the_same_key(followed):
    again = DigestSection(key="test", heading="Again", lines=followed)
    digest_sections.register(again)
    assert digest_sections.registered() == [again]


@pytest.mark.parametrize("people", [1, 3])
def test_each_person_costs_the_same_few_queries_with_one_per_section(
    followed, people, django_assert_num_queries
):
    for index in range(people):
        UserFactory(name=f"Follower {index}", digest_frequency="weekly")
    (batch,) = digests.digest_runs_start(now=NOW, frequencies=["weekly"])

    # Per person: savepoint, claim the delivery, the section's one query, mark it sent, release.
    # Per batch: the news (read once), then closing the run (three).
    with django_assert_num_queries(4 + 5 * people):
        assert digests.digest_deliver_batch(delivery_ids=batch) == {"sent": people}
