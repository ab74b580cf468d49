"""Session reports: who writes them, what publishing does (events/services.py, views_report)."""

import pytest
from django.core.exceptions import PermissionDenied

from events.models import SessionReport
from events.services import report_publish, report_save
from newsfeed.models import NewsItem, NewsKind
from tests.accounts.factories import SecretariatFactory, UserFactory
from tests.cities.factories import MemberFactory
from tests.events.factories import EventFactory, SpeakerFactory, role

pytestmark = pytest.mark.django_db


def _rapporteur(event):
    someone = UserFactory()
    role(event, SpeakerFactory(user=someone), role="rapporteur")
    return someone


def test_the_rapporteur_writes_and_publishes_and_the_news_and_profile_show_it(client):
    event = EventFactory(title="Charter-Agenda workshop")
    writer = _rapporteur(event)
    gwangju = MemberFactory(name="Gwangju")
    client.force_login(writer)
    response = client.post(
        f"/events/{event.slug}/report/",
        {
            "aim": "To gather the views of cities on the Charter-Agenda.",
            "relation_to_theme": "", "key_messages": "Rights are lived locally.",
            "commitments": "", "take_forward": "",
            "quotes-TOTAL_FORMS": "1", "quotes-INITIAL_FORMS": "0",
            "quotes-0-text": "Human rights begin at home.", "quotes-0-said_by": "A mayor",
            "quotes-0-language": "en",
            "practices-TOTAL_FORMS": "1", "practices-INITIAL_FORMS": "0",
            "practices-0-member": gwangju.pk, "practices-0-text": "A human rights ombudsperson.",
        },
    )  # fmt: skip
    assert response.status_code == 302
    report = SessionReport.objects.get(event=event)
    assert (report.status, report.quotes.get().said_by) == ("draft", "A mayor")
    assert "Rights are lived locally." not in client.get(event.get_absolute_url()).content.decode()
    assert not NewsItem.objects.filter(kind=NewsKind.SESSION_REPORT).exists()
    client.post(f"/events/{event.slug}/report/publish/")
    assert SessionReport.objects.get(pk=report.pk).status == "published"
    client.logout()
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Rights are lived locally." in page and "Human rights begin at home." in page
    news = NewsItem.objects.get(kind=NewsKind.SESSION_REPORT)
    assert (news.title, news.member) == ("Report: Charter-Agenda workshop", gwangju)
    assert "Charter-Agenda workshop" in client.get(gwangju.get_absolute_url()).content.decode()


def test_a_panelist_or_another_member_may_not_write_the_report(client):
    event = EventFactory()
    panelist = UserFactory()
    role(event, SpeakerFactory(user=panelist), role="panelist")
    for outsider in (panelist, UserFactory()):
        client.force_login(outsider)
        assert client.get(f"/events/{event.slug}/report/").status_code == 403
        assert client.post(f"/events/{event.slug}/report/", {"aim": "Hijack"}).status_code == 403
        with pytest.raises(PermissionDenied):
            report_save(event=event, by=outsider, answers={"aim": "Hijack"})
    assert not SessionReport.objects.exists()


def test_a_members_only_sessions_report_stays_members_only_in_the_news():
    event = EventFactory(visibility="members")
    report = report_save(event=event, by=SecretariatFactory(), answers={"aim": "Internal."})
    report_publish(report=report, by=SecretariatFactory())
    assert NewsItem.objects.get(kind=NewsKind.SESSION_REPORT).visibility == "members"
