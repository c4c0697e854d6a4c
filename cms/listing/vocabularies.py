"""The library's vocabularies and the version token its cached listings live under: the
taxonomies by slug in one query, the facets they make, and the labels the cards show."""

import hashlib
import json
import uuid

from django.core.cache import cache, caches
from django.db.models import CharField, Value
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cms.models.practices import (
    Evidence,
    PreventionLevel,
    archive_cutoff,
)
from cms.models.snippets import Challenge, Language, Setting, TargetGroup

# Looked up once per page rather than once per card or facet value in the templates.
CARD_LABELS = {
    "archived": _("Archived"),
    "reviewed": _("reviewed"),
    "remove": _("Remove filter:"),
    "practices": _("practices"),
}


def card_labels() -> dict[str, str]:
    """The labels translated once per request: a lazy string is translated again each time a
    template shows it, and a page shows "practices" beside each of ~80 facet values."""
    return {key: str(label) for key, label in CARD_LABELS.items()}


# key in the URL → (label, vocabulary model or fixed choices, relation on PracticePage)
TERM_FACETS = {
    "challenge": (_("Challenge"), Challenge, "challenges"),
    "target": (_("Target group"), TargetGroup, "target_groups"),
    "setting": (_("Setting"), Setting, "work_settings"),
    "language": (_("Language"), Language, "languages"),
}


CHOICE_FACETS = {
    "level": (_("Prevention level"), PreventionLevel, "prevention_level"),
    "evidence": (_("Evidence"), Evidence, "evidence"),
}


# Facet counts and result pages are memoised per process ("local" cache) per query under a
# version token that every change to the library replaces (cms/signals.py). The token lives in
# the shared cache, and each process reads it from there at most once a second (a search asked
# for it eight times, each a query of the database cache): every process stops using an old
# memo within that second, the one that made the change at once, as with the page cache
# (cms/page_cache.py). The pages themselves are re-checked for being live on every request.
COUNTS_TIMEOUT = 10 * 60


VERSION_KEY = "library:version"
VERSION_MEMO_S = 1


def memo():
    return caches["local"]


def library_version() -> str:
    """A token that changes whenever the library or its vocabularies change (cms/signals.py)."""
    current = memo().get(VERSION_KEY)
    if current is None:
        current = cache.get_or_set(VERSION_KEY, lambda: uuid.uuid4().hex, None)
        memo().set(VERSION_KEY, current, VERSION_MEMO_S)
    return current


def cached_vocabularies(version: str) -> dict[str, dict[str, tuple[int, str]]]:
    key = f"library:vocabularies:{version}:{get_language()}"  # named in the reader's language
    return memo().get_or_set(key, load_vocabularies, COUNTS_TIMEOUT)


def load_vocabularies() -> dict[str, dict[str, tuple[int, str]]]:
    """slug → (id, name in the reader's language) for each taxonomy, in display order, in one
    query."""
    parts = [
        model.vocabulary.order_by().values_list(
            Value(key, output_field=CharField()), "slug", "id", "display_name", "sort_order"
        )
        for key, (_label, model, _relation) in TERM_FACETS.items()
    ]
    vocabularies: dict[str, dict[str, tuple[int, str]]] = {key: {} for key in TERM_FACETS}
    rows = parts[0].union(*parts[1:], all=True)
    for key, slug, pk, name, _sort in sorted(rows, key=lambda row: (row[0], row[4], row[3])):
        vocabularies[key][slug] = (pk, name)
    return vocabularies


def cache_key(version: str, kind: str, *parts) -> str:
    """A key for one listing query's derived data; it includes the archive cutoff, which moves
    daily, so the archived rule never serves yesterday's answer, and the reader's language,
    whose versions of the practices are counted."""
    fingerprint = json.dumps([*parts, str(archive_cutoff()), get_language()], sort_keys=True)
    return f"library:{kind}:{version}:{hashlib.sha256(fingerprint.encode()).hexdigest()}"


def library_changed(**kwargs) -> None:
    """Forget every cached count: a practice was published, unpublished, moved or deleted."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    memo().delete(VERSION_KEY)
