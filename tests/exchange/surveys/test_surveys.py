"""Surveys after a visit and at follow-up: the visitor and the host mentor answer each once,
with drafts; every answer is checked against its question; the year's questions are made from
the defaults or last year's, and stay as asked once someone has answered; answers are private."""

import re
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

import pytest

from demo.factories import advance
from exchange.personal_data import services as personal_data
from exchange.personal_data.export import export as export_of
from exchange.reflections.models import AskedOf
from exchange.reflections.services import follow_up_opens
from exchange.surveys import services
from exchange.surveys.defaults import DEFAULT_QUESTIONS
from exchange.surveys.models import AnswerType, Survey, SurveyAnswer, SurveyKind, SurveyResponse
from exchange.visits import services as visits
from exchange.visits.models import Visit

pytestmark = pytest.mark.django_db
AFTER = SurveyKind.AFTER_VISIT


@pytest.fixture
def visit(network):
    return advance(network, "completed")


def answers_for(survey, **by_type) -> dict[str, str]:
    """An answer to every question of the survey, by its type."""
    values = {AnswerType.SCALE: "4", AnswerType.NUMBER: "3", AnswerType.TEXT: "Useful."}
    values.update(by_type)
    found = {}
    for question in survey.questions.all():
        if question.answer_type == AnswerType.CHOICE:
            found[str(question.pk)] = question.choice_list()[0]
        else:
            found[str(question.pk)] = values[question.answer_type]
    return found


def test_the_years_survey_starts_from_the_defaults_then_from_the_year_before():
    first = services.survey_for(AFTER, 2025)
    texts = [question.text for question in first.questions.all()]
    assert texts == [text for text, *_rest in DEFAULT_QUESTIONS[AFTER]]
    question = first.questions.first()
    question.text = "How useful was it, in a word of your own?"
    question.save()
    second = services.survey_for(AFTER, 2026)
    assert second.pk != first.pk and second.questions.first().text == question.text
    assert services.survey_for(AFTER, 2026).pk == second.pk  # made once


def test_visitor_and_host_mentor_answer_once_with_a_draft_first(visit, network):
    survey = services.survey_for(AFTER, visit.ends_on.year)
    answers = answers_for(survey)
    scale_id = next(k for k, v in answers.items() if v == "4")
    draft = services.response_save(
        visit_id=visit.pk, user=network.visitor, kind=AFTER, answers={scale_id: "2"}, submit=False
    )
    assert draft.submitted_at is None and draft.answers.get().number == 2
    sent = services.response_save(
        visit_id=visit.pk, user=network.visitor, kind=AFTER, answers=answers, submit=True
    )
    assert sent.pk == draft.pk and sent.submitted_at is not None
    text_answer = SurveyAnswer.objects.get(response=sent, question__answer_type=AnswerType.TEXT)
    assert text_answer.text == "Useful."
    with connection.cursor() as cursor:
        sql = "SELECT text_ciphertext FROM exchange_surveyanswer WHERE id = %s"
        cursor.execute(sql, [text_answer.pk])
        assert "Useful" not in cursor.fetchone()[0]
    with pytest.raises(services.SurveyError, match="answered this survey already"):
        services.response_save(
            visit_id=visit.pk, user=network.visitor, kind=AFTER, answers=answers, submit=True
        )
    host = services.response_save(
        visit_id=visit.pk, user=network.host, kind=AFTER, answers=answers, submit=True
    )
    assert host.as_host and not sent.as_host
    assert SurveyResponse.objects.filter(visit=visit).count() == 2


@pytest.mark.parametrize(
    "who,why", [("colleague", "Only the visitor and the host mentor"), ("outsider", "Only")]
)
def test_nobody_else_answers(visit, network, who, why):
    with pytest.raises(services.SurveyError, match=why):
        services.response_save(
            visit_id=visit.pk, user=getattr(network, who), kind=AFTER, answers={}, submit=False
        )


def test_surveys_open_when_the_visit_took_place_and_the_follow_up_months_later(network):
    visit = advance(network, "scheduled")
    assert "once the host confirms" in services.why_closed(visit, AFTER, network.visitor)
    Visit.objects.filter(pk=visit.pk).update(starts_on=visit.starts_on - timedelta(days=30))
    visits.visit_complete(visit_id=visit.pk, user=network.host)
    visit.refresh_from_db()
    assert services.why_closed(visit, AFTER, network.visitor) == ""
    opens = follow_up_opens(visit)
    assert "opens on" in services.why_closed(
        visit, SurveyKind.FOLLOW_UP, network.visitor, today=opens - timedelta(days=1)
    )
    assert services.why_closed(visit, SurveyKind.FOLLOW_UP, network.visitor, today=opens) == ""


@pytest.mark.parametrize(
    "answer_type,raw,message",
    [
        (AnswerType.SCALE, "6", "from 1 to 5"),
        (AnswerType.SCALE, "0", "from 1 to 5"),
        (AnswerType.SCALE, "three", "whole number"),
        (AnswerType.CHOICE, "Something not listed", "Choose one"),
        (AnswerType.TEXT, "x" * 4001, "at most"),
        (AnswerType.TEXT, "a\x00b", "NUL"),
    ],
)
def test_an_answer_outside_its_question_is_refused_with_a_message(
    visit, network, answer_type, raw, message
):
    survey = services.survey_for(AFTER, visit.ends_on.year)
    question = survey.questions.filter(answer_type=answer_type).first()
    with pytest.raises(services.AnswerErrors) as failed:
        services.response_save(
            visit_id=visit.pk,
            user=network.visitor,
            kind=AFTER,
            answers={str(question.pk): raw},
            submit=False,
        )
    assert message in failed.value.errors[question.pk]
    assert not SurveyResponse.objects.exists()  # nothing half-saved


def test_a_number_stays_within_the_questions_bounds(network):
    visit = advance(network, "completed")
    survey = services.survey_for(SurveyKind.FOLLOW_UP, visit.ends_on.year)
    question = survey.questions.get(answer_type=AnswerType.NUMBER)
    question.minimum, question.maximum = 0, 200
    question.save()
    assert services.clean_answer(question, "12") == {"number": 12}
    with pytest.raises(ValueError, match="from 0 to 200"):
        services.clean_answer(question, "201")


def test_a_number_question_without_bounds_takes_counts_only(network):
    """A count of -3, or one past what an integer column holds, gave a 500."""
    visit = advance(network, "completed")
    survey = services.survey_for(SurveyKind.FOLLOW_UP, visit.ends_on.year)
    question = survey.questions.get(answer_type=AnswerType.NUMBER)
    question.minimum = question.maximum = None
    question.save()
    for raw in ("-3", "99999999999999999999", "1" * 5000):
        with pytest.raises(ValueError, match="from 0 to 100,000|whole number"):
            services.clean_answer(question, raw)
    question.minimum = -1
    with pytest.raises(ValidationError, match="from 0 to 100,000"):
        question.full_clean()
    question.minimum, question.maximum = 10, 5
    with pytest.raises(ValidationError, match="cannot be smaller"):
        question.full_clean()


def test_submitting_needs_every_required_answer(visit, network):
    survey = services.survey_for(AFTER, visit.ends_on.year)
    with pytest.raises(services.AnswerErrors) as failed:
        services.response_save(
            visit_id=visit.pk, user=network.visitor, kind=AFTER, answers={}, submit=True
        )
    required = survey.questions.filter(required=True)
    asked = set(required.filter(asked_of=AskedOf.VISITOR).values_list("pk", flat=True))
    assert asked and set(failed.value.errors) == asked  # not the host's


def test_the_survey_page_saves_a_draft_shows_errors_and_thanks(client, visit, network):
    url = reverse("visit_survey", args=[visit.pk, AFTER])
    client.force_login(network.visitor)
    page = client.get(url)
    assert page.status_code == 200 and "How useful was the visit" in page.content.decode()
    survey = Survey.objects.get(kind=AFTER, year=visit.ends_on.year)
    answers = answers_for(survey)
    bad = {**answers, next(iter(answers)): "9", "submit": "on"}
    response = client.post(url, bad)
    html = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in html
    assert "Enter a number from 1 to 5." in html and 'href="#id_' in html
    assert "Useful." in html  # what was typed is kept
    assert client.post(url, answers).status_code == 302
    assert "Draft" in client.get(url).content.decode()
    assert client.post(url, {**answers, "submit": "on"}).status_code == 302
    done = client.get(url).content.decode()
    assert "You answered this survey on" in done and '<form method="post" novalidate' not in done
    # The answers, read back to their respondent in words.
    assert "Your answers" in done and "4 of 5" in done and "Useful." in done
    assert client.post(url, {**answers, "submit": "on"}).status_code == 409
    client.force_login(network.host)  # the host mentor reads their own survey, never the visitor's
    assert "Useful." not in client.get(url).content.decode()


@pytest.mark.parametrize("who", ["colleague", "outsider"])
def test_the_survey_page_is_not_found_for_others(client, visit, network, who):
    client.force_login(getattr(network, who))
    assert client.get(reverse("visit_survey", args=[visit.pk, AFTER])).status_code == 404
    assert client.post(reverse("visit_survey", args=[visit.pk, AFTER])).status_code == 404


def test_an_unknown_survey_kind_is_not_found(client, visit, network):
    client.force_login(network.visitor)
    assert client.get(reverse("visit_survey", args=[visit.pk, "other"])).status_code == 404


def test_a_survey_someone_answered_keeps_its_questions(client, visit, network, coordinator):
    survey = services.survey_for(AFTER, visit.ends_on.year)
    services.response_save(
        visit_id=visit.pk, user=network.visitor, kind=AFTER, answers={}, submit=False
    )
    client.force_login(coordinator)
    edit = reverse("exchange_surveys:edit", args=[survey.pk])
    # Said on opening, not at Save: every field read-only, no Save button.
    page = client.get(edit).content.decode()
    assert "so its questions stay as they were asked" in page
    assert 'name="year"' in page and re.search(r'<input[^>]*name="year"[^>]*disabled', page)
    assert re.search(r'<input[^>]*name="questions-0-text_en"[^>]*disabled', page)
    assert "w-progress-active-value" not in page
    next_year = services.survey_for(AFTER, visit.ends_on.year + 1)
    other = client.get(reverse("exchange_surveys:edit", args=[next_year.pk])).content.decode()
    assert "stay as they were asked" not in other and "w-progress-active-value" in other
    data = {
        "kind": AFTER,
        "year": str(date.today().year + 1),
        "introduction": "",
        "questions-TOTAL_FORMS": "0",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
    }
    response = client.post(edit, data)
    assert "questions stay as they were asked" in response.content.decode()
    assert Survey.objects.get(pk=survey.pk).year == visit.ends_on.year


def test_the_visit_page_leads_to_the_open_surveys_with_their_status(client, visit, network):
    client.force_login(network.visitor)
    page = client.get(visit.get_absolute_url()).content.decode()
    assert reverse("visit_survey", args=[visit.pk, AFTER]) in page and "Not started" in page
    assert reverse("visit_survey", args=[visit.pk, SurveyKind.FOLLOW_UP]) not in page  # not yet
    client.force_login(network.colleague)
    assert client.get(visit.get_absolute_url()).status_code == 404


def test_answers_are_in_the_members_export_and_go_with_an_erasure(visit, network):
    survey = services.survey_for(AFTER, visit.ends_on.year)
    services.response_save(
        visit_id=visit.pk,
        user=network.visitor,
        kind=AFTER,
        answers=answers_for(survey, **{AnswerType.TEXT: "Fictional free text."}),
        submit=True,
    )
    exported = export_of(network.visitor)
    assert exported["survey_responses"][0]["visit_id"] == visit.pk
    assert "Fictional free text." in [row["answer"] for row in exported["survey_answers"]]
    assert export_of(network.host)["survey_answers"] == []  # only one's own
    personal_data.erase(network.visitor)
    assert not SurveyResponse.objects.exists() and not SurveyAnswer.objects.exists()
