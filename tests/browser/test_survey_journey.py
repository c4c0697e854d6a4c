"""A survey in a real browser: the visitor finds it on the dashboard, saves a draft, tries to
send it with a required answer missing and is led to the question by the error summary, then
sends it; the visit page says it is answered. axe finds no violation on the survey page."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import after_visit_answer
from tests.browser.test_accessibility import audit
from tests.browser.test_visit_journey import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def visitor(people):
    entry = after_visit_answer(people, "The team listened first.")
    return {"user": people["visitor"], "visit": entry.visit_id}


def test_a_visitor_answers_the_after_visit_survey(visitor, page):
    sign_in(page, visitor["user"])
    page.goto("/dashboard/")
    page.get_by_role("link", name="Answer the survey: After the visit").click()
    expect(page.get_by_role("heading", name="Survey: After the visit")).to_be_visible()
    audit(page, page.url)

    useful = page.get_by_role("group", name="How useful was the visit for your work?")
    useful.get_by_label("5 – very much").check()
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    assert (
        page.get_by_role("group", name="How useful was the visit for your work?")
        .get_by_label("5 – very much")
        .is_checked()
    )

    page.get_by_role("button", name="Send my answers").click()
    summary = page.get_by_role("alert")
    expect(summary.get_by_text("There is a problem")).to_be_visible()
    summary.get_by_role("link", name="How well did the visit meet its learning goals?").click()
    goals = page.get_by_role("group", name="How well did the visit meet its learning goals?")
    expect(goals.get_by_text("Answer this question to send the survey.")).to_be_visible()
    goals.get_by_label("4", exact=True).check()
    learned = page.get_by_role("group", name="How much did you learn that you did not know before?")
    learned.get_by_label("3", exact=True).check()
    page.get_by_label("What should the network change about visits? (optional)").fill(
        "Longer visits, please."
    )
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Thank you: your answers are sent.")).to_be_visible()
    expect(page.get_by_text("You answered this survey on")).to_be_visible()
    expect(page.get_by_role("button", name="Send my answers")).to_have_count(0)

    page.goto(f"/visits/{visitor['visit']}/")
    expect(page.get_by_text("Answered")).to_be_visible()
