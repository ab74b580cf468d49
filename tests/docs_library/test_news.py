import pytest

from docs_library import services
from newsfeed.models import NewsItem
from tests.accounts.factories import PendingUserFactory, SecretariatFactory, UserFactory

pytestmark = pytest.mark.django_db


def _published(visibility, title):
    return services.document_create(
        by=SecretariatFactory(),
        answers={
            "title": title,
            "kind": "report",
            "language": "en",
            "published_on": "2024-02-01",
            "visibility": visibility,
            "link": "https://www.example.org/report.pdf",
        },
        publish_now=True,
    )


def test_a_members_only_document_is_members_only_news_and_never_in_the_feed(client):
    _published("members", "Internal evaluation")
    _published("public", "Open report")

    assert "Internal evaluation" not in client.get("/news/").content.decode()
    feed = client.get("/news/feed/").content.decode()
    assert "Open report" in feed and "Internal evaluation" not in feed
    client.force_login(PendingUserFactory())
    assert "Internal evaluation" not in client.get("/news/").content.decode()
    client.force_login(UserFactory())
    assert "Internal evaluation" in client.get("/news/").content.decode()


def test_a_document_set_back_to_submitted_leaves_the_news():
    staff = SecretariatFactory()
    document = _published("public", "Open report")
    assert NewsItem.objects.filter(kind="document").count() == 1

    services.document_update(document=document, by=staff, answers={"state": "submitted"})

    assert NewsItem.objects.filter(kind="document").count() == 0
