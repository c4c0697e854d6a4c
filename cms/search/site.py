"""The site search (`/search/`): the practice library and organisation profiles.

Everything goes through Wagtail's search API, so it runs on whichever backend the settings name.
Results, counts and facets come from the search backend; the database is asked only for the
page of results shown. The library's facets and URLs are reused, so a filter means the same on
`/practices/` and here.
"""

import hashlib
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.db.models import Case, F, Q, QuerySet, When
from django.http import QueryDict
from django.utils.html import strip_tags
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from wagtail.models import Page, get_page_models

from modelsearch.backends.base import FilterFieldError
from modelsearch.query import PlainText

from cms import page_cache
from cms.listing.cards import search_cards
from cms.listing.context import paginate
from cms.listing.facets import build_facets, not_applied, parse_selection, with_params
from cms.listing.vocabularies import (
    COUNTS_TIMEOUT,
    cached_vocabularies,
    card_labels,
    library_version,
    memo,
)
from cms.locales import active_locale_id, default_locale_id, one_version_each
from cms.models import OrganisationPage, PracticeIndexPage, PracticePage
from cms.models.practices import archive_cutoff
from cms.search.highlighting import analyser, highlight
from cms.search.query import parse
from cms.search.synonyms import fold, synonyms_in

MAX_QUERY_LENGTH = 200
PER_PAGE = 20
ORGANISATIONS_SHOWN = 5
PAGES_SHOWN = 5
AUTOCOMPLETE_LIMIT = 8
WIDEN_BELOW = 5  # fewer practices with most of the words: those with some of them follow

# library facet key → the FilterField counted and the related field filtered on
FACET_FIELDS = {
    "challenge": "challenges",
    "target": "target_groups",
    "setting": "work_settings",
    "language": "languages",
    "level": "prevention_level",
    "evidence": "evidence",
    "country": "countries__country",
}
FILTER_PATHS = {
    "challenge": "challenges__slug",
    "target": "target_groups__slug",
    "setting": "work_settings__slug",
    "language": "languages__slug",
    "country": "countries__country",
    "level": "prevention_level",
    "evidence": "evidence",
}


@dataclass(frozen=True)
class Hit:
    pk: int
    highlight: SafeString
    card: SafeString | None = None  # a practice's card, its highlight in it
    title: str = ""  # an organisation's or another page's, with its address
    url: str = ""

    @cached_property
    def page(self) -> Page:
        """The page itself, read on demand: the template shows the remembered card, title and
        address, and a search answered from the memo reads no page."""
        return Page.objects.get(pk=self.pk).specific


def clean_query(raw: str | None) -> str:
    """The query as searched: whitespace collapsed, cut at a word boundary past the limit."""
    text = " ".join((raw or "").replace("\x00", " ").split())
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0]
    return text


def private_sections() -> Q:
    """The pages under a view restriction (one query): a search request looks them up once for
    all its searches."""
    return Page.objects.private_q()


def public_pages(model, private: Q | None = None) -> QuerySet:
    """What the public may find: live pages outside every `private_sections()`."""
    return model.objects.live().exclude(private_sections() if private is None else private)


def filtered_practices(
    selection: dict[str, list[str]], show_archived: bool, private: Q | None = None
) -> QuerySet:
    practices = public_pages(PracticePage, private)
    if not show_archived:
        practices = practices.current()
    for key, values in selection.items():
        for value in values:  # one filter() per value: a practice must have all of them
            practices = practices.filter(**{FILTER_PATHS[key]: value})
    return practices


def count_facets(results, vocabularies) -> dict[str, dict[str, int]]:
    """The library's facet counts, in the library's shape, over all the search results.

    A backend that can count several fields at once (ours) does it in one pass; any other is
    asked field by field, and a field it cannot count (a related path) is left out.
    """
    if hasattr(results, "facets"):
        counted = results.facets(list(FACET_FIELDS.values()))
    else:
        counted = {}
        for field_name in FACET_FIELDS.values():
            try:
                counted[field_name] = results.facet(field_name)
            except FilterFieldError:
                continue
    counts: dict[str, dict[str, int]] = {}
    for key, field_name in FACET_FIELDS.items():
        values = counted.get(field_name, {})
        counts[key] = {str(value): n for value, n in values.items() if value is not None}
    return counts


def search_context(request) -> dict:
    """Everything the search template needs, from the request's query string."""
    params: QueryDict = request.GET
    query = clean_query(params.get("q"))
    reader = get_language() or settings.LANGUAGE_CODE
    parsed = parse(query, languages=(reader, settings.LANGUAGE_CODE))
    synonyms = synonyms_in(reader)
    searched = parsed.query(synonyms)
    vocabularies = cached_vocabularies(library_version())
    selection = parse_selection(params, vocabularies)
    show_archived = params.get("archived") == "1"
    # Every language version of each practice, each shown with its language: a German reader's
    # English word finds the English text of a practice they are otherwise shown in German.
    every_version = params.get("versions") == "all"
    context = {
        "query": query,
        "labels": card_labels(),
        "any_filter": any(selection.values()),
        "not_applied": not_applied(params, selection),
        "show_archived": show_archived,
        "archived_toggle_url": with_params(
            params, archived=None if show_archived else "1", page=None
        ),
        "every_version": every_version,
        "versions_toggle_url": with_params(
            params, versions=None if every_version else "all", page=None
        ),
    }
    if searched is None:
        # Guidance instead of an empty page: how to search, and the challenges to browse.
        library = (
            PracticeIndexPage.objects.live()
            .public()
            .filter(locale_id__in=[active_locale_id(), default_locale_id()])
            .order_by(Case(When(locale_id=active_locale_id(), then=0), default=1))
            .first()
        )
        return {
            **context,
            "hits": [],
            "facets": [],
            "pagination": paginate(params, 0),
            "library_url": library.url if library else None,
            "challenges": [(slug, name) for slug, (_pk, name) in vocabularies["challenge"].items()],
        }

    page_number = paginate(params, 10**9).number  # the page asked for; checked against the total
    key = results_key(request, query, reader, selection, show_archived, every_version, page_number)
    found = memo().get(key) if settings.SEARCH_RESULTS_MEMO_S else None
    if found is None:
        found = find(request, parsed, selection, show_archived, every_version, page_number)
        if settings.SEARCH_RESULTS_MEMO_S:
            memo().set(key, found, settings.SEARCH_RESULTS_MEMO_S)

    cards = search_cards(request, library_version(), found.passages)
    return {
        **context,
        "hits": [
            Hit(pk, passage, cards[pk])
            for pk, passage in found.passages.items()
            if pk in cards  # unpublished since the search
        ],
        "facets": (
            build_facets(params, selection, found.counts, vocabularies) if found.counts else []
        ),
        "pagination": paginate(params, found.total),
        "organisations": found.organisations,
        "pages": found.pages,
        "suggestion": found.suggestion,
        "suggestion_url": (
            with_params(params, q=found.suggestion, page=None) if found.suggestion else None
        ),
        "some_words": found.some_words,
    }


@dataclass(frozen=True)
class Found:
    """What one search found, as plain data (ids and the public text shown with them): kept in
    the process's memo, so a search repeated before anything public changes costs a lookup."""

    total: int
    some_words: bool  # widened to the practices with some of the words
    passages: dict[int, SafeString]  # the practices of the page asked for, ranked: their passage
    counts: dict[str, dict[str, int]]
    organisations: list[Hit]
    pages: list[Hit]
    suggestion: str | None


def results_key(
    request, query, reader, selection, show_archived, every_version, page_number
) -> str:
    """The memo's key of one search: everything it depends on, and the versions of what it read
    (any public change, the library's, the archive's cutoff). The typed words only as a digest:
    the process's memory holds no query as typed."""
    site = request.get_host()  # the addresses of organisations and pages are the site's
    asked = repr((query, reader, site, sorted(selection.items()), show_archived, every_version))
    digest = hashlib.sha256(asked.encode()).hexdigest()
    versions = f"{page_cache.generation()}:{library_version()}:{archive_cutoff()}"
    return f"search:found:{versions}:{digest}:{page_number}"


def find(request, parsed, selection, show_archived, every_version, page_number) -> Found:
    synonyms = synonyms_in(get_language() or settings.LANGUAGE_CODE)
    searched = parsed.query(synonyms)
    private = private_sections()
    practices = filtered_practices(selection, show_archived, private)
    if not every_version:
        practices = practices.exclude(pk__in=shadowed_versions(PracticePage))
    practices = practices.annotate(organisation_title=F("organisation__title"))
    results = practices.search(searched)
    total = strict_total = results.count()
    some_words = False
    if total < WIDEN_BELOW and parsed.can_widen():
        # Few practices have most of the words: those with some of them follow, the most
        # first, so the page is never emptier than a search for any one of the words.
        wider_results = practices.search(parsed.query(synonyms, minimum=1))
        if (wider_total := wider_results.count()) > total:
            results, total, some_words = wider_results, wider_total, True
    last_page = max(1, -(-total // PER_PAGE))
    offset = (min(page_number, last_page) - 1) * PER_PAGE
    shown = list(results[offset : offset + PER_PAGE])
    wanted = parsed.wanted(synonyms)  # what is highlighted: not the excluded words, nor OR
    vocabularies = cached_vocabularies(library_version())
    counts = count_facets(results, vocabularies) if total else {}

    term_of = analyser()
    organisations, pages = [], []
    if not any(selection.values()) and page_number == 1:
        found = (
            public_pages(OrganisationPage, private)
            .exclude(pk__in=shadowed_versions(OrganisationPage))
            .search(searched)
        )
        organisations = [
            page_hit(request, org, [strip_tags(org.description)], wanted, term_of)
            for org in found[:ORGANISATIONS_SHOWN]
        ]
        found = (
            public_pages(Page, private)
            .type(*other_page_types())
            .exclude(pk__in=shadowed_versions(Page))
            .search(searched)
        )
        pages = [
            page_hit(request, page, passages_of(page), wanted, term_of)
            for page in (hit.specific for hit in found[:PAGES_SHOWN])
        ]

    suggestion = None
    # Suggestions for the words typed (not their synonyms), when most of them find little.
    speller = practices.search(PlainText(parsed.wanted(), operator="and"))
    if strict_total < 3 and hasattr(speller, "spelling_suggestions"):
        # A suggestion that only changes the case or the accents of what was typed would
        # search for the same words again: it is no suggestion.
        typed = fold(parsed.wanted())
        suggestions = [text for text in speller.spelling_suggestions() if fold(text) != typed]
        suggestion = checked_suggestion(suggestions, selection, show_archived, private)

    return Found(
        total=total,
        some_words=some_words,
        passages={
            practice.pk: highlight(practice.text_passages(), wanted, term_of) for practice in shown
        },
        counts=counts,
        organisations=organisations,
        pages=pages,
        suggestion=suggestion,
    )


def page_hit(request, page: Page, passages: list[str], wanted: str, term_of) -> Hit:
    return Hit(
        page.pk,
        highlight(passages, wanted, term_of),
        title=page.title,
        url=page.get_url(request) or "",
    )


def shadowed_versions(model: type[Page]) -> list[int]:
    """The live pages another version stands for, for this reader: the version in their
    language, else the original (`one_version_each`). Excluded in the index query itself, so
    the count, the facets and the pages read one set. Worked out once per version and language:
    the library's for practices and organisations, the page cache's (any change) for others."""
    reader = active_locale_id()

    def work_out() -> list[int]:
        live = model.objects.live()
        if model is Page:
            live = live.type(*other_page_types())
        kept = one_version_each(live, reader).values("pk")
        return list(live.exclude(pk__in=kept).values_list("pk", flat=True))

    version = page_cache.generation() if model is Page else library_version()
    key = f"search:shadowed:{version}:{model._meta.label}:{reader}"
    return memo().get_or_set(key, work_out, COUNTS_TIMEOUT)


def other_page_types() -> list[type[Page]]:
    """The page types found beside practices and organisations: any other page an app adds
    (the themes publication and its chapters, plain pages), without cms naming them."""
    return [
        model
        for model in get_page_models()
        if model is not Page and not issubclass(model, (PracticePage, OrganisationPage))
    ]


def passages_of(page: Page) -> list[str]:
    """A page's prose for highlighting: its own `text_passages()` if it has them."""
    if hasattr(page, "text_passages"):
        return page.text_passages()
    return [page.search_description or getattr(page, "summary", "") or ""]


def checked_suggestion(suggestions: list[str], selection, show_archived, private) -> str | None:
    """The first spelling suggestion that finds something public: the index's vocabulary also
    holds the words of drafts and restricted pages, which a suggestion must never reveal. One
    that finds practices in the reader's language comes first: the vocabulary holds every
    language's words, and a German reader's "Ausstig" should become "Ausstieg", not an English
    word one edit away."""
    practices = filtered_practices(selection, show_archived, private)
    organisations = public_pages(OrganisationPage, private)
    in_their_language = practices.filter(locale_id=active_locale_id())
    for suggestion in suggestions:
        if in_their_language.search(suggestion, operator="and").count():
            return suggestion
    for suggestion in suggestions:
        if practices.search(suggestion, operator="and").count():
            return suggestion
        if organisations.search(suggestion, operator="and").count():
            return suggestion
    return None


def autocomplete(raw: str | None) -> list[dict]:
    """Titles of public practices and organisations that start with what was typed."""
    query = clean_query(raw)
    if not query:
        return []
    pages = (
        public_pages(Page)
        .type(PracticePage, OrganisationPage)
        .autocomplete(query, operator="and")[:AUTOCOMPLETE_LIMIT]
    )
    return [{"title": page.title, "url": page.url} for page in pages]
