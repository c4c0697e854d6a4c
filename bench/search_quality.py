"""Score the site search on our judged queries, Whoosh beside Wagtail's database backend.

    .venv/bin/python bench/search_quality.py [--show-misses]

On a fresh SQLite database: seeds the demo library (the pages of `seed_demo`, without its people),
indexes it into each backend as an operator's `update_index` does, then sends every query of
bench/relevance/<language>.toml through the real `/search/` view as a reader of that language
(`/de/search/` for German) and reads the practices off the result page in their order. Per
language and backend: precision at 5, recall at 10 and mean reciprocal rank, against the targets;
then every query where Whoosh scores below the database backend on any of the three. The last
line is a summary of key=value figures.

The judgements were written before any query ran (bench/relevance/README.md); the figures on them
are not tuning figures only as long as no rule of the search is written to fit one of these
queries: synonyms and compounds are the field's vocabulary, not these sentences.
"""

import argparse
import multiprocessing
import re
import statistics
import sys
import tempfile
import tomllib
from pathlib import Path
from urllib.parse import urlencode

import throwaway  # bench/throwaway.py: the script's directory is on sys.path

ROOT = Path(__file__).resolve().parent.parent
JUDGEMENTS = Path(__file__).resolve().parent / "relevance"
LANGUAGES = ("en", "de", "fr")
TARGETS = {"p5": 0.45, "r10": 0.75, "mrr": 0.9}
BACKENDS = ("whoosh", "database")
# A result card's heading links to its practice, whose address ends in its slug.
CARD = re.compile(r'<h3 id="practice-\d+"[^>]*><a href="[^"]*?/([^/"]+)/?"')


def judged(language: str, folder: Path = JUDGEMENTS) -> list[dict]:
    with (folder / f"{language}.toml").open("rb") as file:
        return tomllib.load(file)["query"]


def scores(ranked: list[str], relevant: set[str]) -> dict[str, float]:
    """Precision at 5 (over 5, as usual), recall at 10 and the reciprocal rank of the first
    relevant result (0 when none is in the first 20)."""
    first = next((i for i, slug in enumerate(ranked, 1) if slug in relevant), None)
    return {
        "p5": len(set(ranked[:5]) & relevant) / 5,
        "r10": len(set(ranked[:10]) & relevant) / len(relevant),
        "mrr": 1 / first if first else 0.0,
    }


def prefix(language: str) -> str:
    return "" if language == "en" else f"/{language}"


def ranked_slugs(client, language: str, text: str) -> list[str]:
    response = client.get(f"{prefix(language)}/search/?{urlencode({'q': text})}")
    assert response.status_code == 200, (language, text, response.status_code)
    return CARD.findall(response.content.decode())


def archived_slugs(workdir: Path) -> set[str]:
    """The demo's archived practices: the search shows them only when asked (`archived=1`),
    so a judged practice that is archived is not counted against the default search."""
    throwaway.configure(workdir, SEARCH_BACKEND="whoosh")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from cms.models import PracticePage

    return {page.slug for page in PracticePage.objects.live() if page.is_archived}


def run_backend(workdir: Path, backend: str, folder: Path = JUDGEMENTS) -> dict:
    """In a fresh process with `backend` as the default: index the library into it, then
    answer every judged query. Returns {language: [(query, ranked slugs)]}."""
    throwaway.configure(workdir, SEARCH_BACKEND=backend)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("update_index", verbosity=0)
    client = Client(HTTP_HOST="localhost")
    return {
        language: [
            (q["text"], ranked_slugs(client, language, q["text"])) for q in judged(language, folder)
        ]
        for language in LANGUAGES
    }


def seed(workdir: Path) -> None:
    throwaway.configure(workdir, SEARCH_BACKEND="whoosh")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from demo.indexing import indexing_afterwards
    from demo.site import seed_site_pages

    call_command("migrate", verbosity=0)
    with indexing_afterwards(index=False):
        seed_site_pages()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show-misses", action="store_true", help="print each query's ranking")
    parser.add_argument(
        "--held-out",
        action="store_true",
        help="score the held-out set (bench/relevance/heldout/): never tune on its results",
    )
    args = parser.parse_args()
    folder = JUDGEMENTS / "heldout" if args.held_out else JUDGEMENTS
    sys.stdout.reconfigure(line_buffering=True)
    workdir = Path(tempfile.mkdtemp(prefix="bench-quality-"))
    spawn = multiprocessing.get_context("spawn")
    with spawn.Pool(1) as pool:
        pool.apply(seed, (workdir,))
        archived = pool.apply(archived_slugs, (workdir,))
    print(f"archived in the demo, not counted as relevant: {', '.join(sorted(archived))}")
    answers = {}
    for backend in BACKENDS:
        with spawn.Pool(1) as pool:
            answers[backend] = pool.apply(run_backend, (workdir, backend, folder))

    summary: dict[str, str] = {}
    met = True
    worse: list[str] = []
    print(f"{'':<4} {'backend':<9} {'P@5':>5} {'R@10':>5} {'MRR':>5}  queries")
    for language in LANGUAGES:
        queries = judged(language, folder)
        per_backend = {}
        for backend in BACKENDS:
            per_query = [
                scores(ranked, set(q["relevant"]) - archived)
                for q, (_text, ranked) in zip(queries, answers[backend][language], strict=True)
            ]
            per_backend[backend] = per_query
            means = {k: statistics.fmean(s[k] for s in per_query) for k in TARGETS}
            print(
                f"{language:<4} {backend:<9} {means['p5']:5.2f} {means['r10']:5.2f} "
                f"{means['mrr']:5.2f}  {len(queries)}"
            )
            for key, value in means.items():
                summary[f"{language}_{backend}_{key}"] = f"{value:.2f}"
            if backend == "whoosh":
                met = met and all(means[k] >= target for k, target in TARGETS.items())
        for q, ours, theirs, (_t, ranked) in zip(
            queries,
            per_backend["whoosh"],
            per_backend["database"],
            answers["whoosh"][language],
            strict=True,
        ):
            below = [k for k in TARGETS if ours[k] < theirs[k]]
            if below:
                worse.append(f"{language} {q['text']!r}: below the database on {', '.join(below)}")
            if args.show_misses and (
                below or ours["p5"] < 0.6 or ours["r10"] < 1 or ours["mrr"] < 1
            ):
                print(f"   {language} {q['text']!r} {ours} got {ranked[:10]}")
    print(
        "targets (each language, Whoosh): "
        + ", ".join(f"{k} >= {v}" for k, v in TARGETS.items())
        + f": {'met' if met else 'MISSED'}"
    )
    print(f"queries where Whoosh scores below the database backend: {len(worse)}")
    for line in worse:
        print(f"  {line}")
    summary["below_database"] = str(len(worse))
    summary["targets_met"] = str(met and not worse).lower()
    print(" ".join(f"{key}={value}" for key, value in summary.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
