"""The search backend a deployment asked for (settings.SEARCH_BACKEND and its companions, parsed
from the environment in config/settings.py), as Wagtail's WAGTAILSEARCH_BACKENDS entry: a Whoosh
index on local disk by default (packages/modelsearch-whoosh/; one host only), Wagtail's database
backend, or a cluster. A setting that cannot work stops the start with what to do."""

import importlib
import importlib.util
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

# The cluster backends and the client each needs: an extra (pyproject.toml), which a deployment
# without a cluster does not install.
CLUSTER_CLIENTS = {"elasticsearch8": "elasticsearch", "opensearch3": "opensearchpy"}


def backend(name: str, *, path: Path, urls: list[str], index_prefix: str) -> dict:
    if name == "whoosh":
        return {"BACKEND": "modelsearch_whoosh", "PATH": path}
    if name == "database":
        return {"BACKEND": "wagtail.search.backends.database"}
    if name not in CLUSTER_CLIENTS:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND={name!r} is not one of whoosh, database, " + ", ".join(CLUSTER_CLIENTS)
        )
    if not urls:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND={name} needs SEARCH_URL, e.g. https://user:password@search.example.org:9200"
        )
    try:
        importlib.import_module(CLUSTER_CLIENTS[name])
    except ImportError as missing:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND={name} needs its client, which is not installed: "
            "`make install-cluster` installs requirements/cluster.txt"
        ) from missing
    return {
        "BACKEND": f"wagtail.search.backends.{name}",
        "URLS": urls,
        "INDEX_PREFIX": index_prefix,
    }


def compound_word_lists() -> dict[str, str]:
    """The word list German compounds are split with in the Whoosh index: the German nouns of
    Wiktionary from the `german-nouns` package (its index of word forms). Read as a data file:
    the package's own lookup module is not needed."""
    spec = importlib.util.find_spec("german_nouns")
    if spec is None or not spec.submodule_search_locations:
        raise ImproperlyConfigured("The german-nouns package is missing: run `make install`.")
    return {"de": str(Path(next(iter(spec.submodule_search_locations))) / "index.txt")}


def memo_seconds(value: str) -> int:
    """SEARCH_RESULTS_MEMO_S: whole seconds, 0 or more."""
    if not value.strip().isdigit():
        raise ImproperlyConfigured(
            f"SEARCH_RESULTS_MEMO_S={value!r} is not a number of seconds (0 or more; 0: no memo)"
        )
    return int(value)
