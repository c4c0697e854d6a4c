"""An excerpt in a real browser: the visitor proposes a passage of a submitted answer, the gate
flags a name and a date in place, the visitor edits the name away and keeps the date with a
reason, confirms the checklist and consents; a coordinator suggests a shorter version; the
visitor consents to it, then withdraws."""

from django.conf import settings
from django.contrib.auth.models import Group

import pytest
from playwright.sync_api import expect

from demo.factories import UserFactory
from exchange.roles import COORDINATORS
from tests.browser.conftest import after_visit_answer, session_of
from tests.browser.test_accessibility import audit
from tests.browser.test_visit_journey import sign_in, sign_out

pytestmark = pytest.mark.browser

ANSWER = "The mother, Mrs Berisha, called the team on 12 March 2024. The team listened first."


@pytest.fixture
def answer(people):
    coordinator = UserFactory(second_factor=True, first_name="Network", last_name="Coordinator")
    coordinator.groups.add(Group.objects.get(name=COORDINATORS))
    return {
        "entry": after_visit_answer(people, ANSWER),
        "visitor": people["visitor"],
        "coordinator_session": session_of(coordinator),
    }


def confirm_checklist(page):
    for box in page.locator("input[name=checklist]:visible").all():
        box.check()


def test_propose_flag_fix_consent_suggest_approve_withdraw(answer, page):
    sign_in(page, answer["visitor"])
    page.goto(f"/reflections/{answer['entry'].pk}/")
    page.get_by_role("link", name="Propose an excerpt for the network's publication").click()
    flags = page.locator("mark.finding")
    expect(flags).to_have_count(2)  # the name and the date, in place
    audit(page, page.url)

    page.get_by_label("The excerpt").fill(
        "The mother called the team on 12 March 2024. The team listened first."
    )
    page.get_by_label("With my role and country only").check()
    confirm_checklist(page)
    page.get_by_role("button", name="Propose and consent").click()
    expect(page.get_by_text("Edit away or keep, with a reason")).to_be_visible()
    expect(page.locator("mark.finding")).to_have_count(1)  # the name is gone; the date remains
    page.get_by_label("Keep it, because").fill("The date of a public event, not the client's.")
    confirm_checklist(page)
    page.get_by_label("With my role and country only").check()
    page.get_by_role("button", name="Propose and consent").click()
    expect(page.get_by_text("Your excerpt is proposed, and your consent recorded.")).to_be_visible()
    excerpt_url = page.url
    sign_out(page)

    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": answer["coordinator_session"],
                "url": excerpt_url,
            }
        ]
    )
    page.goto(excerpt_url)
    page.get_by_label("Your suggested text").fill("The team listened first.")
    page.get_by_label("Why (the author reads this)").fill("Shorter, without the date.")
    page.get_by_role("button", name="Send the suggestion").click()
    expect(page.get_by_text("Your suggestion is sent to the author")).to_be_visible()
    page.context.clear_cookies()

    sign_in(page, answer["visitor"])
    page.goto(excerpt_url)
    expect(page.get_by_text("Shorter, without the date.")).to_be_visible()
    confirm_checklist(page)
    page.get_by_role("button", name="Consent to this version").click()
    expect(page.get_by_text("You consented to the suggested version.")).to_be_visible()
    expect(page.locator("blockquote").first).to_have_text("The team listened first.")
    audit(page, page.url)
    page.get_by_role("button", name="Withdraw my consent").click()
    expect(page.get_by_text("Your consent is withdrawn")).to_be_visible()
    expect(page.get_by_text("None in force")).to_be_visible()
    page.goto("/excerpts/")
    expect(page.get_by_text("withdrawn since")).to_be_visible()
