"""Benchmark the practice library on a fresh SQLite database.

    .venv/bin/python bench/library.py [--practices 20000] [--organisations 2000] [--requests 200]

Generates the synthetic library, then renders each scenario through Django's test client with
DEBUG off and reports p50/p95 server time and the query count. The home page, the simplest page
on the same stack, is the baseline measured in the same run. The last line is a summary of
key=value figures.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from throwaway import configure  # bench/throwaway.py: the script's directory is on sys.path

ROOT = Path(__file__).resolve().parent.parent
TARGET_P95_MS = 30.0
TARGET_QUERIES = 12


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--practices", type=int, default=20_000)
    parser.add_argument("--organisations", type=int, default=None, help="default: practices / 10")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per scenario")
    args = parser.parse_args()
    organisations = args.organisations or max(1, args.practices // 10)

    workdir = Path(tempfile.mkdtemp(prefix="bench-library-"))
    # The listing as it is rendered: whole stored pages (cms/page_cache.py) would answer from
    # memory, and bench/http_load.py measures those.
    configure(workdir, DJANGO_SETTINGS_MODULE="bench.settings_without_page_cache")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cms.models import OrganisationPage, PracticePage

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command(
        "generate_library",
        practices=args.practices,
        organisations=organisations,
        verbosity=0,
    )
    generate_s = time.perf_counter() - started
    print(f"database: {workdir / 'bench.sqlite3'}")
    print(
        f"generated {args.practices} practices, {organisations} organisations in {generate_s:.1f} s"
    )

    practice_urls = [p.url for p in PracticePage.objects.order_by("?")[:50]]
    organisation_urls = [o.url for o in OrganisationPage.objects.order_by("?")[:50]]
    scenarios = {
        "home": ["/"],
        "listing": ["/practices/", "/practices/?sort=title", "/practices/?page=7"],
        "listing_filtered": [
            "/practices/?challenge=mentoring&country=DE",
            "/practices/?challenge=family-support&level=at_risk&evidence=external",
            "/practices/?setting=school&target=young-people-at-risk&language=fr&archived=1",
            "/practices/?country=NL&country=BE&sort=title&page=2",
        ],
        "practice": practice_urls,
        "organisation": organisation_urls,
    }
    # The listing remembers counts and result pages until the library changes; the *_cold rows
    # empty the cache before every request, as a first visitor to a filter combination sees it.
    scenarios["listing_cold"] = scenarios["listing"]
    scenarios["listing_filtered_cold"] = scenarios["listing_filtered"]

    client = Client(HTTP_HOST="localhost")
    results = {}
    for name, urls in scenarios.items():
        for url in urls:  # warm up: imports, template loading, SQLite page cache
            assert client.get(url).status_code == 200, url
        cold = name.endswith("_cold")
        reset_queries()  # each request clears the log as it starts; begin from an empty one
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            client.get(urls[0])
        # Read the count now: CaptureQueriesContext slices the live query log on access, and
        # later requests clear that log.
        query_count = len(captured)
        timings = []
        for i in range(args.requests):
            url = urls[i % len(urls)]
            if cold:
                cache.clear()
            begin = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - begin) * 1000)
            assert response.status_code == 200, url
        timings.sort()
        results[name] = {
            "p50": statistics.median(timings),
            "p95": timings[int(len(timings) * 0.95) - 1],
            "queries": query_count,
        }

    baseline = results["home"]
    print(f"\n{'scenario':<18}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}{'p95/home':>10}  target")
    verdicts = []
    for name, figures in results.items():
        ok = figures["p95"] <= TARGET_P95_MS and figures["queries"] <= TARGET_QUERIES
        if name != "home":
            verdicts.append(ok)
        ratio = figures["p95"] / baseline["p95"] if baseline["p95"] else float("nan")
        verdict = "baseline" if name == "home" else ("ok" if ok else "MISSED")
        print(
            f"{name:<18}{figures['p50']:>9.1f}{figures['p95']:>9.1f}{figures['queries']:>9}"
            f"{ratio:>10.2f}  {verdict}"
        )
    print(f"targets: p95 <= {TARGET_P95_MS:.0f} ms and <= {TARGET_QUERIES} queries per scenario")
    summary = {
        "practices": args.practices,
        "organisations": organisations,
        "generate_s": f"{generate_s:.1f}",
        **{
            f"{name}_{key}": (f"{value:.1f}" if isinstance(value, float) else value)
            for name, figures in results.items()
            for key, value in figures.items()
        },
        "targets_met": str(all(verdicts)).lower(),
    }
    print(" ".join(f"{key}={value}" for key, value in summary.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
