import re

import pytest

from demo.people import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def test_home_page_skip_link_and_demo_login(demo_site, page):
    page.goto("/")
    assert page.locator("h1").count() == 1
    assert "Learning from each other" in page.locator("h1").inner_text()
    # seed_demo indexed what it seeded, as `make run` serves it: the search finds the demo.
    page.goto("/search/?q=family")
    assert re.fullmatch(r"\d+ practices", page.locator("#results-heading").inner_text().strip())
    assert not page.locator("#results-heading").inner_text().startswith("0 ")
    page.goto("/")

    # The skip link is the first thing a keyboard reaches, and it moves focus to the content.
    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    assert skip_link.evaluate("link => link === document.activeElement")
    assert skip_link.is_visible()
    page.keyboard.press("Enter")
    # Following the link is asynchronous: reading page.url at once raced it (seen in CI-like runs).
    page.wait_for_url(lambda url: url.endswith("#main"))
    assert page.url.endswith("#main")
    assert page.evaluate("document.activeElement.id") == "main"

    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Email").fill("coordinator@demo.example")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    assert page.get_by_role("button", name="Sign out").is_visible()
