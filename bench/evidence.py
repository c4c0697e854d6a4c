"""Benchmark a practice page with the network's evidence figures, on a fresh SQLite database.

    .venv/bin/python bench/evidence.py [--practices 20000] [--visits 100000] [--requests 100]

Builds the library and the visits in bulk (demo/synthetic_exchange.py), then lists the
practices seen on the visits that took place, the way the network's interest falls (a few
practices on many visits, most on few), with intentions, follow-ups at 3, 6 and 12 months and
what was passed on. It renders practice pages through Django's test client with DEBUG off, as
a signed-in member reads them (never from the page cache): the most observed practice and a
sample of others, with the evidence section (its figures as stored when what they count last
changed) and, as the baseline in the same run, with it unplugged; then what a change costs its
writer: one practice's figures worked out anew. Target (issue 40): p95 with the figures within 2x
the page without them. The last line is a summary of key=value figures.
"""

import argparse
import itertools
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from cpu import cpu_reference_s  # bench/cpu.py: the script's directory is on sys.path
from throwaway import configure

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--practices", type=int, default=20_000)
    parser.add_argument("--visits", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=100, help="timed requests per scenario")
    args = parser.parse_args()
    print(f"cpu reference: {cpu_reference_s():.2f} s")
    workdir = Path(tempfile.mkdtemp(prefix="bench-evidence-"))
    configure(workdir, DJANGO_SETTINGS_MODULE="bench.settings_without_page_cache")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    most_observed, sample = build(args)
    print(
        f"built {args.practices:,} practices and {args.visits:,} visits with what they changed "
        f"in {time.perf_counter() - started:.0f} s"
    )
    return measure(args, most_observed, sample)


def build(args):
    """The library, the visits, and what each visit that took place saw and changed."""
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from cms.models import PracticePage
    from demo.synthetic_exchange import years_of_visits
    from exchange.reports.evidence import work_out_all
    from exchange.transfer.models import FollowUp, PassedOn, PracticeSeen
    from exchange.visits.models import Visit, VisitState

    years_of_visits(
        visits=args.visits,
        entries=0,
        responses=0,
        years=3,
        organisations=200,
        people_per_organisation=max(60, args.visits // 1000),
    )
    call_command(
        "generate_library",
        practices=args.practices,
        organisations=max(1, args.practices // 10),
        verbosity=0,
    )
    rng = random.Random(40)  # noqa: S311 - reproducible data, not secrets
    practices = list(PracticePage.objects.order_by("pk").values_list("pk", "translation_key"))
    took_place = list(
        Visit.objects.filter(state__in=[VisitState.COMPLETED, VisitState.REFLECTED]).values_list(
            "pk", "visitor_id", "ends_on"
        )
    )
    with transaction.atomic():
        seen = []
        # Interest falls off (Zipf): practice k is seen about 1/k as often as the first, which
        # a tenth of the visits saw.
        weights = list(itertools.accumulate(1 / (k + 1) for k in range(len(practices))))
        for visit_id, visitor_id, _ended in took_place:
            chosen = set(rng.choices(range(len(practices)), cum_weights=weights, k=2))
            for index in chosen:
                pk, key = practices[index]
                seen.append(
                    PracticeSeen(
                        visit_id=visit_id,
                        visitor_id=visitor_id,
                        practice_id=pk,
                        practice_key=key,
                        intention=rng.choice(["adopt", "adapt", "adapt", "not_for_us", ""]),
                    )
                )
        # The follow-ups answered, and where each practice stands at the latest of them.
        answers = [
            (row, month, rng.choice(["adopted", "adapting", "stopped", "not_started"]))
            for row in seen
            if row.intention in ("adopt", "adapt")
            for month in (3, 6, 12)
            if rng.random() < 0.6
        ]
        for row, _month, status in answers:  # in order of month: the last one stays
            row.latest_status = status
        PracticeSeen.objects.bulk_create(seen, batch_size=5000)
        now = timezone.now()
        FollowUp.objects.bulk_create(
            (
                FollowUp(seen=row, month=month, status=status, answered_at=now)
                for row, month, status in answers
            ),
            batch_size=5000,
        )
        PassedOn.objects.bulk_create(
            (
                PassedOn(
                    visit_id=row.visit_id,
                    author_id=row.visitor_id,
                    seen=row,
                    kind="team_session",
                    on=timezone.localdate(),
                    colleagues=rng.randint(2, 30),
                )
                for row in seen
                if rng.random() < 0.3
            ),
            batch_size=5000,
        )
    print(
        f"{len(seen):,} practices seen, {FollowUp.objects.count():,} follow-ups, "
        f"{PassedOn.objects.count():,} passed on"
    )
    begin = time.perf_counter()
    worked_out = work_out_all()
    print(
        f"the figures of the {worked_out:,} practices seen worked out and stored in "
        f"{time.perf_counter() - begin:.0f} s"
    )
    most_observed = PracticePage.objects.get(pk=practices[0][0])
    sample = [page.url for page in PracticePage.objects.order_by("?")[:50]]
    return most_observed, sample


def measure(args, most_observed, sample: list[str]) -> int:
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from wagtail import hooks

    from cms import plugins
    from cms.models import PracticePage
    from exchange.reports.disclosure import _protect_linked
    from exchange.reports.evidence import practice_evidence, work_out
    from exchange.reports.wagtail_hooks import what_the_network_saw

    member = get_user_model().objects.filter(username__startswith="p").first()
    client = Client(HTTP_HOST="localhost")
    client.force_login(member)  # a member's page is rendered each time, never from the cache
    shown = practice_evidence(most_observed.translation_key)
    print(f"the most observed practice: {shown.visits:,} visits shown on its page")

    def timed(urls: list[str]) -> dict:
        for url in urls:  # warm up: imports, templates, SQLite's page cache
            assert client.get(url).status_code == 200, url
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            client.get(urls[0])
        queries = len(captured)
        timings = []
        for i in range(args.requests):
            begin = time.perf_counter()
            response = client.get(urls[i % len(urls)])
            timings.append((time.perf_counter() - begin) * 1000)
            assert response.status_code == 200
        timings.sort()
        return {
            "p50": statistics.median(timings),
            "p95": timings[int(len(timings) * 0.95) - 1],
            "queries": queries,
        }

    results = {}
    scenarios = {"most_observed": [most_observed.url], "sample": sample}
    for name, urls in scenarios.items():
        results[f"{name}_with"] = timed(urls)
    # The baseline: the same pages with the evidence section unplugged.
    key = plugins.PRACTICE_PAGE_SECTIONS
    plugged = list(hooks._hooks[key])
    hooks._hooks[key] = [(fn, order) for fn, order in plugged if fn is not what_the_network_saw]
    try:
        for name, urls in scenarios.items():
            results[f"{name}_without"] = timed(urls)
    finally:
        hooks._hooks[key] = plugged

    print(f"\n{'scenario':<24}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}")
    for name, figures in results.items():
        print(f"{name:<24}{figures['p50']:>9.1f}{figures['p95']:>9.1f}{figures['queries']:>9}")
    ratios = {
        name: results[f"{name}_with"]["p95"] / results[f"{name}_without"]["p95"]
        for name in scenarios
    }
    for name, ratio in ratios.items():
        verdict = "ok" if ratio <= TARGET_RATIO else "MISSED"
        print(
            f"{name}: p95 with the figures / without = {ratio:.2f} "
            f"(target <= {TARGET_RATIO}) {verdict}"
        )

    # What a change costs its writer, after the commit: one practice's figures worked out anew
    # (the disclosure control's memory emptied first, as for counts it has not seen).
    def working_out(keys) -> list[float]:
        timings = []
        for practice_key in keys:
            _protect_linked.cache_clear()
            begin = time.perf_counter()
            work_out({practice_key})
            timings.append((time.perf_counter() - begin) * 1000)
        return sorted(timings)

    hot = working_out([most_observed.translation_key] * 5)
    keys = list(PracticePage.objects.order_by("?").values_list("translation_key", flat=True)[:50])
    typical = working_out(keys)
    print(
        f"working out one practice's figures after a change: the most observed "
        f"{statistics.median(hot):.0f} ms; 50 others p50 {statistics.median(typical):.0f} ms, "
        f"p95 {typical[int(len(typical) * 0.95) - 1]:.0f} ms"
    )
    summary = {
        "practices": args.practices,
        "visits": args.visits,
        **{f"{name}_p95_ms": f"{figures['p95']:.1f}" for name, figures in results.items()},
        **{f"{name}_ratio": f"{ratio:.2f}" for name, ratio in ratios.items()},
        "work_out_most_observed_ms": f"{statistics.median(hot):.0f}",
        "work_out_p50_ms": f"{statistics.median(typical):.0f}",
        "targets_met": str(all(r <= TARGET_RATIO for r in ratios.values())).lower(),
    }
    print(" ".join(f"{key}={value}" for key, value in summary.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
