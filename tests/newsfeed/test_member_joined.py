"""Publishing a member announces that it joined, once, from the service that publishes it."""

import pytest
from django.core.exceptions import PermissionDenied

from cities.models import Member
from newsfeed.models import NewsItem, NewsKind
from newsfeed.services.members import member_publish
from tests.accounts.factories import SecretariatFactory, UserFactory, enrol_totp
from tests.cities.factories import MemberFactory

pytestmark = pytest.mark.django_db


def _secretariat(client):
    staff = SecretariatFactory()
    enrol_totp(staff)
    client.force_login(staff)
    return staff


def test_publishing_a_member_announces_it_once_on_the_news_page(client):
    member = MemberFactory(name="Gwangju", is_published=False)
    staff = SecretariatFactory()
    member_publish(member=member, by=staff)
    member_publish(member=member, by=staff)
    item = NewsItem.objects.get(kind=NewsKind.MEMBER_JOINED)
    assert (item.title, item.member, item.actor) == ("Gwangju joined the community", member, staff)
    assert "Gwangju joined the community" in client.get("/news/").content.decode()


def test_only_the_secretariat_publishes_a_member():
    member = MemberFactory(is_published=False)
    with pytest.raises(PermissionDenied):
        member_publish(member=member, by=UserFactory())
    assert not Member.objects.get(pk=member.pk).is_published
    assert not NewsItem.objects.exists()


def test_the_admin_action_publishes_and_announces(client):
    staff = _secretariat(client)
    hidden = MemberFactory(name="Mexico City", is_published=False)
    client.post(
        "/admin/cities/member/", {"action": "publish_selected", "_selected_action": [hidden.pk]}
    )
    assert Member.objects.get(pk=hidden.pk).is_published
    item = NewsItem.objects.get(kind=NewsKind.MEMBER_JOINED)
    assert (item.member_id, item.actor) == (hidden.pk, staff)


def test_ticking_published_in_the_admin_announces_and_unticking_hides_the_news(client):
    _secretariat(client)
    member = MemberFactory(name="Graz", is_published=False)
    page = client.get(f"/admin/cities/member/{member.pk}/change/")
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {key: ("" if value is None else value) for key, value in data.items()}
    data.update(
        {
            "is_published": "on",
            "affiliations-TOTAL_FORMS": "0",
            "affiliations-INITIAL_FORMS": "0",
            "_save": "Save",
        }
    )
    response = client.post(f"/admin/cities/member/{member.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Member.objects.get(pk=member.pk).is_published
    assert "Graz joined the community" in client.get("/news/").content.decode()
    Member.objects.filter(pk=member.pk).update(is_published=False)
    client.logout()
    assert "Graz joined the community" not in client.get("/news/").content.decode()
