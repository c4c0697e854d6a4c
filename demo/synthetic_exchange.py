"""The exchange's synthetic data for the benchmarks, in bulk (not through the workflow: the
test suite covers that): a round's applications and offers (bench/matching.py), years of visits
with reflections and survey answers (bench/reports.py). Fictional and random, seeded."""

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from wagtail.models import Site

from cms.models import Challenge, Language, OrganisationIndexPage, OrganisationPage, Setting
from exchange.membership.models import Profile
from exchange.reflections.models import AskedOf, ReflectionEntry, ReflectionQuestion
from exchange.surveys.models import AnswerType, SurveyAnswer, SurveyKind, SurveyResponse
from exchange.surveys.services import survey_for
from exchange.visits.models import Application, HostingOffer, OfferWindow, Visit, VisitState

COUNTRIES = ["AT", "BE", "DE", "DK", "FI", "FR", "NL", "NO", "SE", "ES"]
KEYWORDS = [f"word{n}" for n in range(200)]


def applications_and_offers(visitors: int, hosts: int, seed: int) -> date:
    """A round's worth of open applications (`visitors`) and offers with a window each
    (`hosts`), across organisations that each have a host; the first day they are open from."""
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
    challenges, languages = list(Challenge.vocabulary.all()), list(Language.vocabulary.all())
    work_settings = list(Setting.vocabulary.all())
    home = Site.objects.get(is_default_site=True).root_page
    index = home.add_child(instance=OrganisationIndexPage(title="Organisations", slug="orgs"))
    organisations = [
        index.add_child(
            instance=OrganisationPage(
                title=f"Synthetic organisation {n}",
                slug=f"org-{n}",
                country=rng.choice(COUNTRIES),
                description="<p>Synthetic.</p>",
            )
        )
        for n in range(max(1, (visitors + hosts) // 8))
    ]
    users = get_user_model().objects.bulk_create(
        get_user_model()(
            username=f"bench{n}",
            email=f"bench{n}@bench.invalid",
            password=make_password(None),  # unusable: nobody signs in as a benchmark user
        )
        for n in range(visitors)
    )
    Profile.objects.bulk_create(
        Profile(user=user, organisation=rng.choice(organisations)) for user in users
    )
    # Every organisation gets a host: an offer takes visitors only while someone answers for it.
    hosts_accounts = get_user_model().objects.bulk_create(
        get_user_model()(
            username=f"bench-host{n}",
            email=f"bench-host{n}@bench.invalid",
            password=make_password(None),
        )
        for n in range(len(organisations))
    )
    Profile.objects.bulk_create(
        Profile(user=user, organisation=organisation, hosts_visitors=True)
        for user, organisation in zip(hosts_accounts, organisations, strict=True)
    )
    profiles = {p.user_id: p for p in Profile.objects.all()}
    start = date.today() + timedelta(days=10)
    applications = Application.objects.bulk_create(
        Application(
            applicant=user,
            organisation_id=profiles[user.pk].organisation_id,
            challenge=rng.choice(challenges),
            challenge_statement=" ".join(rng.sample(KEYWORDS, 6)),
            learning_goals="Synthetic.",
            available_from=start + timedelta(days=rng.randrange(200)),
            available_until=start + timedelta(days=300),
        )
        for user in users
    )
    Application.languages.through.objects.bulk_create(
        Application.languages.through(application=application, language=language)
        for application in applications
        for language in rng.sample(languages, 2)
    )
    offers = HostingOffer.objects.bulk_create(
        HostingOffer(
            organisation=rng.choice(organisations),
            title=f"Offer {n}",
            description=" ".join(rng.sample(KEYWORDS, 10)),
            observation_rules="Synthetic.",
        )
        for n in range(hosts)
    )
    for through, field, pool, count in (
        (HostingOffer.challenges.through, "challenge", challenges, 3),
        (HostingOffer.languages.through, "language", languages, 2),
        (HostingOffer.work_settings.through, "setting", work_settings, 2),
    ):
        through.objects.bulk_create(
            through(hostingoffer=offer, **{field: item})
            for offer in offers
            for item in rng.sample(pool, count)
        )
    OfferWindow.objects.bulk_create(
        OfferWindow(
            offer=offer,
            starts_on=(first := start + timedelta(days=rng.randrange(250))),
            ends_on=first + timedelta(days=rng.randint(20, 60)),
            capacity=rng.randint(1, 7),
        )
        for offer in offers
    )
    return start


def years_of_visits(
    *,
    visits: int,
    entries: int,
    responses: int,
    years: int,
    organisations: int,
    people_per_organisation: int,
) -> int:
    """The synthetic network: organisations (pages) with people, offers and windows; then, in
    bulk, applications and visits spread over the years, reflection entries and submitted survey
    responses with their answers. Returns the year to report on (the last full one)."""
    rng = random.Random(20)  # noqa: S311 - reproducible data, not secrets
    call_command("generate_library", practices=0, organisations=organisations, verbosity=0)
    pages = list(OrganisationPage.objects.all())
    challenges = list(Challenge.vocabulary.all())
    user_model = get_user_model()
    user_model.objects.bulk_create(
        user_model(username=f"p{o}-{n}", email=f"p{o}-{n}@bench.example")
        for o in range(len(pages))
        for n in range(people_per_organisation)
    )
    people = {}
    for user in user_model.objects.filter(username__startswith="p"):
        people.setdefault(int(user.username[1:].split("-")[0]), []).append(user.pk)
    first_year = timezone.localdate().year - years
    windows = []
    for o, organisation in enumerate(pages):
        offer = HostingOffer.objects.create(organisation=organisation, title=f"Offer {o}")
        windows.append(
            OfferWindow(
                offer=offer,
                starts_on=date(first_year, 1, 1),
                ends_on=date(first_year + years, 12, 31),
                capacity=30_000,
            )
        )
    OfferWindow.objects.bulk_create(windows)
    windows = list(OfferWindow.objects.select_related("offer"))
    # Ended states only: a person holds one open visit per window at most (a constraint).
    states = [*[VisitState.COMPLETED] * 6, VisitState.REFLECTED, VisitState.DECLINED,
              VisitState.CANCELLED]  # fmt: skip
    with_reason = {VisitState.DECLINED, VisitState.CANCELLED}
    with transaction.atomic():
        applications, made = [], []
        for _visit in range(visits):
            o = rng.randrange(len(pages))
            start = date(first_year + rng.randrange(years), 1, 1) + timedelta(rng.randrange(360))
            applications.append(
                Application(
                    applicant_id=rng.choice(people[o]),
                    organisation=pages[o],
                    challenge=rng.choice(challenges),
                    challenge_statement="Synthetic.",
                    learning_goals="Synthetic goal.",
                    available_from=start,
                    available_until=start + timedelta(30),
                )
            )
        Application.objects.bulk_create(applications, batch_size=5000)
        placed = set()  # one open or past visit per person and window (a constraint)
        for application in applications:
            start = application.available_from
            window = rng.choice(windows)
            for _attempt in range(100):
                if (application.applicant_id, window.pk) not in placed:
                    break
                window = rng.choice(windows)
            else:
                raise ValueError("Too many visits per person: give more people per organisation.")
            placed.add((application.applicant_id, window.pk))
            made.append(
                Visit(
                    application=application,
                    visitor_id=application.applicant_id,
                    window=window,
                    state=(state := rng.choice(states)),
                    reason="Synthetic." if state in with_reason else "",
                    starts_on=start,
                    ends_on=start + timedelta(3),
                )
            )
        Visit.objects.bulk_create(made, batch_size=5000)
        # The visitors write: their questions only.
        questions = list(
            ReflectionQuestion.objects.filter(asked_of__in=AskedOf.including(AskedOf.VISITOR))
        )
        if entries > len(made) * len(questions):
            raise ValueError("At most one reflection entry per visit and question.")
        answered: set[tuple[int, int]] = set()  # one entry per answer (a database constraint)
        written = []
        while len(written) < entries:
            visit, question = rng.choice(made), rng.choice(questions)
            if (visit.pk, question.pk) in answered:
                continue
            answered.add((visit.pk, question.pk))
            written.append(
                ReflectionEntry(
                    visit=visit,
                    author_id=visit.visitor_id,
                    phase=question.phase,
                    question=question,
                    question_text=question.text_en,
                    submitted_at=timezone.now(),
                )
            )
        ReflectionEntry.objects.bulk_create(written, batch_size=5000)
        surveys = {
            (kind, year): survey_for(kind, year)
            for kind in SurveyKind
            for year in range(first_year, first_year + years + 1)
        }
        # The visitors answer: their questions only.
        questions_of = {
            s.pk: list(s.questions.filter(asked_of__in=AskedOf.including(AskedOf.VISITOR)))
            for s in surveys.values()
        }
        taken = set()
        answered_surveys = []
        while len(answered_surveys) < responses:
            visit = rng.choice(made)
            kind = rng.choice(list(SurveyKind))
            if (visit.pk, kind) in taken:
                continue
            taken.add((visit.pk, kind))
            answered_surveys.append(
                SurveyResponse(
                    survey=surveys[(kind, visit.ends_on.year)],
                    visit=visit,
                    respondent_id=visit.visitor_id,
                    submitted_at=timezone.now(),
                )
            )
        SurveyResponse.objects.bulk_create(answered_surveys, batch_size=5000)
        answers = []
        for response in answered_surveys:
            for question in questions_of[response.survey.pk]:
                if question.answer_type == AnswerType.SCALE:
                    answers.append(
                        SurveyAnswer(response=response, question=question, number=rng.randint(1, 5))
                    )
                elif question.answer_type == AnswerType.CHOICE:
                    choice = rng.choice(question.choice_list())
                    answers.append(
                        SurveyAnswer(response=response, question=question, choice=choice)
                    )
            if len(answers) > 20_000:
                SurveyAnswer.objects.bulk_create(answers)
                answers = []
        SurveyAnswer.objects.bulk_create(answers)
    return timezone.localdate().year - 1
