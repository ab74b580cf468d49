import pytest
from playwright.sync_api import expect

from tests.cities.factories import MemberFactory, focus_area, region
from tests.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def members():
    housing, health = focus_area("housing"), focus_area("health")
    return [
        MemberFactory(name="Gwangju", slug="gwangju", country="KR", region=region("asia-pacific"),
                      latitude="35.16", longitude="126.85", focus_areas=[housing]),
        MemberFactory(name="Vienna", slug="vienna", country="AT", latitude="48.21",
                      longitude="16.37", focus_areas=[health]),
        MemberFactory(name="Bogotá", slug="bogota", country="CO", region=region("latin-america"),
                      latitude="4.71", longitude="-74.07", focus_areas=[housing]),
        MemberFactory(name="Hidden", slug="hidden", is_published=False),
    ]  # fmt: skip


def _map_ready(page):
    page.wait_for_selector("[data-member-map][data-ready='true']")
    return page.locator("[data-member-map]")


def test_map_shows_a_marker_per_member_and_filters_without_reloading(page, members):
    page.goto("/map/")
    container = _map_ready(page)
    assert container.get_attribute("data-marker-count") == "3"
    assert page.locator("[data-map-list] li").all_inner_texts() == [
        "Bogotá Colombia",
        "Gwangju South Korea",
        "Vienna Austria",
    ]
    assert page.locator(".member-marker, .marker-cluster").count() >= 1
    assert_accessible(page, screenshot="map")

    page.evaluate("window.__sameDocument = true")
    page.get_by_label("Focus area").select_option("housing")
    # Not wait_for_function: it compiles its predicate in the page, which the CSP forbids.
    expect(page.locator("[data-map-count]")).to_have_text("2 members")
    container = _map_ready(page)
    assert container.get_attribute("data-marker-count") == "2"
    assert page.locator("[data-map-list] li a").all_inner_texts() == ["Bogotá", "Gwangju"]
    assert page.url.endswith("/map/?focus_area=housing&sort=name")
    assert page.evaluate("window.__sameDocument") is True


def test_map_popup_links_to_the_right_profile(page, members):
    page.goto("/map/?country=KR")
    _map_ready(page)
    page.locator(".member-marker[title='Gwangju']").click()
    link = page.locator(".leaflet-popup a", has_text="Open the profile")
    expect(link).to_have_attribute("href", "/members/gwangju/")
    link.click()
    page.wait_for_url("**/members/gwangju/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gwangju")
    assert_accessible(page, screenshot="profile")


def test_directory_passes_axe_and_keeps_filters_in_the_url(page, members):
    page.goto("/members/")
    page.get_by_label("World region").select_option("asia-pacific")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**region=asia-pacific**")
    assert page.locator("table tbody th").all_inner_texts() == ["Gwangju"]
    assert_accessible(page, screenshot="members")


def test_map_works_on_a_phone(phone_page, members):
    phone_page.goto("/map/")
    container = _map_ready(phone_page)
    assert container.get_attribute("data-marker-count") == "3"
    assert_accessible(phone_page, screenshot="map-phone")


def test_affiliation_request_and_profile_edit_pages_pass_axe(browser_context, members):
    from tests.accounts.factories import UserFactory
    from tests.cities.factories import focal_point_of
    from tests.conftest import sign_in

    sign_in(browser_context, UserFactory())
    page = browser_context.new_page()
    page.goto("/members/affiliation/")
    assert page.get_by_role("heading", level=1).inner_text() == "Your institution"
    assert_accessible(page, screenshot="affiliation")

    browser_context.clear_cookies()
    sign_in(browser_context, focal_point_of(members[1]))
    page.goto("/members/vienna/edit/")
    assert page.get_by_role("heading", level=1).inner_text() == "Update the profile of Vienna"
    assert_accessible(page, screenshot="member-edit")
