"""A practice card: what it shows besides the page's own fields (its challenges, countries,
level and review month), loaded for a whole page of cards in one query; and the library's cards
as HTML, remembered per practice until the library changes."""

import functools

from django.db.models import CharField, F, Value
from django.template import Context
from django.template.loader import get_template
from django.utils import translation
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from wagtail.models import Site

from django_countries import countries

from cms.listing.vocabularies import COUNTS_TIMEOUT, card_labels, memo
from cms.models.practices import (
    PracticeCountry,
    PracticePage,
    PreventionLevel,
    archive_cutoff,
)
from cms.models.snippets import Challenge, name_in_reader_language

CARD_TEMPLATE = "includes/practice_card.html"
# Where a search result's card shows its highlighted passage (search_cards).
HIGHLIGHT_SLOT = "<!--highlight-->"


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
            name_in_reader_language(Challenge, "challenge__translation_key"),
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
            months[month] = date_format(reviewed, "YEAR_MONTH_FORMAT")
        practice.card_reviewed = months[month]


def library_cards(request, version: str, practice_ids: list[int]) -> list[str]:
    """The cards of those of these practices that are live, as HTML, in this order."""
    return list(cards_by_id(request, version, practice_ids).values())


def cards_by_id(
    request, version: str, practice_ids: list[int], with_highlight_slot: bool = False
) -> dict[int, str]:
    """The cards of those of these practices that are live, as HTML by id, in this order (with
    a slot for a search result's passage: search_cards). Each card is rendered once per library
    version and language, then taken from the process's memo.

    A card is the same for every reader of one language, and rendering 20 of them was the
    largest part of an uncached library page. Everything a card shows is under the version
    token: the practice (published, unpublished, moved), its terms and its organisation's
    title (cms/signals.py); the archived badge moves with the archive cutoff, in the key.
    Whether each practice is live is asked every time, in one query either way: a page of ids
    remembered from before an unpublish must not show the practice.
    """
    site = Site.find_for_request(request)  # the links are relative to the reader's site
    kind = "search-card" if with_highlight_slot else "card"
    prefix = (
        f"library:{kind}:{version}:{get_language()}:{archive_cutoff()}:{site.pk if site else 0}"
    )
    keys = {pk: f"{prefix}:{pk}" for pk in practice_ids}
    cards = memo().get_many(keys.values())
    live = PracticePage.objects.live().filter(pk__in=practice_ids)
    if len(cards) == len(keys):
        shown = set(live.values_list("pk", flat=True))
    else:
        practices = list(live.annotate(organisation_title=F("organisation__title")))
        shown = {practice.pk for practice in practices}
        missing = [practice for practice in practices if keys[practice.pk] not in cards]
        attach_card_fields(missing)
        template = get_template(CARD_TEMPLATE).template
        labels = card_labels()
        highlight = mark_safe(HIGHLIGHT_SLOT) if with_highlight_slot else None  # noqa: S308
        rendered = {
            keys[practice.pk]: template.render(
                Context(
                    {
                        "practice": practice,
                        "labels": labels,
                        "request": request,
                        "highlight": highlight,
                    }
                )
            )
            for practice in missing
        }
        memo().set_many(rendered, COUNTS_TIMEOUT)
        cards.update(rendered)
    return {pk: cards[keys[pk]] for pk in practice_ids if pk in shown}


def search_cards(request, version: str, hits: dict[int, str]) -> dict[int, SafeString]:
    """The cards of search results (by id: those still live), each with its highlighted
    passage (HTML, escaped by the highlighter): the library's cards, remembered the same way,
    the passage put in their slot, so a page of results renders no card and reads no card's
    terms again (a third of a search's time at 20,000 practices)."""
    cards = cards_by_id(request, version, list(hits), with_highlight_slot=True)
    return {
        pk: mark_safe(card.replace(HIGHLIGHT_SLOT, hits[pk], 1))  # noqa: S308 - both escaped
        for pk, card in cards.items()
    }
