from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.visibility import Visibility
from newsfeed.models import Announcement, NewsItem, NewsKind
from newsfeed.services import announcement_publish, publish
from tests.accounts.factories import PendingUserFactory, SecretariatFactory, UserFactory, enrol_totp
from tests.cities.factories import MemberFactory, focus_area
from tests.newsfeed.factories import news

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _titles(response) -> list[str]:
    return [item.title for item in response.context["page"].object_list]


@pytest.mark.parametrize("count", [1, 50])
def test_news_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    member = MemberFactory()
    for n in range(count):
        news(title=f"Item {n}", member=member, focus_areas=[focus_area("housing")])
    # count, items with their members, their focus areas; the filter form's focus areas.
    with django_assert_num_queries(4):
        response = client.get("/news/")
    assert len(response.context["page"].object_list) == min(count, 20)


def test_news_page_is_newest_first_with_member_links(client):
    member = MemberFactory(name="Rabat", slug="rabat")
    news(title="Older", published_at=timezone.now() - timedelta(days=400))
    news(title="Rabat joined", member=member)
    response = client.get("/news/")
    assert _titles(response) == ["Rabat joined", "Older"]
    assert '<a href="/members/rabat/">Rabat</a>' in response.content.decode()


def test_members_only_news_is_hidden_from_visitors_and_pending_users(client):
    news(title="For everyone")
    news(title="For members", visibility=Visibility.MEMBERS)
    assert _titles(client.get("/news/")) == ["For everyone"]
    client.force_login(PendingUserFactory())
    assert _titles(client.get("/news/")) == ["For everyone"]
    client.force_login(UserFactory())
    assert _titles(client.get("/news/")) == ["For members", "For everyone"]


def test_atom_feed_holds_public_news_only(client):
    news(title="Public news", summary="Seen by all")
    news(title="Members news", visibility=Visibility.MEMBERS)
    client.force_login(UserFactory())
    response = client.get("/news/feed/")
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "<title>Public news</title>" in body
    assert "Members news" not in body


def test_news_filters_by_kind_member_and_focus_area(client):
    member = MemberFactory(slug="vienna")
    news(title="Joined", member=member, focus_areas=[focus_area("housing")])
    news(title="Pledge", kind=NewsKind.PLEDGE, member=member)
    news(title="Elsewhere", focus_areas=[focus_area("housing")])
    assert _titles(client.get("/news/", {"kind": "pledge"})) == ["Pledge"]
    assert _titles(client.get("/news/", {"member": "vienna"})) == ["Pledge", "Joined"]
    assert _titles(client.get("/news/", {"focus_area": "housing"})) == ["Elsewhere", "Joined"]
    response = client.get("/news/", {"member": "no-such-member"})
    assert response.status_code == 200
    assert "one of the values does not exist" in response.content.decode()


def test_publish_announces_an_object_once_per_kind():
    member = MemberFactory()
    first = publish(kind=NewsKind.MEMBER_JOINED, title="Joined", about=member)
    again = publish(kind=NewsKind.MEMBER_JOINED, title="Joined (edited)", about=member)
    assert first.pk == again.pk
    assert NewsItem.objects.filter(object_id=member.pk).count() == 1
    assert NewsItem.objects.get(pk=first.pk).title == "Joined (edited)"
    other = publish(kind=NewsKind.PLEDGE, title="Pledged", about=member)
    assert other.pk != first.pk


def test_home_and_profile_show_the_latest_news(client):
    member = MemberFactory(slug="leuven")
    news(title="Leuven joined", member=member)
    news(title="Something else")
    assert "Leuven joined" in client.get("/").content.decode()
    profile = client.get("/members/leuven/").content.decode()
    assert "Leuven joined" in profile
    assert "Something else" not in profile


def test_announcement_published_from_the_admin_becomes_news(client):
    staff = SecretariatFactory()
    enrol_totp(staff)
    client.force_login(staff)
    response = client.post(
        reverse("admin:newsfeed_announcement_add"),
        {
            "title": "Forum in Gwangju",
            "summary": "Save the date.",
            "body": "The **forum** meets in October.",
            "visibility": "public",
            "language": "en",
            "publish_at_0": "2026-01-10",
            "publish_at_1": "10:00:00",
        },
    )
    assert response.status_code == 302
    announcement = Announcement.objects.get(title="Forum in Gwangju")
    item = NewsItem.objects.get(kind=NewsKind.ANNOUNCEMENT, object_id=announcement.pk)
    assert item.link == f"/news/announcements/{announcement.pk}/"
    client.logout()
    page = client.get(item.link).content.decode()
    assert "The <strong>forum</strong> meets in October." in page


def test_announcement_image_must_be_an_image_by_content(client):
    staff = SecretariatFactory()
    enrol_totp(staff)
    client.force_login(staff)
    fake = SimpleUploadedFile("photo.png", b"<html>not a png</html>", content_type="image/png")
    response = client.post(
        reverse("admin:newsfeed_announcement_add"),
        {
            "title": "With image", "body": "x", "visibility": "public", "language": "en",
            "publish_at_0": "2026-01-10", "publish_at_1": "10:00:00", "image": fake,
            "image_description": "A photo",
        },
    )  # fmt: skip
    assert "This file is not an accepted type. Accepted: PNG, JPEG, GIF, WebP." in (
        response.content.decode()
    )
    assert not Announcement.objects.exists()


def test_members_only_announcement_is_hidden_from_visitors(client):
    announcement = Announcement(title="Internal", body="x", visibility=Visibility.MEMBERS)
    announcement_publish(announcement=announcement)
    url = f"/news/announcements/{announcement.pk}/"
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert "<h1>Internal</h1>" in client.get(url).content.decode()


ATOM = {"atom": "http://www.w3.org/2005/Atom"}


def _feed_entries(client) -> list[ElementTree.Element]:
    return ElementTree.fromstring(client.get("/news/feed/").content).findall("atom:entry", ATOM)


def test_atom_feed_summary_is_text_a_reader_never_runs_as_markup(client):
    news(title="Hello", summary="<img src=x onerror=alert(1)>Hello")
    [entry] = _feed_entries(client)
    summary = entry.find("atom:summary", ATOM)
    assert summary.get("type") == "text"
    assert summary.text == "<img src=x onerror=alert(1)>Hello"


def test_atom_feed_survives_control_characters_in_news(client):
    news(title="Bell\x07 ringing", summary="Form\x0cfeed")
    [entry] = _feed_entries(client)
    assert entry.find("atom:title", ATOM).text == "Bell ringing"
    assert entry.find("atom:summary", ATOM).text == "Formfeed"


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", " javascript:alert(1)", "//evil.example/", "data:text/html,x"]
)
def test_publish_refuses_an_unsafe_link_and_writes_nothing(link):
    with pytest.raises(ValidationError) as refused:
        news(title="Click me", link=link)
    assert refused.value.message_dict == {
        "link": [
            "Enter a path on this site that starts with “/”, or a full address that starts "
            "with http:// or https://."
        ]
    }
    with pytest.raises(ValidationError):
        news(title="Click me", about=MemberFactory(), link=link)
    assert not NewsItem.objects.exists()


def test_publish_keeps_the_item_as_it_was_when_an_update_has_an_unsafe_link():
    member = MemberFactory()
    item = news(title="Joined", about=member, link="/members/x/")
    with pytest.raises(ValidationError):
        news(title="Joined (edited)", about=member, link="javascript:alert(1)")
    assert NewsItem.objects.values_list("title", "link").get(pk=item.pk) == (
        "Joined",
        "/members/x/",
    )


def test_publish_accepts_site_paths_and_web_addresses():
    news(title="Here", link="/members/rabat/?tab=news#latest")
    news(title="There", link="https://example.org/report.pdf")
    assert sorted(NewsItem.objects.values_list("link", flat=True)) == [
        "/members/rabat/?tab=news#latest",
        "https://example.org/report.pdf",
    ]


def test_unsafe_link_stored_behind_validation_is_never_rendered(client):
    item = NewsItem.objects.create(
        kind=NewsKind.ANNOUNCEMENT, title="Old item", link="javascript:alert(1)"
    )
    page = client.get("/news/").content.decode()
    assert "javascript:" not in page
    assert f'<h3 id="news-{item.pk}-title">Old item</h3>' in page
    assert "javascript:" not in client.get("/").content.decode()
    [entry] = _feed_entries(client)
    assert entry.find("atom:link", ATOM).get("href") == f"http://testserver/news/#news-{item.pk}"


def test_news_about_an_unpublished_member_is_hidden_from_pages_and_feed(client):
    hidden = MemberFactory(name="Draft city", slug="draft-city", is_published=False)
    shown = MemberFactory(name="Rabat", slug="rabat")
    news(title="Draft city joined", member=hidden)
    news(title="Rabat joined", member=shown)
    news(title="About no member")
    assert _titles(client.get("/news/")) == ["About no member", "Rabat joined"]
    client.force_login(UserFactory())
    assert _titles(client.get("/news/")) == ["About no member", "Rabat joined"]
    assert "Draft city joined" not in client.get("/").content.decode()
    entries = _feed_entries(client)
    assert [entry.find("atom:title", ATOM).text for entry in entries] == [
        "About no member",
        "Rabat joined",
    ]


def test_news_page_counts_only_news_about_published_members(client, django_assert_num_queries):
    news(title="Hidden", member=MemberFactory(is_published=False))
    news(title="Shown", member=MemberFactory())
    with django_assert_num_queries(4):
        response = client.get("/news/")
    assert "1 news item" in response.content.decode()


def _announcement_with_image(visibility: str) -> Announcement:
    image = SimpleUploadedFile("photo.png", PNG, content_type="image/png")
    announcement = Announcement(
        title=f"{visibility} photo",
        body="x",
        visibility=visibility,
        image=image,
        image_description="A photo",
    )
    announcement_publish(announcement=announcement)
    return announcement


def _image(client, announcement):
    response = client.get(f"/news/announcements/{announcement.pk}/image/")
    assert b"".join(response.streaming_content) == PNG
    response.close()
    return response


def test_public_announcement_image_may_be_cached_by_anyone(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    announcement = _announcement_with_image(Visibility.PUBLIC)
    assert _image(client, announcement)["Cache-Control"] == "public, max-age=3600"


def test_members_only_announcement_image_is_not_kept_by_shared_caches(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    announcement = _announcement_with_image(Visibility.MEMBERS)
    assert client.get(f"/news/announcements/{announcement.pk}/image/").status_code == 404
    client.force_login(UserFactory())
    assert _image(client, announcement)["Cache-Control"] == "private, max-age=3600"
