"""The practice library: page tree, rendering, facets, the archived rule, query budgets."""

import html
import re
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.test.utils import WagtailPageTestCase

import pytest

from cms.listing.cards import country_name
from cms.listing.vocabularies import library_changed
from cms.models import (
    HomePage,
    OrganisationIndexPage,
    OrganisationPage,
    PracticeIndexPage,
    PracticePage,
    StandardPage,
)
from cms.models.practices import archive_cutoff
from demo.page_factories import make_library, make_organisation, make_practice

# One of them reads the library's version token from the shared cache (a database table on
# the embedded defaults), so that every worker process drops its memo at once; another reads
# the header's sections from that cache (cms/navigation.py); one more finds the page's versions
# in other languages for its hreflang links (templates/base.html).
MAX_QUERIES = 15
# A practice page also reads what the network's visits saw of it, worked out ahead: one query,
# however many visits (exchange/reports/evidence.py; tests/exchange/transfer/test_evidence.py).
PRACTICE_PAGE_QUERIES = MAX_QUERIES + 1


class TestLibraryPageTree(WagtailPageTestCase):
    def test_index_pages_live_under_home(self):
        self.assertCanCreateAt(HomePage, PracticeIndexPage)
        self.assertCanCreateAt(HomePage, OrganisationIndexPage)
        self.assertCanNotCreateAt(StandardPage, PracticeIndexPage)
        self.assertCanNotCreateAt(PracticeIndexPage, OrganisationIndexPage)

    def test_practices_and_organisations_live_under_their_index(self):
        self.assertCanCreateAt(PracticeIndexPage, PracticePage)
        self.assertCanCreateAt(OrganisationIndexPage, OrganisationPage)
        self.assertCanNotCreateAt(HomePage, PracticePage)
        self.assertCanNotCreateAt(OrganisationIndexPage, PracticePage)
        self.assertCanNotCreateAt(PracticeIndexPage, OrganisationPage)
        self.assertCanNotCreateAt(PracticePage, PracticePage)


@pytest.fixture
def library(home_page):
    return make_library(home_page)[0]


@pytest.fixture
def organisations(home_page, library):
    return OrganisationIndexPage.objects.get(locale__language_code="en")


def listing(client, query: str = ""):
    response = client.get(f"/practices/{query}")
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    """The practices' titles, in the order their cards are shown."""
    return [
        html.unescape(title)
        for title in re.findall(
            r'<h3 id="practice-\d+"[^>]*><a [^>]*>([^<]*)</a>', response.content.decode()
        )
    ]


def facet_counts(response, key: str) -> dict[str, int]:
    facet = next(f for f in response.context["facets"] if f.key == key)
    return {value.value: value.count for value in facet.values}


# --- rendering -----------------------------------------------------------------------------------


def test_a_card_shows_level_countries_and_review_month(client, library):
    make_practice(
        library,
        title="Card practice",
        prevention_level="individual",
        countries=("AT", "DE"),
        last_reviewed=date(2026, 3, 14),
    )

    html = client.get("/practices/").content.decode()

    card = html[html.index("Card practice") :]
    card = card[: card.index("</article>")]
    for text in ["Individual intervention", "Austria, Germany", "reviewed Mar 2026", "Mentoring"]:
        assert text in card


def test_country_names_follow_the_active_language():
    with translation.override("de"):
        assert country_name("DE") == "Deutschland"
    with translation.override("en"):
        assert country_name("DE") == "Germany"
        assert country_name("XX") == "XX"  # not a country: shown as stored


def test_practice_page_renders_everything_a_reader_needs(client, library, organisations):
    organisation = make_organisation(organisations, title="Harbour Counselling (fictional)")
    practice = make_practice(
        library,
        title="The first call",
        organisation=organisation,
        mechanism="Calm first contact builds trust.",
        staff="Two counsellors",
        evidence="peer_reviewed",
        evaluation_summary="Evaluated by peers.",
        transferability="Works wherever a helpline exists.",
        start_year=2015,
        countries=("DE", "AT"),
    )
    practice.tags.add("helpline")
    practice.save_revision().publish()
    related = make_practice(library, title="A sister practice", challenges=("mentoring",))
    make_practice(library, title="Unrelated", challenges=("evaluation",))

    response = client.get(practice.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    for text in [
        "The first call",
        "Peer reviewed",
        "Calm first contact builds trust.",
        "Two counsellors",
        "Evaluated by peers.",
        "Works wherever a helpline exists.",
        "Germany",
        "Austria",
        "2015",
        "helpline",
        organisation.url,
        related.url,
    ]:
        assert text in html, text
    assert "Unrelated" not in html


def test_organisation_page_lists_its_practices_and_no_address(client, library, organisations):
    organisation = make_organisation(organisations, city="Ghent", country="BE")
    own = make_practice(library, organisation=organisation)
    other = make_practice(library)

    response = client.get(organisation.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Ghent, Belgium" in html
    assert own.title in html and other.title not in html
    assert not any("address" in field.name for field in OrganisationPage._meta.get_fields())


def test_organisation_index_lists_published_profiles(client, organisations, library):
    published = make_organisation(organisations, title="Published organisation")
    draft = make_organisation(organisations, title="Draft organisation")
    draft.unpublish()
    make_practice(library, organisation=published)
    make_practice(library, organisation=published).unpublish()

    response = client.get("/organisations/")

    html = response.content.decode()
    assert published.title in html and draft.title not in html
    assert "1 practice" in html and "2 practices" not in html  # drafts are not counted


def test_practice_index_renders(client, library):
    make_practice(library, title="Listed practice")
    response = listing(client)
    assert "Listed practice" in response.content.decode()
    assert response.content.decode().count("<h1") == 1


# --- facets --------------------------------------------------------------------------------------

FACET_CASES = [
    ("challenge", "challenges", "family-support", "mentoring"),
    ("country", "countries", "NL", "FR"),
    ("level", "prevention_level", "general", "individual"),
    ("target", "targets", "women-girls", "families"),
    ("setting", "work_settings", "school", "online"),
    ("evidence", "evidence", "peer_reviewed", "none"),
    ("language", "languages", "nl", "fr"),
]


@pytest.mark.parametrize(("key", "field", "wanted", "other"), FACET_CASES)
def test_each_facet_filters_and_counts(client, library, key, field, wanted, other):
    multi = field in {"challenges", "countries", "targets", "work_settings", "languages"}
    value = (lambda v: (v,)) if multi else (lambda v: v)
    match_a = make_practice(library, **{field: value(wanted)})
    match_b = make_practice(library, **{field: value(wanted)})
    miss = make_practice(library, **{field: value(other)})

    unfiltered = listing(client)
    assert facet_counts(unfiltered, key)[wanted] == 2
    assert facet_counts(unfiltered, key)[other] == 1

    filtered = listing(client, f"?{key}={wanted}")
    assert sorted(titles(filtered)) == sorted([match_a.title, match_b.title])
    assert miss.title not in titles(filtered)
    assert facet_counts(filtered, key) == {wanted: 2}
    selected = next(f for f in filtered.context["facets"] if f.key == key).selected
    assert [v.value for v in selected] == [wanted]
    assert f"{key}={wanted}" not in selected[0].url  # the link removes the filter again


def test_facets_combine_with_and(client, library):
    both = make_practice(library, challenges=("mentoring", "family-support"), countries=("BE",))
    make_practice(library, challenges=("mentoring",), countries=("BE",))
    make_practice(library, challenges=("family-support",), countries=("NL",))

    response = listing(client, "?challenge=mentoring&challenge=family-support&country=BE")

    assert titles(response) == [both.title]
    assert facet_counts(response, "country") == {"BE": 1}
    assert response.context["pagination"].total == 1


def test_counts_follow_the_other_filters(client, library):
    make_practice(library, challenges=("mentoring",), countries=("BE",))
    make_practice(library, challenges=("mentoring",), countries=("NL",))
    make_practice(library, challenges=("evaluation",), countries=("BE",))

    response = listing(client, "?country=BE")

    assert facet_counts(response, "challenge") == {"mentoring": 1, "evaluation": 1}


def test_drafts_never_show_or_count(client, library):
    visible = make_practice(library, challenges=("mentoring",))
    draft = make_practice(library, challenges=("mentoring",), title="Unpublished practice")
    draft.unpublish()

    response = listing(client)

    assert titles(response) == [visible.title]
    assert facet_counts(response, "challenge") == {"mentoring": 1}
    assert "Unpublished practice" not in response.content.decode()


# --- archived, label -----------------------------------------------------------------------------


def test_archived_practices_are_hidden_unless_asked_for(client, library, settings):
    settings.PRACTICE_ARCHIVE_AFTER_YEARS = 3
    current = make_practice(library, reviewed_days_ago=2 * 365)
    old = make_practice(library, reviewed_days_ago=4 * 365)

    default = listing(client)
    assert titles(default) == [current.title]
    assert default.context["archived_hidden"] == 1
    assert "Show 1 archived practice" in default.content.decode()

    everything = listing(client, "?archived=1")
    assert sorted(titles(everything)) == sorted([current.title, old.title])
    assert "Archived" in everything.content.decode()
    assert old.is_archived and not current.is_archived

    settings.PRACTICE_ARCHIVE_AFTER_YEARS = 5
    assert sorted(titles(listing(client))) == sorted([current.title, old.title])


def test_archive_cutoff_counts_whole_years_even_on_29_february(settings):
    settings.PRACTICE_ARCHIVE_AFTER_YEARS = 3
    assert archive_cutoff(date(2026, 11, 21)) == date(2023, 11, 21)
    assert archive_cutoff(date(2028, 2, 29)) == date(2025, 2, 28)


def test_label_is_derived_from_the_evidence(library):
    assert make_practice(library, evidence="peer_reviewed").label == "Peer reviewed"
    for evidence in ("none", "internal", "external"):
        assert make_practice(library, evidence=evidence).label == "Inspiring"


# --- sorting, pagination, bad input ------------------------------------------------------------


def test_sort_by_title_or_last_reviewed(client, library):
    make_practice(library, title="Beta", reviewed_days_ago=10)
    make_practice(library, title="Alpha", reviewed_days_ago=100)
    make_practice(library, title="Gamma", reviewed_days_ago=1)

    assert titles(listing(client)) == ["Gamma", "Beta", "Alpha"]
    assert titles(listing(client, "?sort=title")) == ["Alpha", "Beta", "Gamma"]


def test_pagination_keeps_the_filters(client, library):
    for _ in range(23):
        make_practice(library, challenges=("mentoring",))
    make_practice(library, challenges=("evaluation",))

    first = listing(client, "?challenge=mentoring")
    second = listing(client, "?challenge=mentoring&page=2")

    assert len(titles(first)) == 20 and len(titles(second)) == 3
    assert first.context["pagination"].next_url == "?challenge=mentoring&page=2"
    assert second.context["pagination"].previous_url == "?challenge=mentoring&page=1"
    assert set(titles(first)).isdisjoint(titles(second))


@pytest.mark.parametrize(
    "query",
    [
        "?challenge=no-such-challenge",
        "?country=ZZ",
        "?country=<script>",
        "?level=everything",
        "?level=at_risk&level=general",  # one level per practice: the first counts
        "?evidence=",
        "?page=abc",
        "?page=-3",
        "?page=99999999999999999999",
        "?sort=DROP TABLE",
        "?archived=yes please",
        "?language=%00",
        "?challenge=" + "x" * 5000,
    ],
)
def test_bad_filter_values_give_a_normal_page(client, library, query):
    make_practice(library)
    response = listing(client, query)
    assert len(titles(response)) == 1


def test_unknown_values_are_not_applied_and_said_so_but_known_ones_still_apply(client, library):
    mentoring = make_practice(library, challenges=("mentoring",))
    make_practice(library, challenges=("evaluation",))
    response = listing(client, "?challenge=no-such-challenge&challenge=mentoring")
    assert titles(response) == [mentoring.title]
    assert "Not applied: the library has no filter “no-such-challenge”." in response.text


# --- query budgets -----------------------------------------------------------------------------


def count_queries(client, url: str) -> int:
    """Queries for one request with nothing of the library cached (the worst case)."""
    client.get(url)  # warm Wagtail's and Django's own caches (site root paths, content types)
    library_changed()  # ...but not the library's counts, result pages and vocabularies
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("query", ["", "?challenge=mentoring&country=DE&level=at_risk"])
def test_listing_queries_do_not_grow_with_page_size(client, library, organisations, query):
    organisation = make_organisation(organisations)
    for _ in range(5):
        make_practice(library, organisation=organisation, challenges=("mentoring", "evaluation"))
    with_five = count_queries(client, f"/practices/{query}")
    for _ in range(45):
        make_practice(library, organisation=organisation, challenges=("mentoring", "evaluation"))
    with_fifty = count_queries(client, f"/practices/{query}")

    assert with_five == with_fifty
    assert with_fifty <= MAX_QUERIES


def test_organisation_listing_and_pages_stay_within_budget(client, library, organisations):
    organisation = make_organisation(organisations)
    for _ in range(5):
        make_organisation(organisations)
        make_practice(library, organisation=organisation)
    index_five = count_queries(client, "/organisations/")
    page_five = count_queries(client, organisation.url)
    practice_page = count_queries(client, PracticePage.objects.first().url)
    for _ in range(20):
        make_organisation(organisations)
        make_practice(library, organisation=organisation)

    assert count_queries(client, "/organisations/") == index_five <= MAX_QUERIES
    assert count_queries(client, organisation.url) == page_five <= MAX_QUERIES
    assert practice_page <= PRACTICE_PAGE_QUERIES


# --- cached counts -----------------------------------------------------------------------------


def sidebar(response) -> str:
    html = response.content.decode()
    return html[html.index('<aside class="facets"') : html.index("</aside>")]


def test_cached_counts_follow_publishing_unpublishing_and_deleting(client, library):
    first = make_practice(library, challenges=("mentoring",))
    assert facet_counts(listing(client), "challenge") == {"mentoring": 1}

    second = make_practice(library, challenges=("mentoring",))
    response = listing(client)
    assert facet_counts(response, "challenge") == {"mentoring": 2}
    assert response.context["pagination"].total == 2

    second.unpublish()
    assert facet_counts(listing(client), "challenge") == {"mentoring": 1}

    first.delete()
    response = listing(client)
    assert facet_counts(response, "challenge") == {}
    assert response.context["pagination"].total == 0


def test_cached_sidebar_shows_renamed_terms(client, library):
    from cms.models import Challenge

    make_practice(library, challenges=("mentoring",))
    assert "Mentoring" in sidebar(listing(client))

    mentoring = Challenge.vocabulary.get(slug="mentoring")
    mentoring.name = "One-to-one mentoring"
    mentoring.save()

    assert "One-to-one mentoring" in sidebar(listing(client))


def test_a_stale_cached_page_never_shows_an_unpublished_practice(client, library):
    from django.core.cache import cache

    from cms.listing.vocabularies import VERSION_KEY

    hidden = make_practice(library, title="Withdrawn practice")
    make_practice(library)
    listing(client)
    # Another process unpublishes, and this process's cache does not hear of it.
    token = cache.get(VERSION_KEY)
    hidden.unpublish()
    cache.set(VERSION_KEY, token, None)

    response = listing(client)

    assert "Withdrawn practice" not in response.content.decode()
