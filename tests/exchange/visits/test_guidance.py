"""The visit page offers only the steps possible now; for the next step that is not possible
yet, it says why and from when. Each case would otherwise show a button that the step refuses."""

from datetime import timedelta
from html import unescape

from django.urls import reverse
from django.utils import timezone

import pytest

from cms.models import PracticeIndexPage
from demo.factories import TERMS, advance, propose
from demo.page_factories import make_practice
from exchange.reflections import services as reflections
from exchange.reflections.models import Phase
from exchange.surveys import services as surveys
from exchange.transfer import services as transfer
from exchange.visits import agreements
from exchange.visits import services as visits
from exchange.visits.models import OfferWindow, Visit

pytestmark = pytest.mark.django_db


def page(client, user, visit) -> str:
    client.force_login(user)
    response = client.get(visit.get_absolute_url())
    assert response.status_code == 200
    return unescape(response.content.decode())


def answers_for(person, visit) -> dict[str, str]:
    """A 4 to each required question of the after-visit survey asked of `person` (all scales)."""
    survey = surveys.survey_for("after_visit", visit.ends_on.year)
    asked = surveys.questions_for(survey, visit, person)
    return {str(question.pk): "4" for question in asked if question.required}


def offers(html: str, visit, step: str) -> bool:
    return f'action="{reverse("visit_step", args=[visit.pk, step])}"' in html


def test_the_host_is_offered_accept_only_with_a_place_left(client, network):
    visit = propose(network)
    html = page(client, network.host, visit)
    assert offers(html, visit, "accept") and offers(html, visit, "decline")
    OfferWindow.objects.filter(pk=network.window.pk).update(capacity=1, booked=1)
    html = page(client, network.host, visit)
    assert not offers(html, visit, "accept") and offers(html, visit, "decline")
    assert "has no place left" in html
    assert not offers(page(client, network.visitor, visit), visit, "accept")


def test_sign_is_offered_once_the_agreement_is_complete_and_once_per_side(client, network):
    visit = advance(network, "accepted")
    html = page(client, network.visitor, visit)
    assert not offers(html, visit, "agreement_sign")
    assert "Complete the learning agreement" in html and "tasks, host mentor" in html
    terms = {**TERMS, "starts_on": visit.starts_on, "ends_on": visit.ends_on}
    agreements.agreement_update(visit_id=visit.pk, user=network.host, terms=terms)
    assert offers(page(client, network.visitor, visit), visit, "agreement_sign")
    agreements.agreement_sign(visit_id=visit.pk, user=network.visitor)
    html = page(client, network.visitor, visit)
    assert not offers(html, visit, "agreement_sign") and "Waiting for the host's signature" in html
    assert offers(page(client, network.host, visit), visit, "agreement_sign")


def test_schedule_is_offered_once_the_agenda_has_an_activity(client, network):
    visit = advance(network, "agreed")
    html = page(client, network.host, visit)
    assert not offers(html, visit, "schedule")
    assert "once its agenda has at least one activity" in html
    assert f'action="{reverse("agenda_add", args=[visit.pk])}"' in html
    visits.agenda_add(
        visit_id=visit.pk, user=network.host, item={"day": visit.starts_on, "activity": "Visit"}
    )
    assert offers(page(client, network.host, visit), visit, "schedule")
    assert not offers(page(client, network.visitor, visit), visit, "schedule")


def test_the_visit_is_confirmed_from_its_first_day_and_the_page_says_when(client, network):
    visit = advance(network, "scheduled")
    html = page(client, network.host, visit)
    assert not offers(html, visit, "complete")
    assert f"from its first day, {visit.starts_on:%-d %b %Y}" in html
    Visit.objects.filter(pk=visit.pk).update(starts_on=timezone.localdate())
    assert offers(page(client, network.host, visit), visit, "complete")


def test_an_amendment_is_confirmed_by_the_other_side_only(client, network):
    visit = advance(network, "agreed")
    confirm = reverse("amendment_confirm", args=[visit.pk, 1])
    propose_url = reverse("amendment_propose", args=[visit.pk])
    assert propose_url in page(client, network.visitor, visit)
    agreements.amendment_propose(
        visit_id=visit.pk,
        user=network.visitor,
        reason="A train strike",
        changes={"ends_on": visit.ends_on - timedelta(days=1)},
    )
    html = page(client, network.visitor, visit)
    assert confirm not in html and propose_url not in html
    assert "Your amendment waits for the other side to confirm it" in html
    html = page(client, network.host, visit)
    assert confirm in html and "Confirm or decline the amendment" in html


def test_an_ended_visit_offers_no_step_but_points_the_visitor_onward(client, network):
    visit = advance(network, "declined")
    html = page(client, network.visitor, visit)
    assert '<form method="post"' not in html.split("</h1>", 1)[1].split("<footer", 1)[0]
    assert f'<a href="{reverse("offer_list")}">Find another offer</a>' in html
    assert "Your application waits for the next matching round" in html
    assert "Nothing to do" in page(client, network.host, visit)


def test_after_the_visit_the_next_step_is_the_reflection_then_the_survey_then_the_follow_up(
    client, network
):
    visit = advance(network, "completed")
    log = reverse("reflection_phase", args=[visit.pk, "after"])
    survey = reverse("visit_survey", args=[visit.pk, "after_visit"])
    for person in (network.visitor, network.host):  # the host mentor writes their own
        assert f'<a href="{log}">Write your reflection</a>' in page(client, person, visit)
    for person in (network.visitor, network.host):
        for question, goal in reflections.phase_slots(visit, Phase.AFTER, person):
            reflections.entry_save(
                visit_id=visit.pk,
                user=person,
                phase=Phase.AFTER,
                question_id=question.pk,
                goal=goal,
                text="Fictional.",
                submit=True,
            )
    assert f'<a href="{survey}">Answer the survey</a>' in page(client, network.visitor, visit)
    client.force_login(network.visitor)
    answers = {**answers_for(network.visitor, visit), "submit": "on"}
    assert client.post(survey, answers).status_code == 302
    # Then what they take home: the practices they saw, and what they mean to do with each.
    take_home = reverse("transfer_take_home", args=[visit.pk])
    html = page(client, network.visitor, visit)
    assert f'<a href="{take_home}">List the practices you saw</a>' in html
    practice = make_practice(PracticeIndexPage.objects.first(), organisation=network.host_org)
    seen = transfer.practice_add(visit_id=visit.pk, user=network.visitor, practice_id=practice.pk)
    html = page(client, network.visitor, visit)
    assert f'<a href="{take_home}">Say what you will do with the practices you saw</a>' in html
    transfer.intention_record(
        visit_id=visit.pk, user=network.visitor, seen_id=seen.pk, intention="adopt"
    )
    html = page(client, network.visitor, visit)
    assert (
        "Nothing to do until the follow-up" in html and "The follow-up reflection opens on" in html
    )
