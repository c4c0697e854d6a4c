"""The demo's published evaluation report, for last year: the same fictional practitioners
made a visit each last year too, to another host, and answered the surveys after it and at the
follow-up; the demo coordinator published the year's report. With five visitors, some figures
show and the rest are hidden, as in a small network's real report."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.models import EvaluationReportPage, OrganisationPage
from demo.reflections import walk_to_completed
from demo.year import demo_practitioner
from exchange.membership.models import Profile
from exchange.reports import services as reports
from exchange.surveys import services as surveys
from exchange.surveys.models import AnswerType, SurveyKind


@dataclass(frozen=True)
class PastVisit:
    visitor_org: str
    role: str
    host_org: str
    scale: int  # the visitor's answer to the surveys' five-point questions


PAST_VISITS = [
    PastVisit(
        "Fjordhus Municipal Prevention Unit",
        "Prevention coordinator (fictional)",
        "Nordlys Prison Mentoring",
        4,
    ),
    PastVisit(
        "Atelier Dialogue Jeunesse", "Youth worker (fictional)", "Lindenhof Family Counselling", 5
    ),
    PastVisit("Polder Safety Network", "Case manager (fictional)", "Kanalwerk Youth Mentors", 4),
    PastVisit("Medina Youth Futures", "Mentor (fictional)", "Kanalwerk Youth Mentors", 3),
    PastVisit("Schelde Women's Circle", "Family worker (fictional)", "Nordlys Prison Mentoring", 5),
]
NARRATIVE = (
    "This fictional demo report shows how the network's yearly figures are published: every "
    "count about fewer than five people is hidden, with whatever could give it away.\n\n"
    "Five practitioners made a job-shadowing visit abroad this year and answered the surveys."
)


def seed_report() -> None:
    coordinator = get_user_model().objects.filter(username="demo-coordinator").first()
    year = timezone.localdate().year - 1
    if coordinator is None or EvaluationReportPage.objects.filter(year=year).exists():
        return
    organisations = {page.title: page for page in OrganisationPage.objects.all()}
    days_ago = (timezone.localdate() - timezone.localdate().replace(month=6, day=30)).days + 365
    for n, past in enumerate(PAST_VISITS):
        visitor_org, host_org = (
            organisations.get(past.visitor_org),
            organisations.get(past.host_org),
        )
        if visitor_org is None or host_org is None:
            continue
        visitor = demo_practitioner(visitor_org, past.role)
        host = Profile.objects.hosts().filter(organisation=host_org).first().user
        offer = host_org.hosting_offers.first()
        window = next(w for w in offer.windows.order_by("-starts_on") if w.capacity > w.booked)
        visit = walk_to_completed(
            visitor,
            host,
            window,
            statement="What we want to learn from peers. (Fictional demo text.)",
            goals="How the team works with families.\nHow the team prepares a first meeting.",
            ended_days_ago=days_ago - 20 * n,  # through the summer of last year
        )
        for kind in SurveyKind:
            _answer(visit, visitor, kind, past.scale)
    publish_report()


def _answer(visit, visitor, kind: str, scale: int) -> None:
    survey = surveys.survey_for(kind, visit.ends_on.year)
    answers = {}
    for question in surveys.questions_for(survey, visit, visitor):
        if question.answer_type == AnswerType.SCALE:
            answers[str(question.pk)] = str(scale)
        elif question.answer_type == AnswerType.CHOICE:
            answers[str(question.pk)] = question.choice_list()[0]
        elif question.answer_type == AnswerType.NUMBER:
            answers[str(question.pk)] = "2"
    surveys.response_save(visit_id=visit.pk, user=visitor, kind=kind, answers=answers, submit=True)


def publish_report() -> None:
    coordinator = get_user_model().objects.filter(username="demo-coordinator").first()
    year = timezone.localdate().year - 1
    if coordinator is None or EvaluationReportPage.objects.filter(year=year).exists():
        return
    reports.report_publish(
        year=year,
        user=coordinator,
        title=f"Evaluation report {year} (demo)",
        narrative=NARRATIVE,
    )
