"""The practice library's listing: filters from the query string, facet counts, pagination.

Every filter narrows the list (AND, also between two values of one facet), so the count beside a
value is exactly how many practices remain if the reader adds it. The whole listing costs a fixed
number of queries: the vocabularies, one statement for every facet count and the total, the page
of ids, the page's rows, and one query for the terms the cards show. All but the last two are
cached until the library changes.
"""

import functools
import hashlib
import json
import math
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.cache import cache, caches
from django.db import connection
from django.db.models import CharField, F, QuerySet, Value
from django.http import QueryDict
from django.utils import translation
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from django_countries import countries

from cms.models.library import (
    Evidence,
    PracticeCountry,
    PracticePage,
    PreventionLevel,
    archive_cutoff,
)
from cms.models.snippets import Challenge, Language, Setting, TargetGroup

PER_PAGE = 20
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


SORTS = {
    "reviewed": ("-last_reviewed", "title", "pk"),
    "title": ("title", "pk"),
}
DEFAULT_SORT = "reviewed"

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
# the shared cache, so every process stops using an old memo at once; the pages themselves are
# re-checked for being live on every request anyway.
COUNTS_TIMEOUT = 10 * 60
VERSION_KEY = "library:version"


def memo():
    return caches["local"]


FACET_ORDER = ["challenge", "country", "level", "target", "setting", "evidence", "language"]


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class Facet:
    key: str
    label: str
    values: list[FacetValue] = field(default_factory=list)

    @property
    def selected(self) -> list[FacetValue]:
        return [value for value in self.values if value.selected]


@dataclass(frozen=True)
class Pagination:
    number: int
    num_pages: int
    total: int
    previous_url: str | None
    next_url: str | None


def library_version() -> str:
    """A token that changes whenever the library or its vocabularies change (cms/signals.py)."""
    return cache.get_or_set(VERSION_KEY, uuid.uuid4().hex, None)


def cached_vocabularies(version: str) -> dict[str, dict[str, tuple[int, str]]]:
    return memo().get_or_set(f"library:vocabularies:{version}", load_vocabularies, COUNTS_TIMEOUT)


def load_vocabularies() -> dict[str, dict[str, tuple[int, str]]]:
    """slug → (id, name) for each taxonomy, in display order, in one query."""
    parts = [
        model.objects.order_by().values_list(
            Value(key, output_field=CharField()), "slug", "id", "name", "sort_order"
        )
        for key, (_label, model, _relation) in TERM_FACETS.items()
    ]
    vocabularies: dict[str, dict[str, tuple[int, str]]] = {key: {} for key in TERM_FACETS}
    rows = parts[0].union(*parts[1:], all=True)
    for key, slug, pk, name, _sort in sorted(rows, key=lambda row: (row[0], row[4], row[3])):
        vocabularies[key][slug] = (pk, name)
    return vocabularies


def parse_selection(params: QueryDict, vocabularies) -> dict[str, list[str]]:
    """The valid filter values in the query string; unknown values are dropped, not errors."""
    selection: dict[str, list[str]] = {}
    for key in TERM_FACETS:
        selection[key] = unique(v for v in params.getlist(key) if v in vocabularies[key])
    selection["country"] = unique(
        code.upper() for code in params.getlist("country") if code.upper() in countries
    )
    for key, (_label, choices, _field) in CHOICE_FACETS.items():
        # One practice has one level and one evidence grade: a second value could match nothing.
        selection[key] = [v for v in params.getlist(key) if v in choices.values][:1]
    return selection


def unique(values) -> list[str]:
    return list(dict.fromkeys(values))


def filter_practices(
    practices: QuerySet, selection: dict[str, list[str]], vocabularies
) -> QuerySet:
    # Membership tests (IN subqueries) rather than joins: the database can then walk the sort
    # index and stop after one page, instead of joining every match and sorting them all.
    for key, (_label, _model, relation) in TERM_FACETS.items():
        through = getattr(PracticePage, relation).through
        target = relation_target_field(through)
        for slug in selection[key]:
            members = through.objects.filter(**{target: vocabularies[key][slug][0]})
            practices = practices.filter(pk__in=members.values("practicepage_id"))
    for code in selection["country"]:
        members = PracticeCountry.objects.filter(country=code).values("practice_id")
        practices = practices.filter(pk__in=members)
    for key, (_label, _choices, field_name) in CHOICE_FACETS.items():
        if selection[key]:
            practices = practices.filter(**{field_name: selection[key][0]})
    return practices


def count_facets(filtered: QuerySet, everything: QuerySet) -> dict[str, dict[str, int]]:
    """Counts per facet value over `filtered`, plus its total and the total of `everything`.

    One statement. The ORM would repeat the filtered subquery in every part of the UNION and the
    database would evaluate it each time (11 times over 20,000 practices: ~170 ms on SQLite), so
    the set is computed once as a materialized CTE and each part counts against it.
    """
    selected_sql, selected_params = filtered.order_by().values("pk").query.sql_with_params()
    all_sql, all_params = everything.order_by().values("pk").query.sql_with_params()
    quote = connection.ops.quote_name

    # Only names from the models' metadata, quoted, go into the SQL text; values are parameters.
    def part(facet: str, table: str, value_column: str, practice_column: str) -> str:
        value, practice = quote(value_column), quote(practice_column)
        return (
            f"SELECT '{facet}', CAST({value} AS TEXT), COUNT(*) FROM {quote(table)} "  # noqa: S608
            f"WHERE {practice} IN (SELECT id FROM selected) GROUP BY {value}"
        )

    parts = [
        "SELECT 'total', '', COUNT(*) FROM selected",
        f"SELECT 'all', '', COUNT(*) FROM ({all_sql}) everything",  # noqa: S608
        part(
            "country",
            PracticeCountry._meta.db_table,
            PracticeCountry._meta.get_field("country").column,
            PracticeCountry._meta.get_field("practice").column,
        ),
    ]
    for key, (_label, _model, relation) in TERM_FACETS.items():
        through = getattr(PracticePage, relation).through
        parts.append(
            part(
                key,
                through._meta.db_table,
                through._meta.get_field(relation_target_field(through)).column,
                through._meta.get_field("practicepage").column,
            )
        )
    for key, (_label, _choices, field_name) in CHOICE_FACETS.items():
        column = PracticePage._meta.get_field(field_name).column
        parts.append(part(key, PracticePage._meta.db_table, column, PracticePage._meta.pk.column))

    sql = f"WITH selected(id) AS MATERIALIZED ({selected_sql}) " + " UNION ALL ".join(parts)
    counts: dict[str, dict[str, int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [*selected_params, *all_params])
        for facet, value, n in cursor.fetchall():
            counts.setdefault(facet, {})[value] = n
    return counts


def cached_counts(
    version: str, filtered: QuerySet, everything: QuerySet, selection: dict, show_archived: bool
) -> dict[str, dict[str, int]]:
    """count_facets, remembered until the library changes (or the archive cutoff moves)."""
    return memo().get_or_set(
        cache_key(version, "counts", selection, show_archived),
        lambda: count_facets(filtered, everything),
        COUNTS_TIMEOUT,
    )


def cache_key(version: str, kind: str, *parts) -> str:
    """A key for one listing query's derived data; it includes the archive cutoff, which moves
    daily, so the archived rule never serves yesterday's answer."""
    fingerprint = json.dumps([*parts, str(archive_cutoff())], sort_keys=True)
    return f"library:{kind}:{version}:{hashlib.sha256(fingerprint.encode()).hexdigest()}"


def library_changed(**kwargs) -> None:
    """Forget every cached count: a practice was published, unpublished, moved or deleted."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def relation_target_field(through) -> str:
    """The name of the through model's foreign key that is not the practice."""
    return next(
        f.name
        for f in through._meta.get_fields()
        if f.is_relation and f.many_to_one and f.related_model is not PracticePage
    )


def build_facets(params: QueryDict, selection, counts, vocabularies) -> list[Facet]:
    facets = []
    for key in FACET_ORDER:
        facet_counts = counts.get(key, {})
        if key in TERM_FACETS:
            label = TERM_FACETS[key][0]
            options = [(slug, name, str(pk)) for slug, (pk, name) in vocabularies[key].items()]
        elif key == "country":
            label = _("Country")
            present = set(facet_counts) | set(selection["country"])
            options = sorted(
                ((code, country_name(code), code) for code in present), key=lambda o: o[1]
            )
        else:
            label, choices, _field = CHOICE_FACETS[key]
            options = [(value, name, value) for value, name in choices.choices]
        facet = Facet(key=key, label=str(label))
        for value, name, count_key in options:
            selected = value in selection[key]
            count = facet_counts.get(count_key, 0)
            if count or selected:
                facet.values.append(
                    FacetValue(value, str(name), count, selected, toggle_url(params, key, value))
                )
        facets.append(facet)
    return facets


def toggle_url(params: QueryDict, key: str, value: str) -> str:
    """The query string with `value` added to or removed from `key`, back on page 1."""
    # Built from plain pairs: a page has ~80 facet links and QueryDict.copy() deep-copies.
    pairs = [(k, v) for k, values in params.lists() if k not in ("page", key) for v in values]
    values = params.getlist(key)
    kept = [v for v in values if v != value] if value in values else [*values, value]
    pairs += [(key, v) for v in kept]
    return f"?{urlencode(pairs)}" if pairs else "?"


def with_params(params: QueryDict, **changes) -> str:
    query = params.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return f"?{query.urlencode()}" if query else "?"


def country_name(code: str) -> str:
    """The country's name in the active language. django-countries translates a name again on
    every call (some 30 µs): a results page names ~50 countries on its cards and facets."""
    return _country_names(get_language()).get(code, code)


@functools.cache
def _country_names(language: str) -> dict[str, str]:
    with translation.override(language):
        return {code: str(name) for code, name in countries}


def attach_card_fields(practices: list[PracticePage]) -> None:
    """Set what a practice card shows beyond the practice's own columns: `card_challenges` and
    `card_countries` (names), `card_level` and `card_reviewed` (translated and formatted once
    per page, not per card: a choice's display value translates every choice each time).

    One query of plain values: prefetch_related would build a model instance per row and per
    practice a related manager, which cost more than the rest of the card.
    """
    ids = [practice.pk for practice in practices]
    if not ids:
        return
    challenges = (
        PracticePage.challenges.through.objects.filter(practicepage_id__in=ids)
        .order_by()
        .values_list(
            "practicepage_id",
            Value("challenge", output_field=CharField()),
            "challenge__name",
            "challenge__sort_order",
        )
    )
    country_rows = (
        PracticeCountry.objects.filter(practice_id__in=ids)
        .order_by()
        .values_list(
            "practice_id", Value("country", output_field=CharField()), "country", "sort_order"
        )
    )
    found: dict[int, dict[str, list]] = {pk: {"challenge": [], "country": []} for pk in ids}
    rows = challenges.union(country_rows, all=True)
    for practice_id, kind, value, _order in sorted(rows, key=lambda row: (row[3] or 0, row[2])):
        found[practice_id][kind].append(value if kind == "challenge" else country_name(value))
    levels = {value: str(label) for value, label in PreventionLevel.choices}
    months: dict[tuple[int, int], str] = {}
    for practice in practices:
        practice.card_challenges = found[practice.pk]["challenge"]
        practice.card_countries = found[practice.pk]["country"]
        practice.card_level = levels.get(practice.prevention_level, practice.prevention_level)
        reviewed = practice.last_reviewed
        month = (reviewed.year, reviewed.month)
        if month not in months:
            months[month] = date_format(reviewed, "M Y")
        practice.card_reviewed = months[month]


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


def library_context(index_page, params: QueryDict) -> dict:
    """Everything the library template needs, from the page and its query string."""
    version = library_version()
    vocabularies = cached_vocabularies(version)
    selection = parse_selection(params, vocabularies)
    show_archived = params.get("archived") == "1"
    sort = params.get("sort") if params.get("sort") in SORTS else DEFAULT_SORT

    # Practices can only live under the one library page (max_count = 1), so every live practice
    # is in it; a path filter here would only slow the counts down.
    in_library = PracticePage.objects.live()
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
    practices = list(
        # live() again: a cached page of ids from before an unpublish must not show the page.
        PracticePage.objects.live()
        .filter(pk__in=page_ids)
        .order_by(*SORTS[sort])
        .annotate(organisation_title=F("organisation__title"))
    )
    attach_card_fields(practices)
    archived_hidden = 0 if show_archived else counts.get("all", {}).get("", 0) - total
    return {
        "practices": practices,
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
        "labels": card_labels(),
    }
