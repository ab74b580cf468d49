import pytest

from tests.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_passes_axe(page):
    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Human rights cities and territories"
    )
    assert_accessible(page, screenshot="home")


def test_login_page_passes_axe(page):
    page.goto("/accounts/login/")
    assert page.get_by_role("heading", level=1).inner_text() == "Sign In"
    assert_accessible(page, screenshot="login")


def test_home_page_on_a_phone_passes_axe(phone_page):
    phone_page.goto("/")
    assert phone_page.get_by_role("link", name="Skip to main content").count() == 1
    assert_accessible(phone_page, screenshot="home-phone")


def test_switching_language_changes_the_interface(page):
    page.goto("/")
    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Villes et territoires des droits humains"
    )
    assert page.locator("html").get_attribute("lang") == "fr"
    assert_accessible(page, screenshot="home-fr")

    page.get_by_label("Langue").select_option("es")
    page.get_by_role("button", name="Changer").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Ciudades y territorios de derechos humanos"
    )
    assert page.locator("html").get_attribute("lang") == "es"


def test_skip_link_moves_keyboard_focus_to_the_main_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
