"""Each role finds its way, at a desktop's width and a phone's: the header's menus (behind a
Menu button on a phone), the next step on the dashboard and the visit's page as status tags in
words, the filters folded under the results' bar on a phone. axe audits every page on the way.

A screenshot of each page at each width is kept in test-results/screenshots/ for people to look
at (CI keeps the folder); nothing compares pixels."""

from pathlib import Path

from django.conf import settings

import pytest
from playwright.sync_api import expect

from demo.factories import make_coordinator
from demo.indexing import indexing_afterwards
from tests.browser.conftest import session_of
from tests.browser.test_accessibility import audit

pytestmark = pytest.mark.browser

WIDTHS = [1280, 390]
SCREENSHOTS = Path(settings.BASE_DIR) / "test-results" / "screenshots"


def look(page, name: str, width: int) -> None:
    """axe finds nothing on the page (reloaded), and a screenshot is kept for review."""
    audit(page, page.url)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)


def at_width(page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})


def signed_in(page, live_server, session: str) -> None:
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


def open_menus(page, width: int) -> None:
    """On a phone the menus fold behind the Menu button; on a desktop there is no such button."""
    menu = page.get_by_role("button", name="Menu")
    if width < 700:
        expect(page.get_by_role("navigation", name="Sections")).to_be_hidden()
        menu.click()
        expect(menu).to_have_attribute("aria-expanded", "true")
    else:
        expect(menu).to_be_hidden()
    expect(page.get_by_role("navigation", name="Sections")).to_be_visible()


@pytest.fixture
def site_pages(site_db):
    from demo.site import seed_site_pages

    with indexing_afterwards():  # as `make run` indexes the demo
        seed_site_pages()


@pytest.fixture
def request_sent(people):
    """The visitor's request to the host, waiting for the host's answer."""
    from demo.factories import apply

    visit = apply(people["visitor"], people["window"]).visits.get()
    return {
        **people,
        "visit": visit.pk,
        "visitor_session": session_of(people["visitor"]),
        "host_session": session_of(people["host"]),
    }


def test_the_public_finds_the_sections_the_library_and_search(site_pages, page):
    for width in WIDTHS:  # one seeded site for both widths: seeding costs more than a visit
        public_way(page, width)


def public_way(page, width: int) -> None:
    at_width(page, width)
    page.goto("/")
    look(page, "public-home", width)  # axe reloads the page: the menus fold again
    open_menus(page, width)
    sections = page.get_by_role("navigation", name="Sections")
    sections.get_by_role("link", name="Practice library").click()
    page.wait_for_url("**/practices/")
    # Marked as the current section (folded away on a phone, but there for screen readers).
    expect(page.locator('.section-nav a[href="/practices/"]')).to_have_attribute(
        "aria-current", "page"
    )

    # The filters: beside the results on a desktop; on a phone, folded above them.
    filters = page.locator("details[data-filters]")
    first_filter = filters.locator(".facet a").first
    expect(page.get_by_role("heading", level=2, name="practices")).to_be_visible()
    if width < 700:
        expect(first_filter).to_be_hidden()
        filters.locator("summary").click()
        expect(first_filter).to_be_visible()
    else:
        expect(first_filter).to_be_visible()
        filters.locator("summary").click()  # a heading there: it does not fold them away
        expect(first_filter).to_be_visible()
    look(page, "public-library", width)

    # The header's search box suggests as you type, like the search page's.
    box = page.get_by_role("combobox", name="Search the practice library")
    box.fill("fam")
    suggestions = page.locator("#site-search-suggestions")
    expect(suggestions.get_by_role("option").first).to_be_visible()
    box.press("Escape")
    expect(suggestions).to_be_hidden()

    page.goto("/search/")
    expect(page.get_by_role("heading", name="What to search for")).to_be_visible()
    look(page, "public-search-empty", width)
    page.goto("/search/?q=famly")
    expect(page.get_by_text("Did you mean:")).to_be_visible()
    # A German reader searching every language version: the English one says so.
    page.goto("/de/search/?q=protocol")
    page.get_by_role("link", name="Alle Sprachfassungen durchsuchen").click()
    expect(page.get_by_text("Geschrieben auf Englisch").first).to_be_visible()
    look(page, "public-search-every-version", width)
    page.goto("/reports/")
    look(page, "public-reports", width)
    expect(
        page.get_by_role("navigation", name="Footer").get_by_role("link", name="Privacy notice")
    ).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_visitor_sees_the_next_step_and_writes_to_the_host(
    request_sent, page, live_server, width
):
    at_width(page, width)
    signed_in(page, live_server, request_sent["visitor_session"])
    page.goto("/welcome/")
    expect(page.get_by_text("Say what you work on")).to_be_visible()
    look(page, "visitor-welcome", width)

    page.goto("/dashboard/")
    look(page, "visitor-dashboard", width)
    open_menus(page, width)
    work = page.get_by_role("navigation", name="Your work")
    expect(work.get_by_role("link", name="Dashboard")).to_have_attribute("aria-current", "page")
    for section in ("Your visits", "Your applications"):  # the request, and the visit it made
        region = page.get_by_role("region", name=section)
        expect(region.locator(".status-tag", has_text="Waiting for the host")).to_be_visible()

    page.get_by_role("link", name="Visit to Fictional Dune Counselling").click()
    expect(page.get_by_text("Next step: Waiting for the host")).to_be_visible()
    page.get_by_label("Your message").fill("Which door do I use on the first morning?")
    page.get_by_role("button", name="Send the message").click()
    expect(page.get_by_text("Your message is sent.")).to_be_visible()
    expect(page.get_by_text("Which door do I use on the first morning?")).to_be_visible()
    look(page, "visitor-visit", width)

    # A message left empty: the error summary names it and leads to the field.
    page.get_by_role("button", name="Send the message").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    summary.get_by_role("link").click()
    expect(page.get_by_label("Your message")).to_be_focused()

    page.goto("/accounts/")
    expect(page.get_by_role("heading", name="Signing in")).to_be_visible()
    look(page, "visitor-account", width)
    page.goto("/visits/")
    look(page, "visitor-visits", width)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_host_answers_the_request_from_the_dashboard(request_sent, page, live_server, width):
    at_width(page, width)
    signed_in(page, live_server, request_sent["host_session"])
    page.goto("/dashboard/")
    tag = page.locator(".task-list .status-tag", has_text="Accept or decline the request")
    expect(tag).to_be_visible()
    look(page, "host-dashboard", width)
    page.get_by_role("link", name="Visiting Mentor").click()
    page.get_by_role("button", name="Accept the visit").click()
    expect(page.get_by_text("Next step: Complete the learning agreement")).to_be_visible()
    look(page, "host-visit", width)
    page.goto("/dashboard/")
    expect(
        page.locator(".task-list .status-tag", has_text="Complete the learning agreement")
    ).to_be_visible()


@pytest.fixture
def coordinator_session(site_db):
    return session_of(make_coordinator(first_name="Coordinating", last_name="Person"))


@pytest.mark.parametrize("width", WIDTHS)
def test_a_coordinator_reaches_the_admin_and_its_summary(
    coordinator_session, page, live_server, width
):
    at_width(page, width)
    signed_in(page, live_server, coordinator_session)
    page.goto("/dashboard/")
    open_menus(page, width)
    page.get_by_role("navigation", name="Your work").get_by_role("link", name="Admin").click()
    expect(page.get_by_role("heading", name="The network today")).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"coordinator-admin-{width}.png"))
