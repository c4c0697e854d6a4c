"""A visit's first steps in a real browser: a member asks a host organisation for a visit, a
host accepts it, and both sign the learning agreement."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from demo.factories import PASSWORD
from tests.browser.test_accessibility import audit

pytestmark = pytest.mark.browser


def sign_in(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(lambda url: "/accounts/logout/" not in url)


def test_a_member_applies_a_host_accepts_and_both_sign(people, page):
    window = people["window"]
    first_day = window.starts_on + timedelta(days=1)

    sign_in(page, people["visitor"])
    page.get_by_role("link", name="Hosting offers").click()
    page.get_by_role("link", name="Family support sessions (fictional)").click()
    page.get_by_role("link", name="Ask for a visit").click()
    page.get_by_label("Challenge", exact=True).select_option(label=people["challenge"])
    page.get_by_label("The challenge in your own words").fill(
        "Young people in our town follow an online group that glorifies violence."
    )
    page.get_by_label("What you want to learn").fill("How the team involves families early.")
    page.get_by_label(people["language"], exact=True).check()
    # A direct request asks for the visit's days once; the offer's one window is chosen.
    expect(page.get_by_label("Available from")).to_have_count(0)
    expect(page.get_by_label("Window of the offer")).to_have_value(str(window.pk))
    page.get_by_label("First day of the visit").fill(first_day.isoformat())
    page.get_by_label("Last day of the visit").fill((first_day + timedelta(days=2)).isoformat())
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Your request is sent to the host.")).to_be_visible()
    sign_out(page)

    sign_in(page, people["host"])
    page.get_by_role("link", name="Dashboard").click()
    page.get_by_role("link", name="Visiting Mentor").click()
    page.get_by_role("button", name="Accept the visit").click()
    assert page.locator(".visit-state").inner_text().startswith("Accepted")
    page.get_by_label("Tasks").fill("Observe a family session (with consent); meet the team.")
    page.get_by_label("Host mentor").fill("Hosting Counsellor, senior family counsellor")
    page.get_by_role("button", name="Save the agreement").click()
    page.get_by_role("button", name="Sign the agreement").click()
    expect(page.get_by_text("Signed by the host on")).to_be_visible()
    sign_out(page)

    sign_in(page, people["visitor"])
    page.get_by_role("link", name="Dashboard").click()
    page.get_by_role("link", name="Visit to Fictional Dune Counselling").click()
    expect(page.get_by_text("Not signed by the visitor yet.")).to_be_visible()
    page.get_by_role("button", name="Sign the agreement").click()
    assert page.locator(".visit-state").inner_text().startswith("Agreement signed")
    expect(page.get_by_text("Observe a family session (with consent)")).to_be_visible()
    agreement = page.locator("dl.agreement")  # the host mentor is also among the People
    expect(agreement.get_by_text("Hosting Counsellor, senior family counsellor")).to_be_visible()
    audit(page, page.url)  # the visit's page passes axe, as every page does
