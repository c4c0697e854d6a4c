"""The library's filters and facets: the selection from the query string, the practices it
leaves, the count beside every value (one statement for all of them, cached until the library
changes) and the URLs that add or remove a value."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db import connection
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from django_countries import countries

from cms.listing.cards import country_name
from cms.listing.vocabularies import CHOICE_FACETS, COUNTS_TIMEOUT, TERM_FACETS, cache_key, memo
from cms.models.practices import (
    PracticeCountry,
    PracticePage,
)

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


def not_applied(params: QueryDict, selection: dict[str, list[str]]) -> list[str]:
    """The filter values asked for that are not the library's (a stale link, a typed address):
    the page says they were not applied, rather than silently showing more than was asked."""

    def as_kept(key: str, value: str) -> tuple[str, str]:
        return key, value.upper() if key == "country" else value

    kept = {as_kept(key, value) for key, values in selection.items() for value in values}
    return unique(
        value
        for key in selection
        for value in params.getlist(key)
        if value and as_kept(key, value) not in kept
    )


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
