from datetime import date

import pytest

from campaign.models import Campaign
from tests.accounts.factories import SecretariatFactory, enrol_totp
from tests.cities.factories import MemberFactory
from tests.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A 1x1 transparent PNG: map tiles are answered locally, so the test needs no network and
# the tile host still goes through the policy's img-src.
TILE = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def members():
    return [
        MemberFactory(name="Gwangju", slug="gwangju", country="KR", latitude="35.16",
                      longitude="126.85"),
        MemberFactory(name="Vienna", slug="vienna", country="AT", latitude="48.21",
                      longitude="16.37"),
    ]  # fmt: skip


@pytest.fixture
def watched_page(browser_context):
    tile_requests = []

    def answer_tile(route):
        tile_requests.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=TILE)

    browser_context.route("https://tile.openstreetmap.org/**", answer_tile)
    browser_context.add_init_script(RECORD_VIOLATIONS)
    page = browser_context.new_page()
    page.console_messages = []
    page.on("console", lambda message: page.console_messages.append(message.text))
    page.on("pageerror", lambda error: page.console_messages.append(str(error)))
    page.tile_requests = tile_requests
    yield page
    page.close()


def _goto(page, path):
    """Open ``path``; its policy must allow scripts only from the site and by nonce."""
    response = page.goto(path)
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self' 'nonce-" in policy
    assert "'unsafe-inline'" not in policy


def _assert_no_violations(page):
    assert page.evaluate("window.__cspViolations") == []
    assert page.console_messages == []


def _map_ready(page):
    page.wait_for_selector("[data-member-map][data-ready='true']")
    return page.locator("[data-member-map]")


def test_map_page_runs_under_the_policy(watched_page, members):
    page = watched_page
    _goto(page, "/map/")
    container = _map_ready(page)
    assert container.get_attribute("data-marker-count") == "2"
    assert page.locator("[data-map-list] li a").all_inner_texts() == ["Gwangju", "Vienna"]
    assert page.locator(".member-marker, .marker-cluster").count() >= 1
    page.locator("img.leaflet-tile-loaded").first.wait_for()
    assert page.tile_requests
    _assert_no_violations(page)


def test_member_directory_runs_under_the_policy(watched_page, members):
    page = watched_page
    _goto(page, "/members/")
    assert page.locator("table tbody th").all_inner_texts() == ["Gwangju", "Vienna"]
    page.get_by_label("Country").select_option("KR")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**country=KR**")
    assert page.locator("table tbody th").all_inner_texts() == ["Gwangju"]
    _assert_no_violations(page)


def test_campaign_page_runs_under_the_policy(watched_page, members):
    Campaign.objects.create(name="Campaign", slug="campaign", launched_on=date(2022, 7, 15))
    page = watched_page
    _goto(page, "/campaign/")
    container = _map_ready(page)
    assert container.get_attribute("data-marker-count") == "0"
    _assert_no_violations(page)


def test_member_profile_map_runs_under_the_policy(watched_page, members):
    page = watched_page
    _goto(page, "/members/vienna/")
    assert page.get_by_role("heading", level=1).inner_text() == "Vienna"
    page.wait_for_selector(".member-marker")
    assert page.locator(".member-marker").count() == 1
    _assert_no_violations(page)


def test_admin_export_select_all_works_under_the_policy(watched_page, browser_context, members):
    staff = SecretariatFactory()
    enrol_totp(staff)
    sign_in(browser_context, staff)
    page = watched_page
    _goto(page, "/admin/cities/member/export/")
    fields = page.locator('.selectable-field-export-row input[type="checkbox"]:visible')
    assert fields.count() > 1
    page.locator("input.select-toggle").uncheck()
    assert [field.is_checked() for field in fields.all()] == [False] * fields.count()
    page.locator("input.select-toggle").check()
    assert [field.is_checked() for field in fields.all()] == [True] * fields.count()
    # Only the library's own inline attributes are refused (they are replaced by our files).
    assert sorted(set(page.evaluate("window.__cspViolations"))) == [
        "script-src-attr inline",
        "style-src-attr inline",
    ]
