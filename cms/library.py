"""The practice library's listing: filters from the query string, facet counts, pagination.

Every filter narrows the list (AND, also between two values of one facet), so the count beside a
value is exactly how many practices remain if the reader adds it. The whole listing costs a fixed
number of queries: the vocabularies, one UNION for every facet count and the total, the page of
rows, and two prefetches for what the rows show.
"""

import math
from dataclasses import dataclass, field

from django.db.models import CharField, Count, F, QuerySet, Value
from django.db.models.functions import Cast
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from django_countries import countries

from cms.models.library import Evidence, PracticeCountry, PracticePage, PreventionLevel
from cms.models.snippets import Challenge, Language, Setting, TargetGroup

PER_PAGE = 20
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

    @property
    def start_index(self) -> int:
        return 0 if self.total == 0 else (self.number - 1) * PER_PAGE + 1

    @property
    def end_index(self) -> int:
        return min(self.number * PER_PAGE, self.total)


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
        code.upper() for code in params.getlist("country") if code.upper() in dict(countries)
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
    for key, (_label, _model, relation) in TERM_FACETS.items():
        for slug in selection[key]:
            practices = practices.filter(**{relation: vocabularies[key][slug][0]})
    for code in selection["country"]:
        practices = practices.filter(countries__country=code)
    for key, (_label, _choices, field_name) in CHOICE_FACETS.items():
        if selection[key]:
            practices = practices.filter(**{field_name: selection[key][0]})
    return practices


def count_facets(filtered: QuerySet, everything: QuerySet) -> dict[str, dict[str, int]]:
    """Counts per facet value over `filtered`, plus its total and the total of `everything`."""
    ids = filtered.values("pk")

    def part(queryset, facet: str, value) -> QuerySet:
        # Compound statements allow no ORDER BY in their parts: drop the models' default ordering.
        return (
            queryset.order_by()
            .values(
                facet=Value(facet, output_field=CharField()),
                value=Cast(value, output_field=CharField()),
            )
            .annotate(n=Count("pk"))
        )

    parts = [
        part(
            PracticePage.objects.filter(pk__in=ids),
            "total",
            Value("", output_field=CharField()),
        ),
        part(everything, "all", Value("", output_field=CharField())),
        part(PracticeCountry.objects.filter(practice_id__in=ids), "country", F("country")),
    ]
    for key, (_label, _model, relation) in TERM_FACETS.items():
        through = getattr(PracticePage, relation).through
        target = through._meta.get_field(relation_target_field(through)).attname
        parts.append(part(through.objects.filter(practicepage_id__in=ids), key, F(target)))
    for key, (_label, _choices, field_name) in CHOICE_FACETS.items():
        parts.append(part(PracticePage.objects.filter(pk__in=ids), key, F(field_name)))

    counts: dict[str, dict[str, int]] = {}
    for row in parts[0].union(*parts[1:], all=True):
        counts.setdefault(row["facet"], {})[row["value"]] = row["n"]
    return counts


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
                ((code, countries.name(code), code) for code in present), key=lambda o: o[1]
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
    query = params.copy()
    query.pop("page", None)
    values = query.getlist(key)
    query.setlist(key, [v for v in values if v != value] if value in values else [*values, value])
    return f"?{query.urlencode()}" if query else "?"


def with_params(params: QueryDict, **changes) -> str:
    query = params.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return f"?{query.urlencode()}" if query else "?"


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
    vocabularies = load_vocabularies()
    selection = parse_selection(params, vocabularies)
    show_archived = params.get("archived") == "1"
    sort = params.get("sort") if params.get("sort") in SORTS else DEFAULT_SORT

    in_library = PracticePage.objects.live().descendant_of(index_page)
    scope = in_library if show_archived else in_library.current()
    filtered = filter_practices(scope, selection, vocabularies)
    counts = count_facets(filtered, filter_practices(in_library, selection, vocabularies))

    total = counts.get("total", {}).get("", 0)
    pagination = paginate(params, total)
    offset = (pagination.number - 1) * PER_PAGE
    practices = list(
        filtered.order_by(*SORTS[sort])
        .select_related("organisation")
        .prefetch_related("challenges", "countries")[offset : offset + PER_PAGE]
    )
    archived_hidden = 0 if show_archived else counts.get("all", {}).get("", 0) - total
    return {
        "practices": practices,
        "facets": build_facets(params, selection, counts, vocabularies),
        "pagination": pagination,
        "sort": sort,
        "sort_urls": {key: with_params(params, sort=key, page=None) for key in SORTS},
        "show_archived": show_archived,
        "archived_hidden": archived_hidden,
        "archived_toggle_url": with_params(
            params, archived=None if show_archived else "1", page=None
        ),
        "any_filter": any(selection.values()),
    }
