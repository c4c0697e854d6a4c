"""The demo's published evaluation report, for last year. Practitioners of the demo network's
organisations made job-shadowing visits to its four hosting organisations through the year,
each at its own dates (demo/timeline.py): most wrote their after-visit reflection, every one
answered the survey after the visit, the hosts answered theirs, and those whose follow-up had
opened answered it too; two requests were declined and one visit was cancelled. The demo
coordinator published the report in January. With some twenty visits, most figures show and
the small counts are hidden, as in a real network's report. Every person and answer is
fictional."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.models import EvaluationReportPage, Language, OrganisationPage
from demo.timeline import ASKED_BEFORE, on, walk_to_completed
from demo.transfer import take_home
from demo.year import demo_practitioner
from exchange.membership.models import Profile
from exchange.reflections import services as reflections
from exchange.reflections.models import Phase
from exchange.reports import services as reports
from exchange.surveys import services as surveys
from exchange.surveys.models import AnswerType, SurveyKind
from exchange.visits import services as visits
from exchange.visits.models import OfferWindow

ROLES = {
    "Fjordhus Municipal Prevention Unit": "Prevention coordinator (fictional)",
    "Atelier Dialogue Jeunesse": "Youth worker (fictional)",
    "Polder Safety Network": "Case manager (fictional)",
    "Kalaja Community Initiative": "Community worker (fictional)",
    "Medina Youth Futures": "Mentor (fictional)",
    "Northgate Online Youth Work": "Online youth worker (fictional)",
    "Rheinufer Returnee Support": "Returnee counsellor (fictional)",
    "Schelde Women's Circle": "Family worker (fictional)",
    "Independent Evaluation Practice": "Evaluator (fictional)",
}
LINDENHOF, DONAU = "Lindenhof Family Counselling", "Donaubrücke Exit Work"
KANALWERK, NORDLYS = "Kanalwerk Youth Mentors", "Nordlys Prison Mentoring"
REFLECTED, COMPLETED, DECLINED, CANCELLED = "reflected", "completed", "declined", "cancelled"


@dataclass(frozen=True)
class PastVisit:
    visitor_org: str
    host_org: str
    ended: tuple[int, int]  # (month, day) of last year
    outcome: str = REFLECTED
    scale: int = 5  # the visitor's answer to the surveys' five-point questions
    host_scale: int | None = 4  # the host mentor's, or None: the host did not answer


PAST_VISITS = [
    PastVisit("Fjordhus Municipal Prevention Unit", NORDLYS, (2, 13), scale=4),
    PastVisit("Atelier Dialogue Jeunesse", LINDENHOF, (2, 27)),
    PastVisit("Polder Safety Network", KANALWERK, (3, 13), scale=4, host_scale=5),
    PastVisit("Medina Youth Futures", KANALWERK, (3, 27), scale=3, outcome=COMPLETED),
    PastVisit("Schelde Women's Circle", NORDLYS, (4, 10)),
    PastVisit("Kalaja Community Initiative", DONAU, (4, 24), host_scale=5),
    PastVisit("Northgate Online Youth Work", LINDENHOF, (5, 8), scale=4),
    PastVisit("Rheinufer Returnee Support", DONAU, (5, 22), outcome=DECLINED),
    PastVisit("Independent Evaluation Practice", KANALWERK, (6, 5), outcome=COMPLETED),
    PastVisit("Rheinufer Returnee Support", NORDLYS, (6, 19), scale=4),
    PastVisit("Fjordhus Municipal Prevention Unit", DONAU, (7, 3), outcome=COMPLETED),
    PastVisit("Atelier Dialogue Jeunesse", KANALWERK, (7, 17), scale=4, host_scale=None),
    PastVisit("Medina Youth Futures", LINDENHOF, (8, 28), outcome=CANCELLED),
    PastVisit("Polder Safety Network", LINDENHOF, (9, 11), host_scale=5),
    PastVisit("Schelde Women's Circle", DONAU, (9, 25), scale=4, outcome=COMPLETED),
    PastVisit("Kalaja Community Initiative", LINDENHOF, (10, 9), outcome=COMPLETED),
    PastVisit("Northgate Online Youth Work", KANALWERK, (10, 23), outcome=DECLINED),
    PastVisit("Medina Youth Futures", NORDLYS, (11, 6), scale=4),
    PastVisit("Independent Evaluation Practice", LINDENHOF, (11, 20), scale=3, host_scale=3),
]
NARRATIVE = (
    "This fictional demo report shows how the network's yearly figures are published: every "
    "count about fewer than five people is hidden, with whatever could give it away.\n\n"
    "Practitioners of nine member organisations made job-shadowing visits to four hosting "
    "organisations abroad this year; the visitors and their hosts answered the surveys."
)
# A short after-visit reflection, for each answer the log asks of the visitor.
AFTER_TEXT = "Fictional demo reflection: what the team did, and what it would take at home."


def seed_report() -> None:
    coordinator = get_user_model().objects.filter(username="demo-coordinator").first()
    year = timezone.localdate().year - 1
    if coordinator is None or EvaluationReportPage.objects.filter(year=year).exists():
        return
    organisations = {page.title: page for page in OrganisationPage.objects.all()}
    for n, past in enumerate(PAST_VISITS):
        visitor_org, host_org = (
            organisations.get(past.visitor_org),
            organisations.get(past.host_org),
        )
        if visitor_org is None or host_org is None or not host_org.hosting_offers.exists():
            continue
        visitor = demo_practitioner(visitor_org, ROLES[past.visitor_org])
        host = Profile.objects.hosts().filter(organisation=host_org).first().user
        ended = date(year, *past.ended)
        if past.outcome in (DECLINED, CANCELLED):
            _not_taken_place(visitor, host, host_org.hosting_offers.first(), ended, past.outcome)
            continue
        visit = walk_to_completed(
            visitor,
            host,
            host_org.hosting_offers.first(),
            statement="What we want to learn from peers. (Fictional demo text.)",
            goals="How the team works with families.",
            ended_on=ended,
        )
        _afterwards(visit, visitor, host, past)
        take_home(visit, visitor, n)
    with on(date(year + 1, 1, 20)):
        publish_report(coordinator, year)


def _afterwards(visit, visitor, host, past: PastVisit) -> None:
    """The reflection a few days after the visit, the surveys a week after, the follow-up
    survey once it opened (if before the report)."""
    if past.outcome == REFLECTED:
        with on(visit.ends_on + timedelta(days=5)):
            for question, goal in reflections.phase_slots(visit, Phase.AFTER, visitor):
                reflections.entry_save(
                    visit_id=visit.pk,
                    user=visitor,
                    phase=Phase.AFTER,
                    question_id=question.pk,
                    goal=goal,
                    text=AFTER_TEXT,
                    submit=True,
                )
    with on(visit.ends_on + timedelta(days=7)):
        _answer(visit, visitor, SurveyKind.AFTER_VISIT, past.scale)
        if past.host_scale is not None:
            _answer(visit, host, SurveyKind.AFTER_VISIT, past.host_scale)
    follow_up = reflections.follow_up_opens(visit) + timedelta(days=10)
    if follow_up.year == visit.ends_on.year:
        with on(follow_up):
            _answer(visit, visitor, SurveyKind.FOLLOW_UP, past.scale)
            if past.host_scale is not None:
                _answer(visit, host, SurveyKind.FOLLOW_UP, past.host_scale)


def _not_taken_place(visitor, host, offer, ended: date, outcome: str) -> None:
    """A request the host declined, or a visit the visitor cancelled after it was accepted."""
    starts_on = ended - timedelta(days=2)
    asked = starts_on - ASKED_BEFORE
    with on(asked - timedelta(days=14)):
        window = OfferWindow.objects.create(
            offer=offer, starts_on=starts_on, ends_on=ended, capacity=1
        )
    with on(asked):
        application = visits.application_submit(
            applicant=visitor,
            data={
                "challenge": offer.challenges.first(),
                "challenge_statement": "What we want to learn from peers. (Fictional demo text.)",
                "learning_goals": "How the team works with families.",
                "available_from": starts_on,
                "available_until": ended,
            },
            languages=Language.vocabulary.filter(slug="en"),
            window=window,
            starts_on=starts_on,
            ends_on=ended,
        )
        visit = application.visits.get()
    with on(asked + timedelta(days=4)):
        if outcome == DECLINED:
            visits.visit_decline(
                visit_id=visit.pk, user=host, reason="The team is short of staff that week."
            )
            return
        visits.visit_accept(visit_id=visit.pk, user=host)
    with on(asked + timedelta(days=20)):
        visits.visit_cancel(
            visit_id=visit.pk, user=visitor, reason="A fictional emergency in the team."
        )


def _answer(visit, person, kind: str, scale: int) -> None:
    survey = surveys.survey_for(kind, visit.ends_on.year)
    answers = {}
    for n, question in enumerate(surveys.questions_for(survey, visit, person)):
        if question.answer_type == AnswerType.SCALE:
            answers[str(question.pk)] = str(scale)
        elif question.answer_type == AnswerType.CHOICE:
            choices = question.choice_list()
            answers[str(question.pk)] = choices[(visit.pk + n) % len(choices)]
        elif question.answer_type == AnswerType.NUMBER:
            answers[str(question.pk)] = str(2 + visit.pk % 4)
    surveys.response_save(visit_id=visit.pk, user=person, kind=kind, answers=answers, submit=True)


def publish_report(coordinator, year: int) -> None:
    reports.report_publish(
        year=year,
        user=coordinator,
        title=f"Evaluation report {year} (demo)",
        narrative=NARRATIVE,
    )
