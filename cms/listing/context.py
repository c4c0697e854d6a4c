"""The practice library's listing: filters from the query string, facet counts, pagination.

Every filter narrows the list (AND, also between two values of one facet), so the count beside a
value is exactly how many practices remain if the reader adds it. The whole listing costs a fixed
number of queries: the vocabularies, one statement for every facet count and the total, the page
of ids, the page's rows, and one query for the terms the cards show. All are remembered until
the library changes, except whether the page's practices are still live, asked every time: a
warm listing costs that one query (cards.py).
"""

import hashlib
import math
from dataclasses import dataclass

from django.http import QueryDict
from django.utils.functional import SimpleLazyObject

from cms.listing.cards import library_cards
from cms.listing.facets import (
    build_facets,
    cached_counts,
    filter_practices,
    not_applied,
    parse_selection,
    with_params,
)
from cms.listing.vocabularies import (
    COUNTS_TIMEOUT,
    cache_key,
    cached_vocabularies,
    card_labels,
    library_version,
    memo,
)
from cms.locales import active_locale_id
from cms.models.practices import (
    PracticePage,
    archive_cutoff,
)

PER_PAGE = 20


SORTS = {
    "reviewed": ("-last_reviewed", "title", "pk"),
    "title": ("title", "pk"),
}


DEFAULT_SORT = "reviewed"


@dataclass(frozen=True)
class Pagination:
    number: int
    num_pages: int
    total: int
    previous_url: str | None
    next_url: str | None


def paginate(params: QueryDict, total: int) -> Pagination:
    num_pages = max(1, math.ceil(total / PER_PAGE))
    try:
        number = int(params.get("page", "1"))
    except ValueError:
        number = 1
    number = min(max(number, 1), num_pages)
    return Pagination(
        number=number,
        num_pages=num_pages,
        total=total,
        previous_url=with_params(params, page=str(number - 1)) if number > 1 else None,
        next_url=with_params(params, page=str(number + 1)) if number < num_pages else None,
    )


def library_context(request, params: QueryDict) -> dict:
    """Everything the library template needs, from the request and its query string."""
    version = library_version()
    vocabularies = cached_vocabularies(version)
    selection = parse_selection(params, vocabularies)
    show_archived = params.get("archived") == "1"
    sort = params.get("sort") if params.get("sort") in SORTS else DEFAULT_SORT

    # Practices can only live under the library page (max_count = 1) and its translations, so
    # every live practice is in it; a path filter here would only slow the counts down.
    in_library = PracticePage.objects.live().one_version_each(active_locale_id())
    scope = in_library if show_archived else in_library.current()
    filtered = filter_practices(scope, selection, vocabularies)
    everything = filter_practices(in_library, selection, vocabularies)
    counts = cached_counts(version, filtered, everything, selection, show_archived)

    total = counts.get("total", {}).get("", 0)
    pagination = paginate(params, total)
    offset = (pagination.number - 1) * PER_PAGE
    # Sort narrow rows (ids), remembered like the counts, and load only the page's practices:
    # sorting whole page rows of 10,000 practices by title took ~50 ms on SQLite, ids ~10 ms.
    page_ids = memo().get_or_set(
        cache_key(version, "page", selection, show_archived, sort, pagination.number),
        lambda: list(
            filtered.order_by(*SORTS[sort]).values_list("pk", flat=True)[offset : offset + PER_PAGE]
        ),
        COUNTS_TIMEOUT,
    )
    cards = library_cards(request, version, page_ids)
    archived_hidden = 0 if show_archived else counts.get("all", {}).get("", 0) - total
    return {
        "cards": cards,
        # Built only when the template's cached sidebar fragment (keyed below) is missing.
        "facets": SimpleLazyObject(lambda: build_facets(params, selection, counts, vocabularies)),
        "facets_cache_key": hashlib.sha256(
            f"{version}:{archive_cutoff()}:{with_params(params, page=None)}".encode()
        ).hexdigest(),
        "facets_cache_timeout": COUNTS_TIMEOUT,
        "pagination": pagination,
        "sort": sort,
        "sort_urls": {key: with_params(params, sort=key, page=None) for key in SORTS},
        "show_archived": show_archived,
        "archived_hidden": archived_hidden,
        "archived_toggle_url": with_params(
            params, archived=None if show_archived else "1", page=None
        ),
        "any_filter": any(selection.values()),
        "not_applied": not_applied(params, selection),
        "labels": card_labels(),
    }
