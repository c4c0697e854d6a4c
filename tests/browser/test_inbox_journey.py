"""The inbox on a phone, in a real browser: a host sees the count in the header, opens the
request from their notifications, and chooses a weekly digest for messages."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import session_of
from tests.browser.test_accessibility import audit

pytestmark = pytest.mark.browser


@pytest.fixture
def told(people):
    from demo.factories import propose
    from tests.exchange.conftest import Network

    network = Network(
        None, None, people["host"], None, people["visitor"], None, None, people["window"]
    )
    visit = propose(network)
    return {"visit": visit.get_absolute_url(), "host": session_of(people["host"])}


def test_a_host_reads_the_inbox_on_a_phone_and_chooses_a_digest(told, page, live_server):
    from django.conf import settings

    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": told["host"], "url": live_server.url}]
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/dashboard/")
    page.get_by_role("button", name="Menu").click()
    inbox_link = page.get_by_role("link", name="Notifications, 1 unread")
    expect(inbox_link).to_be_visible()
    inbox_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    audit(page, page.url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("link", name="New visit request from Visiting Mentor").click()
    assert page.url.endswith(told["visit"])

    page.goto("/notifications/")
    expect(page.get_by_text("Nothing unread.")).to_be_visible()
    page.get_by_role("link", name="Choose how you hear of each kind").click()
    audit(page, page.url)
    page.get_by_role("group", name="A message about your visit").get_by_label(
        "In a weekly digest"
    ).check()
    page.get_by_role("button", name="Save your choices").click()
    expect(page.get_by_text("Your choices are saved.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
