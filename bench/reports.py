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
import subprocess
import sys
import tempfile
import time
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
    from demo.synthetic_exchange import years_of_visits

    year = years_of_visits(
        visits=args.visits,
        entries=args.entries,
        responses=args.responses,
        years=args.years,
        organisations=ORGANISATIONS,
        people_per_organisation=PEOPLE_PER_ORGANISATION,
    )
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


if __name__ == "__main__":
    sys.exit(main())
