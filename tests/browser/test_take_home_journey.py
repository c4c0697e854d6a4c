"""What a visit changes, in a real browser on a phone: the visitor lists the practice they saw,
says what they mean to do with it, answers the six-month follow-up, and finds the network's
figures on the practice's page (with four earlier visits, theirs makes the five that show)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import session_of
from tests.browser.test_accessibility import audit

pytestmark = pytest.mark.browser


@pytest.fixture
def half_a_year_on(people):
    from datetime import timedelta

    from django.utils import timezone

    from cms.models import OrganisationIndexPage, PracticeIndexPage
    from demo.factories import advance
    from demo.page_factories import make_organisation, make_practice
    from exchange.visits.models import Visit
    from tests.exchange.conftest import Network
    from tests.exchange.transfer.conftest import months_ago, observed

    host, visitor = people["host"], people["visitor"]
    host_org = host.profile.organisation
    practice = make_practice(
        PracticeIndexPage.objects.first(), title="Fictional dune circles", organisation=host_org
    )
    network = Network(host_org, None, host, None, visitor, None, None, people["window"])
    visit = advance(network, "completed")
    ended = timezone.localdate() - timedelta(days=months_ago(6) + 2)
    Visit.objects.filter(pk=visit.pk).update(starts_on=ended - timedelta(days=2), ends_on=ended)
    organisations = OrganisationIndexPage.objects.first()
    for n in range(4):  # four earlier visits, each of another organisation
        other = make_organisation(organisations, title=f"Fictional Earlier Visitor {n}")
        observed(network, practice, ["adapt"], statuses=["adapting"], organisation=other)
    return {
        "visit": visit.get_absolute_url(),
        "practice": practice.url,
        "visitor": session_of(visitor),
    }


def test_a_visitor_takes_a_practice_home_and_sees_it_counted(half_a_year_on, page, live_server):
    from django.conf import settings

    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": half_a_year_on["visitor"],
                "url": live_server.url,
            }
        ]
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(half_a_year_on["visit"])
    page.get_by_role("link", name="What you take home").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What you take home")
    audit(page, page.url)
    # The host's practice is offered at once; a search by title finds the library's others.
    page.get_by_label("Fictional dune circles").check()
    page.get_by_role("button", name="Add to the list").click()
    expect(page.get_by_text("“Fictional dune circles” is on the list.")).to_be_visible()

    # Saving without choosing says what is missing, at the top, linked to the question.
    page.get_by_label("Why? (optional)").fill("Our clients are younger.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("What do you mean to do with it?")
    expect(page.get_by_label("Why? (optional)")).to_have_value("Our clients are younger.")
    page.get_by_label("Adapt it to our work").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Adapt it to our work").first).to_be_visible()

    # Six months on, the follow-up is open: one short form per practice.
    page.get_by_role("link", name="After 6 months").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("6 months after your visit")
    audit(page, page.url)
    page.get_by_label("Adapting it").check()
    page.get_by_label("Support from our management", exact=True).check()
    page.get_by_label("No time for it").check()
    page.get_by_role("button", name="Send your answers").click()
    expect(page.get_by_text("Thank you: your follow-up is saved.")).to_be_visible()
    follow_ups = page.get_by_role("list").filter(has_text="After 6 months")
    expect(follow_ups).to_contain_text("Answered")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # The practice's page: with the four earlier visits, the network's figures show.
    page.get_by_role("link", name="Fictional dune circles").first.click()
    expect(page.get_by_text("5 visits of the network observed this practice.")).to_be_visible()
    expect(page.get_by_text("Where it stands in the visitors' organisations")).to_be_visible()
    expect(page.get_by_role("link", name="Report a harm or a concern")).to_be_visible()
    audit(page, page.url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
