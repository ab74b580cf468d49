import pytest

from core.visibility import Visibility
from tests.accounts.factories import UserFactory
from tests.cities.factories import MemberFactory
from tests.conftest import assert_accessible, sign_in
from tests.newsfeed.factories import news

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_news_page_passes_axe_and_filters(page):
    member = MemberFactory(name="Rabat", slug="rabat")
    news(title="Rabat joined the community", member=member, summary="Women in public space.")
    news(title="Members meeting", visibility=Visibility.MEMBERS)
    page.goto("/news/")
    assert page.get_by_role("heading", level=3).all_inner_texts() == ["Rabat joined the community"]
    assert_accessible(page, screenshot="news")
    page.goto("/members/rabat/")
    page.get_by_role("link", name="All news").click()
    page.wait_for_url("**member=rabat**")
    assert page.get_by_text("News about Rabat.").count() == 1
    assert page.get_by_role("heading", level=2).first.inner_text() == "1 news item"
    assert_accessible(page)


def test_members_see_members_only_news(browser_context):
    news(title="Members meeting", visibility=Visibility.MEMBERS)
    sign_in(browser_context, UserFactory())
    page = browser_context.new_page()
    page.goto("/news/")
    assert page.get_by_text("Members only").count() == 1
    assert_accessible(page)
