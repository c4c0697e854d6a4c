"""The host mentor is shadowed, not visiting: their reflection log and surveys ask what they
showed, what the visitor's questions made them see and what they would change, never what the
visitor is asked; the report's host rows come from the host's questions only; the reminders
speak to them as the host."""

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

import pytest

from demo.factories import advance
from exchange.reflections import services as reflections
from exchange.reflections.models import AskedOf, Phase, ReflectionQuestion
from exchange.reports.figures import figures_for
from exchange.surveys import services as surveys
from exchange.surveys.models import AnswerType, SurveyKind, SurveyResponse

pytestmark = pytest.mark.django_db
AFTER = SurveyKind.AFTER_VISIT
VISITORS_QUESTION = "What do you expect to see for this goal"
HOSTS_QUESTION = "What will you show the visitor for this goal"


def test_the_host_mentors_log_asks_the_hosts_questions(client, network):
    visit = advance(network, "agreed")
    url = reverse("reflection_phase", args=[visit.pk, Phase.BEFORE])
    client.force_login(network.host)
    page = client.get(url).text
    assert HOSTS_QUESTION in page and VISITORS_QUESTION not in page
    client.force_login(network.visitor)
    page = client.get(url).text
    assert VISITORS_QUESTION in page and HOSTS_QUESTION not in page


def test_a_host_cannot_answer_a_visitors_question_nor_the_other_way_round(network):
    visit = advance(network, "agreed")
    for author, other in ((network.host, AskedOf.VISITOR), (network.visitor, AskedOf.HOST)):
        question = ReflectionQuestion.objects.filter(
            phase=Phase.BEFORE, asked_of=other, per_goal=False
        ).first()
        with pytest.raises(reflections.ReflectionError, match="not one of the phase"):
            reflections.entry_save(
                visit_id=visit.pk,
                user=author,
                phase=Phase.BEFORE,
                question_id=question.pk,
                text="Fictional.",
            )


def test_a_question_asked_of_both_is_asked_of_each(network):
    visit = advance(network, "completed")
    both = ReflectionQuestion.objects.create(
        phase=Phase.AFTER, asked_of=AskedOf.BOTH, text_en="What would you do differently?"
    )
    for person in (network.visitor, network.host):
        assert both in [
            question for question, _goal in reflections.phase_slots(visit, Phase.AFTER, person)
        ]


def test_the_host_answers_the_hosts_survey_and_the_report_counts_it_as_a_host(client, network):
    visit = advance(network, "completed")
    survey = surveys.survey_for(AFTER, visit.ends_on.year)
    url = reverse("visit_survey", args=[visit.pk, AFTER])
    client.force_login(network.host)
    page = client.get(url).text
    assert "How useful was hosting the visit for your own team?" in page
    assert "Which will you try first at home?" not in page
    hosts = surveys.questions_for(survey, visit, network.host)
    assert hosts and {question.asked_of for question in hosts} == {AskedOf.HOST}
    answers = {
        str(question.pk): "5" if question.answer_type == AnswerType.SCALE else ""
        for question in hosts
    }
    assert client.post(url, {**answers, "submit": "on"}).status_code == 302
    response = SurveyResponse.objects.get(respondent=network.host)
    assert response.as_host and response.submitted_at
    assert {answer.question.asked_of for answer in response.answers.all()} == {AskedOf.HOST}

    tables = {f.table.title: f.table for f in figures_for(visit.ends_on.year)}
    hosting = tables["After the visit: How useful was hosting the visit for your own team?"]
    visiting = tables["After the visit: How useful was the visit for your work?"]
    assert hosting.rows == ("Hosts",) and visiting.rows == ("Visitors",)
    # One host answered: a count too small to show, so hidden, but counted in its row.
    assert hosting.cells[0][4].hidden


def test_reminders_speak_to_the_host_as_the_host(network):
    visit = advance(network, "completed")
    mail.outbox.clear()
    call_command("send_reminders", verbosity=0)
    to_host = {
        message.subject.split("] ", 1)[1]: message.body
        for message in mail.outbox
        if message.to == [network.host.email]
    }
    visitor = network.visitor.get_full_name()
    assert f"After the visit of {visitor}: your reflection, please" in to_host
    assert f"Hosting {visitor}: a few questions, please" in to_host
    assert not any("your visit to" in subject for subject in to_host)
    bodies = "\n".join(to_host.values())
    assert (
        "what you showed for each goal" in bodies and f"Thank you for hosting {visitor}" in bodies
    )
    assert f"/visits/{visit.pk}/reflections/" in bodies
