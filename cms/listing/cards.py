"""What a practice card shows besides the page's own fields (its challenges, countries, level
and review month), loaded for a whole page of cards in one query."""

import functools

from django.db.models import CharField, Value
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import get_language

from django_countries import countries

from cms.models.practices import (
    PracticeCountry,
    PracticePage,
    PreventionLevel,
)


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
