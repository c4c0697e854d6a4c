"""Benchmark the yearly evaluation report on a synthetic network, on SQLite and on PostgreSQL.

    .venv/bin/python bench/reports.py [--visits 100000] [--entries 300000] [--responses 200000]
                                      [--years 10] [--databases sqlite,postgresql]

Builds the network in a fresh database per engine (bulk inserts, not the workflow: the workflow
is what the test suite covers), then times one year's figures (exchange.reports.figures, safe
tables included) and the report's PDF (cms.pdf, the same template as the page). Baselines in the
same run: a single aggregate query over the year's visits (the least any figure costs), and a
one-page PDF through the same engine. Targets (issue 20): figures <= 1 s, PDF <= 3 s. The last
line of each engine is a summary of key=value figures.
"""

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from cpu import cpu_reference_s  # bench/cpu.py: the script's directory is on sys.path
from throwaway import configure

ROOT = Path(__file__).resolve().parent.parent
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
TARGET_FIGURES_S, TARGET_PDF_S = 1.0, 3.0
ORGANISATIONS, PEOPLE_PER_ORGANISATION = 200, 60


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visits", type=int, default=100_000)
    parser.add_argument("--entries", type=int, default=300_000)
    parser.add_argument("--responses", type=int, default=200_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--engine", help=argparse.SUPPRESS)  # one engine, in a child process
    args = parser.parse_args()
    if args.engine:
        return run(args)
    print(f"cpu reference: {cpu_reference_s():.2f} s")
    status = 0
    for engine in args.databases.split(","):
        child = [sys.executable, __file__, *sys.argv[1:], "--engine", engine]
        # A process each: Django reads its settings once per process.
        status |= subprocess.call(child)  # noqa: S603 - this very script, with its own arguments
    return status


def run(args) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    database = None
    if args.engine == "postgresql":
        database = f"bench_reports_{os.getpid()}"
        _postgres(f"CREATE DATABASE {database}")
        configure(workdir, DATABASE_URL=f"{POSTGRES}/{database}")
    else:
        configure(workdir)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    try:
        return measure(args)
    finally:
        if database:
            from django.db import connections

            connections.close_all()
            _postgres(f"DROP DATABASE {database}")


def _postgres(statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def measure(args) -> int:
    from django.core.management import call_command
    from django.db.models import Count

    from cms.pdf import html_to_pdf, template_to_pdf
    from exchange.reports.disclosure import _protect_linked
    from exchange.reports.figures import figures_for
    from exchange.reports.services import frozen
    from exchange.visits.models import Visit

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    year = build(args)
    print(
        f"[{args.engine}] built {args.visits:,} visits, {args.entries:,} reflection entries, "
        f"{args.responses:,} survey responses over {args.years} years "
        f"in {time.perf_counter() - started:.0f} s"
    )

    def best_of(work, times=5) -> float:
        timings = []
        for _ in range(times):
            begin = time.perf_counter()
            work()
            timings.append(time.perf_counter() - begin)
        return min(timings)

    def baseline_query():
        list(Visit.objects.filter(ends_on__year=year).values("state").annotate(n=Count("pk")))

    def figures_solved():
        # The disclosure control remembers its answers (exchange/reports/disclosure.py): each
        # timing starts without them, as the first asking for a year does.
        _protect_linked.cache_clear()
        return figures_for(year)

    figures = figures_for(year)
    baseline_s = best_of(baseline_query)
    figures_s = best_of(figures_solved)
    remembered_s = best_of(lambda: figures_for(year))

    from cms.models import EvaluationReportPage

    page = EvaluationReportPage(
        title=f"Evaluation report {year}",
        year=year,
        narrative="<p>Synthetic.</p>",
        figures=[frozen(f) for f in figures],
        figures_before=[frozen(f) for f in figures_for(year - 1)],
    )
    one_page_s = best_of(lambda: html_to_pdf("<html lang=en><title>T</title><p>One page."), 3)
    tables = page.tables()
    pdf_s = best_of(
        lambda: template_to_pdf("cms/evaluation_report_pdf.html", {"page": page, "tables": tables}),
        3,
    )
    print(f"[{args.engine}] one aggregate query (baseline): {baseline_s * 1000:.0f} ms")
    print(
        f"[{args.engine}] one year's figures ({len(figures)} tables): {figures_s * 1000:.0f} ms "
        f"(target {TARGET_FIGURES_S * 1000:.0f} ms); asked again, the tables remembered: "
        f"{remembered_s * 1000:.0f} ms"
    )
    print(f"[{args.engine}] one-page PDF (baseline): {one_page_s * 1000:.0f} ms")
    print(f"[{args.engine}] the report's PDF: {pdf_s * 1000:.0f} ms (target {TARGET_PDF_S} s)")
    print(
        f"engine={args.engine} baseline_ms={baseline_s * 1000:.0f} "
        f"figures_ms={figures_s * 1000:.0f} figures_remembered_ms={remembered_s * 1000:.0f} "
        f"pdf_baseline_ms={one_page_s * 1000:.0f} pdf_ms={pdf_s * 1000:.0f} "
        f"figures_ok={figures_s <= TARGET_FIGURES_S} pdf_ok={pdf_s <= TARGET_PDF_S}"
    )
    return 0


def build(args) -> int:
    """The synthetic network: organisations (pages) with people, offers and windows; then, in
    bulk, applications and visits spread over the years, reflection entries and submitted survey
    responses with their answers. Returns the year to report on (the last full one)."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from cms.models import Challenge, OrganisationPage
    from exchange.reflections.models import ReflectionEntry, ReflectionQuestion
    from exchange.surveys.models import AnswerType, SurveyAnswer, SurveyKind, SurveyResponse
    from exchange.surveys.services import survey_for
    from exchange.visits.models import Application, HostingOffer, OfferWindow, Visit, VisitState

    rng = random.Random(20)  # noqa: S311 - reproducible data, not secrets
    call_command("generate_library", practices=0, organisations=ORGANISATIONS, verbosity=0)
    organisations = list(OrganisationPage.objects.all())
    challenges = list(Challenge.vocabulary.all())
    user_model = get_user_model()
    user_model.objects.bulk_create(
        user_model(username=f"p{o}-{n}", email=f"p{o}-{n}@bench.example")
        for o in range(len(organisations))
        for n in range(PEOPLE_PER_ORGANISATION)
    )
    people = {}
    for user in user_model.objects.filter(username__startswith="p"):
        people.setdefault(int(user.username[1:].split("-")[0]), []).append(user.pk)
    first_year = timezone.localdate().year - args.years
    windows = []
    for o, organisation in enumerate(organisations):
        offer = HostingOffer.objects.create(organisation=organisation, title=f"Offer {o}")
        windows.append(
            OfferWindow(
                offer=offer,
                starts_on=date(first_year, 1, 1),
                ends_on=date(first_year + args.years, 12, 31),
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
        applications, visits = [], []
        for _visit in range(args.visits):
            o = rng.randrange(len(organisations))
            start = date(first_year + rng.randrange(args.years), 1, 1) + timedelta(
                rng.randrange(360)
            )
            applications.append(
                Application(
                    applicant_id=rng.choice(people[o]),
                    organisation=organisations[o],
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
            while (application.applicant_id, window.pk) in placed:
                window = rng.choice(windows)
            placed.add((application.applicant_id, window.pk))
            visits.append(
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
        Visit.objects.bulk_create(visits, batch_size=5000)
        questions = list(ReflectionQuestion.objects.all())
        if args.entries > len(visits) * len(questions):
            raise SystemExit("--entries: at most one entry per visit and question")
        answered: set[tuple[int, int]] = set()  # one entry per answer (a database constraint)
        entries = []
        while len(entries) < args.entries:
            visit, question = rng.choice(visits), rng.choice(questions)
            if (visit.pk, question.pk) in answered:
                continue
            answered.add((visit.pk, question.pk))
            entries.append(
                ReflectionEntry(
                    visit=visit,
                    author_id=visit.visitor_id,
                    phase=question.phase,
                    question=question,
                    question_text=question.text_en,
                    submitted_at=timezone.now(),
                )
            )
        ReflectionEntry.objects.bulk_create(entries, batch_size=5000)
        surveys = {
            (kind, year): survey_for(kind, year)
            for kind in SurveyKind
            for year in range(first_year, first_year + args.years + 1)
        }
        questions_of = {s.pk: list(s.questions.all()) for s in surveys.values()}
        taken = set()
        responses = []
        while len(responses) < args.responses:
            visit = rng.choice(visits)
            kind = rng.choice(list(SurveyKind))
            if (visit.pk, kind) in taken:
                continue
            taken.add((visit.pk, kind))
            responses.append(
                SurveyResponse(
                    survey=surveys[(kind, visit.ends_on.year)],
                    visit=visit,
                    respondent_id=visit.visitor_id,
                    submitted_at=timezone.now(),
                )
            )
        SurveyResponse.objects.bulk_create(responses, batch_size=5000)
        answers = []
        for response in responses:
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


if __name__ == "__main__":
    sys.exit(main())
