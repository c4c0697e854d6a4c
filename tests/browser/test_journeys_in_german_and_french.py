"""Journeys in the readers' languages, in a real browser: a German host on a phone answers a
request and cancels a visit with its reason; a French visitor on a desktop writes their
reflection and answers the survey; a German coordinator runs and publishes a matching round; a
French coordinator on a phone opens a survey someone answered and is told, before typing, that
it stays as asked; a newly invited member signs up in German on a phone from the e-mail's link.
Every word they click is the catalogue's, in their language."""

from django.utils import translation

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import session_of
from tests.browser.test_accessibility import audit

pytestmark = pytest.mark.browser


def said(language: str, text: str) -> str:
    with translation.override(language):
        return str(translation.gettext(text))


@pytest.fixture
def proposed(people):
    from demo.factories import propose
    from tests.exchange.conftest import Network

    network = Network(
        None, None, people["host"], None, people["visitor"], None, None, people["window"]
    )
    visit = propose(network)
    return {"visit": visit.pk, "host": session_of(people["host"]), "visitor": people["visitor"]}


@pytest.fixture
def completed(people):
    from demo.factories import advance
    from tests.exchange.conftest import Network

    network = Network(
        None, None, people["host"], None, people["visitor"], None, None, people["window"]
    )
    visit = advance(network, "completed")
    return {"visit": visit.pk, "visitor": session_of(people["visitor"])}


def as_reader(page, live_server, session: str, language: str) -> None:
    from django.conf import settings

    cookies = [{"name": "django_language", "value": language, "url": live_server.url}]
    if session:  # none for someone not signed in yet
        cookies.append(
            {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}
        )
    page.context.add_cookies(cookies)


def test_a_german_host_on_a_phone_accepts_then_cancels_with_a_reason(proposed, page, live_server):
    as_reader(page, live_server, proposed["host"], "de")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/dashboard/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    page.get_by_role("link", name="Visiting Mentor").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Besuch von Visiting Mentor")
    page.get_by_role("button", name=said("de", "Accept the visit")).click()
    page.get_by_role("link", name=said("de", "Cancel the visit")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(said("de", "Cancel the visit?"))
    page.get_by_role("button", name=said("de", "Cancel the visit")).click()
    # The reason is required: the error is said in German and linked to its field.
    error = said("de", "Give a reason, so that the other side knows why.")
    page.get_by_role("link", name=error).click()
    expect(page.get_by_label(said("de", "Reason"))).to_be_focused()
    page.get_by_label(said("de", "Reason")).fill("Eine fiktive Erkrankung im Team.")
    page.get_by_role("button", name=said("de", "Cancel the visit")).click()
    expect(page.get_by_text(said("de", "The visit is cancelled."))).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_french_visitor_reflects_and_answers_the_survey(completed, page, live_server):
    as_reader(page, live_server, completed["visitor"], "fr")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/visits/{completed['visit']}/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_role("link", name=said("fr", "Write your reflection")).click()
    boxes = page.locator("form[data-autosave] textarea")
    for n in range(boxes.count()):
        boxes.nth(n).fill("Une réponse fictive.")
    page.get_by_role("button", name=said("fr", "Submit your answers")).click()
    expect(page.get_by_text(said("fr", "Submitted."))).to_be_visible()
    page.goto(f"/visits/{completed['visit']}/")
    page.get_by_role("link", name=said("fr", "Answer the survey")).click()
    for group in page.locator("fieldset").all():
        options = group.get_by_role("radio")
        if options.count():
            options.nth(options.count() - 2).check()  # a 4 on each scale, a choice on a list
    page.get_by_role("button", name=said("fr", "Send my answers")).click()
    expect(page.get_by_text(said("fr", "Your answers"), exact=True)).to_be_visible()
    expect(page.get_by_text("4 sur 5").first).to_be_visible()


@pytest.fixture
def round_to_run(site_db, home_page):
    from django.urls import reverse

    from tests.matching.conftest import make_world

    world = make_world(home_page)
    return {
        "review": reverse("matching_round:review", args=[world["round"].pk]),
        "coordinator": session_of(world["coordinator"]),
    }


def test_a_german_coordinator_runs_and_publishes_a_round(round_to_run, page, live_server):
    as_reader(page, live_server, round_to_run["coordinator"], "de")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(round_to_run["review"])
    expect(page.locator("html")).to_have_attribute("lang", "de")
    page.get_by_role("button", name=said("de", "Run the round")).click()
    publish = page.get_by_role("button", name=said("de", "Publish: propose these visits"))
    expect(publish).to_be_visible()
    audit(page, page.url)
    with translation.override("de"):
        propose = translation.ngettext(
            "Propose %(visits)s visit and send %(emails)s e-mails to visitors and hosts.",
            "Propose %(visits)s visits and send %(emails)s e-mails to visitors and hosts.",
            1,
        ) % {"visits": 1, "emails": 2}
    page.get_by_label(propose).check()
    publish.click()
    with translation.override("de"):
        published = translation.gettext("%(count)d visits proposed; hosts and visitors are told.")
    expect(page.get_by_text(published % {"count": 1})).to_be_visible()


@pytest.fixture
def answered_survey(people):
    from django.urls import reverse

    from demo.factories import advance, make_coordinator
    from exchange.surveys import services as surveys
    from exchange.surveys.models import SurveyKind
    from tests.exchange.conftest import Network

    network = Network(
        None, None, people["host"], None, people["visitor"], None, None, people["window"]
    )
    visit = advance(network, "completed")
    survey = surveys.survey_for(SurveyKind.AFTER_VISIT, visit.ends_on.year)
    surveys.response_save(
        visit_id=visit.pk, user=people["visitor"], kind=survey.kind, answers={}, submit=False
    )
    coordinator = make_coordinator(first_name="Network", last_name="Coordinator")
    return {
        "edit": reverse("exchange_surveys:edit", args=[survey.pk]),
        "coordinator": session_of(coordinator),
    }


def test_a_french_coordinator_on_a_phone_is_told_an_answered_survey_stays(
    answered_survey, page, live_server
):
    as_reader(page, live_server, answered_survey["coordinator"], "fr")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(answered_survey["edit"])
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    notice = said(
        "fr", "People have answered this survey, so its questions stay as they were asked."
    )
    expect(page.get_by_text(notice)).to_be_visible()
    expect(page.locator("input[name=year]")).to_be_disabled()
    expect(page.get_by_role("button", name=said("fr", "Save"))).to_have_count(0)


@pytest.fixture
def invitation_link(people):
    import re

    from django.core import mail

    from cms.models import OrganisationPage
    from exchange.membership.services import invite

    mail.outbox.clear()
    organisation = OrganisationPage.objects.get(title="Fictional Birch Mentors")
    invite("neu.mitglied@demo.example", organisation)
    return re.search(r"https?://[^/\s]+(/accounts/invitation/\S+/)", mail.outbox[0].body).group(1)


def test_a_newly_invited_member_signs_up_in_german_on_a_phone(invitation_link, page, live_server):
    as_reader(page, live_server, "", "de")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(invitation_link)
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_text("Fictional Birch Mentors").first).to_be_visible()
    audit(page, page.url)
    page.locator("input[name=first_name]").fill("Fiktive")
    page.locator("input[name=last_name]").fill("Eingeladene")
    page.locator("input[name=password1]").fill("a-long-fictional-passphrase-7")
    page.locator("input[name=password2]").fill("a-long-fictional-passphrase-7")
    page.locator("form button[type=submit]").last.click()
    with translation.override("de"):
        welcome = translation.gettext("Welcome, %(name)s") % {"name": "Fiktive"}
    expect(page.get_by_role("heading", level=1)).to_have_text(welcome)
    audit(page, page.url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("link", name=said("de", "Go to your dashboard")).click()
    expect(page.locator("html")).to_have_attribute("lang", "de")
