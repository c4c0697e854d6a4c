"""A reflection log in a real browser: the visitor writes before, during and after the visit
(the page's script saves a draft while they type), shares one answer with the host mentor, the
host reads it, and the visitor sees that read."""

from datetime import timedelta

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from demo.factories import advance
from exchange.visits.models import Visit
from tests.browser.test_accessibility import audit
from tests.browser.test_visit_journey import sign_in, sign_out
from tests.exchange.conftest import Network

pytestmark = pytest.mark.browser


@pytest.fixture
def visit(people):
    """The journey's two members (test_visit_journey.py), after a visit that took place a few
    days ago, its agreement signed by the host mentor."""
    host, visitor = people["host"], people["visitor"]
    network = Network(None, None, host, None, visitor, None, None, people["window"])
    visit = advance(network, "completed")
    ended = timezone.localdate() - timedelta(days=3)
    Visit.objects.filter(pk=visit.pk).update(starts_on=ended - timedelta(days=2), ends_on=ended)
    return {"visit": visit, "host": host, "visitor": visitor}


def answer_every_question(page, text: str) -> None:
    """Write every answer of the phase page open now, then submit them together: one form, so
    nothing typed in one answer is lost by submitting another."""
    boxes = page.locator("form[data-autosave] textarea")
    for n in range(boxes.count()):
        boxes.nth(n).fill(text)
    page.get_by_role("button", name="Submit your answers").click()
    expect(page.get_by_text("Submitted.")).to_be_visible()


def test_the_visitor_reflects_shares_with_the_host_and_sees_the_read(visit, page):
    sign_in(page, visit["visitor"])
    page.get_by_role("link", name="Dashboard").click()
    page.get_by_role("link", name="Write your reflection: After the visit").click()
    expect(page.get_by_role("heading", name="After the visit", level=1)).to_be_visible()
    audit(page, page.url)

    # The script saves a draft while the visitor types, without a click.
    page.locator("textarea").first.press_sequentially("What I saw: the team meets the family")
    expect_saved = page.locator("[data-autosave-status]").first
    expect_saved.filter(has_text="Draft saved at").wait_for()
    page.reload()
    assert page.locator("textarea").first.input_value().startswith("What I saw: the team")

    page.get_by_role("link", name="Your reflection log").first.click()
    page.get_by_role("link", name="Before the visit").click()
    answer_every_question(page, "I expect to see how the first contact is prepared.")
    page.get_by_role("link", name="Your reflection log").first.click()
    page.get_by_role("link", name="During the visit").click()
    form = page.locator("form[data-autosave]")
    form.locator("textarea").first.fill(
        "Day one: a case review where the family's words come first."
    )
    form.get_by_role("button", name="Submit your answers").click()
    expect(page.get_by_text("Submitted.")).to_be_visible()

    page.get_by_role("link", name="Your reflection log").first.click()
    page.get_by_role("link", name="After the visit").click()
    answer_every_question(page, "What would it take at home: a second counsellor per family.")
    page.get_by_role("link", name="Your reflection log").first.click()
    expect(
        page.locator(".task-list__item")
        .filter(has_text="After the visit")
        .filter(has_text="Completed")
    ).to_be_visible()

    page.get_by_role("link", name="During the visit").click()
    page.get_by_role("link", name="Sharing and versions").first.click()
    page.get_by_role("listitem").filter(has_text="your visit partner").get_by_role(
        "button", name="Share"
    ).click()
    expect(page.get_by_text("Shared with the visit partner.")).to_be_visible()
    expect(page.get_by_text("Nobody but you has read it.")).to_be_visible()
    entry_url = page.url
    sign_out(page)

    sign_in(page, visit["host"])
    page.goto(f"/visits/{visit['visit'].pk}/")
    page.get_by_role("link", name="Your reflection log").click()  # the host mentor keeps one too
    page.get_by_role("link", name="What did you observe today?").click()
    expect(
        page.get_by_text("Day one: a case review where the family's words come first.")
    ).to_be_visible()
    expect(page.get_by_text("Visiting Mentor", exact=True)).to_be_visible()
    sign_out(page)

    sign_in(page, visit["visitor"])
    page.goto(entry_url)
    reads = page.get_by_role("table")
    expect(reads.get_by_role("cell", name="Hosting Counsellor")).to_be_visible()
    expect(page.get_by_text("Nobody but you has read it.")).to_have_count(0)
    for path in ("/reflections/", f"/visits/{visit['visit'].pk}/reflections/"):
        audit(page, path)  # the log and the overview pass axe, as every page does
    audit(page, f"/visits/{visit['visit'].pk}/reflections/during/")
    audit(page, entry_url)
