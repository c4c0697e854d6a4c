"""The library's vocabularies and the version token its cached listings live under: the
taxonomies by slug in one query, the facets they make, and the labels the cards show."""

import hashlib
import json
import threading
import uuid

from django.core.cache import cache, caches
from django.core.signals import request_finished, request_started
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
# the shared cache, so every process stops using an old memo at once. A request reads it once
# (a search asked for it eight times, each a query of the database cache); outside a request
# (a task, a command) every call reads it. The pages themselves are re-checked for being live
# on every request anyway.
COUNTS_TIMEOUT = 10 * 60


VERSION_KEY = "library:version"
_this_request = threading.local()  # .version: the token as this request first read it


def memo():
    return caches["local"]


def library_version() -> str:
    """A token that changes whenever the library or its vocabularies change (cms/signals.py)."""
    current = getattr(_this_request, "version", None)
    if current is None:
        current = cache.get_or_set(VERSION_KEY, lambda: uuid.uuid4().hex, None)
        if getattr(_this_request, "active", False):
            _this_request.version = current
    return current


def _request_started(**kwargs) -> None:
    _this_request.active, _this_request.version = True, None


def _request_finished(**kwargs) -> None:
    _this_request.active, _this_request.version = False, None


request_started.connect(_request_started, dispatch_uid="library-version-per-request")
request_finished.connect(_request_finished, dispatch_uid="library-version-per-request")


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
    _this_request.version = None  # a request that changes the library reads the new one
