"""Answering a survey: who may, when, and what counts as an answer. One response per person,
visit and survey; saved as a draft any number of times, then submitted once, in one
transaction per step. Each answer is checked against its question: a scale point from 1 to 5,
one of the listed choices, a whole number within the question's bounds, or text."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from exchange.questions_translated import SURVEY, fill
from exchange.reflections.models import AskedOf
from exchange.reflections.services import follow_up_opens, partner_of, role_on
from exchange.surveys.defaults import DEFAULT_QUESTIONS
from exchange.surveys.models import (
    AnswerType,
    Survey,
    SurveyAnswer,
    SurveyKind,
    SurveyQuestion,
    SurveyResponse,
)
from exchange.visits.models import Visit, VisitState

MAX_TEXT = 4000
ANSWERED_STATES = {VisitState.COMPLETED, VisitState.REFLECTED}


class SurveyError(Exception):
    """What went wrong, for the person answering (the whole response)."""


@dataclass
class AnswerErrors(SurveyError):
    """Answers that cannot be saved, by question id, each with its message."""

    errors: dict[int, str]


def survey_for(kind: str, year: int) -> Survey:
    """The year's survey of this kind: made on first use from the latest earlier year's
    questions, or from the defaults, so every year has its own version to change."""
    survey = Survey.objects.filter(kind=kind, year=year).first()
    if survey is not None:
        return survey
    earlier = Survey.objects.filter(kind=kind, year__lt=year).order_by("-year").first()
    try:
        with transaction.atomic():
            survey = Survey.objects.create(
                kind=kind, year=year, introduction=earlier.introduction if earlier else ""
            )
            if earlier is not None:
                for question in earlier.questions.all():
                    question.pk, question.survey = None, survey
                    question.save()
            else:
                for order, (text, answer_type, level, required, choices, asked_of) in enumerate(
                    DEFAULT_QUESTIONS[kind]
                ):
                    question = SurveyQuestion(
                        survey=survey,
                        sort_order=order,
                        asked_of=asked_of,
                        text_en=text,
                        answer_type=answer_type,
                        level=level,
                        required=required,
                        choices_en=choices,
                    )
                    fill(question, SURVEY, ("text", "help_text", "choices"), english="_en")
                    question.save()
    except IntegrityError:  # made at the same moment by another request
        survey = Survey.objects.get(kind=kind, year=year)
    return survey


def respondents(visit: Visit) -> list:
    """The visitor and the host mentor who signed the agreement: the two who took part."""
    people = [visit.visitor]
    mentor_id = partner_of(visit, visit.visitor_id or 0)
    if mentor_id is not None:
        people.append(visit.agreement.host_signed_by)
    return [person for person in people if person is not None]


def answers_surveys(visit: Visit, user) -> bool:
    return user.pk in {person.pk for person in respondents(visit)}


def questions_for(survey: Survey, visit: Visit, user) -> list[SurveyQuestion]:
    """The survey's questions asked of this person: the visitor's, or the host mentor's."""
    asked = AskedOf.including(role_on(visit, user))
    return [question for question in survey.questions.all() if question.asked_of in asked]


def why_closed(visit: Visit, kind: str, user, today: date | None = None) -> str:
    """Why this person cannot answer this survey about this visit now, or "" when they can."""
    today = today or timezone.localdate()
    if kind not in SurveyKind.values:
        return _("There is no such survey.")
    if not answers_surveys(visit, user):
        return _("Only the visitor and the host mentor of a visit answer its surveys.")
    if visit.state not in ANSWERED_STATES:
        return _("The surveys open once the host confirms that the visit took place.")
    if kind == SurveyKind.FOLLOW_UP and today < (opens := follow_up_opens(visit)):
        return _("The follow-up survey opens on %(date)s.") % {"date": date_format(opens)}
    return ""


def answers_in_words(response: SurveyResponse, questions: list[SurveyQuestion]) -> list[tuple]:
    """(question, answer) as its respondent reads them back once sent, in their language."""
    given = {answer.question_id: answer for answer in response.answers.all()}
    rows = []
    for question in questions:
        answer = given.get(question.pk)
        if answer is None:
            words = _("Not answered")
        elif question.answer_type == AnswerType.SCALE:
            words = _("%(point)s of 5") % {"point": answer.number}
        elif question.answer_type == AnswerType.CHOICE:
            words = dict(question.choice_options()).get(answer.choice, answer.choice)
        elif question.answer_type == AnswerType.NUMBER:
            words = str(answer.number)
        else:
            words = answer.text
        rows.append((question.text, words))
    return rows


def response_of(visit: Visit, kind: str, user) -> SurveyResponse | None:
    return (
        SurveyResponse.objects.filter(visit=visit, survey__kind=kind, respondent=user)
        .prefetch_related("answers")
        .first()
    )


def clean_answer(question: SurveyQuestion, raw: str) -> dict:
    """The answer's stored fields, or a ValueError whose message the person reads."""
    raw = (raw or "").strip()
    if question.answer_type == AnswerType.TEXT:
        if "\x00" in raw:
            raise ValueError(_("The text holds a character that cannot be saved (NUL)."))
        if len(raw) > MAX_TEXT:
            raise ValueError(
                _("Write at most %(max)s characters; this has %(length)s.")
                % {"max": f"{MAX_TEXT:,}", "length": f"{len(raw):,}"}
            )
        return {"text": raw}
    if question.answer_type == AnswerType.CHOICE:
        if raw not in question.choice_list():
            raise ValueError(_("Choose one of the answers listed."))
        return {"choice": raw}
    try:
        number = int(raw)
    except ValueError:
        raise ValueError(_("Enter a whole number, such as 3.")) from None
    low, high = question.number_bounds()
    if not low <= number <= high:
        raise ValueError(
            _("Enter a number from %(low)s to %(high)s.") % {"low": low, "high": f"{high:,}"}
        )
    return {"number": number}


def response_save(
    *, visit_id: int, user, kind: str, answers: Mapping[str, str], submit: bool
) -> SurveyResponse:
    """Save the answers given (keyed by question id) as a draft, or submit them. Unanswered
    questions stay empty in a draft; submitting needs every required one."""
    with transaction.atomic():
        visit = Visit.objects.select_related("agreement").filter(pk=visit_id).first()
        if visit is None:
            raise SurveyError(_("There is no such visit."))
        if reason := why_closed(visit, kind, user):
            raise SurveyError(reason)
        survey = survey_for(kind, visit.ends_on.year)
        response, _created = SurveyResponse.objects.select_for_update().get_or_create(
            survey=survey,
            visit=visit,
            respondent=user,
            defaults={"as_host": role_on(visit, user) == AskedOf.HOST},
        )
        if response.submitted_at is not None:
            raise SurveyError(_("You have answered this survey already. Thank you."))
        errors, cleaned = {}, {}
        for question in questions_for(survey, visit, user):
            raw = answers.get(str(question.pk), "")
            if not str(raw).strip():
                if submit and question.required:
                    errors[question.pk] = _("Answer this question to send the survey.")
                continue
            try:
                cleaned[question] = clean_answer(question, str(raw))
            except ValueError as error:
                errors[question.pk] = str(error)
        if errors:
            raise AnswerErrors(errors)
        response.answers.all().delete()
        SurveyAnswer.objects.bulk_create(
            SurveyAnswer(response=response, question=question, **fields)
            for question, fields in cleaned.items()
        )
        if submit:
            response.submitted_at = timezone.now()
            response.save(update_fields=["submitted_at"])
    return response
