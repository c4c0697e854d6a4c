"""One conformance suite for the search backends: our Whoosh backend and Wagtail's database
backend answer the same queries with the same results, on the same pages.

Where the two differ by design it is said: the database backend on SQLite has no stemming, no
Fuzzy or Boost query, reads a plain query string with AND (ours and Elasticsearch read it with
OR), and cannot count a facet through a relation.
"""

from datetime import date

from django.core.management import call_command
from django.db import connection
from django.db.models import Q
from django.test import override_settings

from wagtail.models import Page

import pytest
from modelsearch.backends import get_search_backend
from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or, Phrase, PlainText

from cms.models import Challenge, PracticePage, StandardPage
from demo.page_factories import make_library, make_organisation, make_practice, publish
from tests.worlds import shared_world

DATABASE = {"BACKEND": "wagtail.search.backends.database"}


@pytest.fixture(params=["whoosh", "database"], autouse=True)
def backend_name(request, settings, search_path):
    """Each test once per backend: ours, searching its copy of the pages world's index
    (tests/worlds.py), and the database backend, whose index is rows of the world."""
    if request.param == "database":
        settings.WAGTAILSEARCH_BACKENDS = {"default": DATABASE}
    return request.param


def build_pages(home_page):
    """Practices whose words, dates and terms make every query below decidable by hand (the
    names of their terms are searched too: each has its own target group and setting)."""
    library, organisations = make_library(home_page)
    org = make_organisation(organisations, title="Fictional Harbour Association")
    made = {
        "mentoring": make_practice(
            library,
            title="Mentoring after release",
            summary="Mentors keep running weekly sessions with people leaving prison.",
            challenges=("mentoring", "prison-probation"),
            targets=("prisoners-returnees",),
            work_settings=("prison-probation",),
            countries=("DE", "AT"),
            evidence="external",
            last_reviewed=date(2025, 3, 1),
            organisation=org,
        ),
        "families": make_practice(
            library,
            title="Family counselling line",
            summary="A counselling line for worried parents and siblings.",
            challenges=("family-support",),
            targets=("families",),
            work_settings=("family",),
            countries=("NL",),
            evidence="peer_reviewed",
            last_reviewed=date(2024, 6, 15),
        ),
        "schools": make_practice(
            library,
            title="Dialogue in schools",
            summary="Teachers run dialogue circles about belonging and family.",
            challenges=("first-line-training", "family-support"),
            targets=("first-line-professionals",),
            work_settings=("school",),
            countries=("DE",),
            evidence="internal",
            last_reviewed=date(2023, 1, 10),
        ),
        "online": make_practice(
            library,
            title="Online counter narratives",
            summary="Youth workers answer propaganda in comment threads.",
            challenges=("online-narratives",),
            targets=("young-people-at-risk",),
            work_settings=("online",),
            countries=("FR",),
            evidence="none",
            last_reviewed=date(2025, 11, 30),
        ),
    }
    made["about"] = publish(
        home_page, StandardPage(title="About the network", summary="How mentoring visits work.")
    )
    # The world's own index is Whoosh's; the database backend's entries are written here, in the
    # world's transaction, and rolled back with its records.
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": DATABASE}):
        call_command("update_index", verbosity=0)
    return made


pages = shared_world("backend_pages", build_pages, indexed=True, fixture="pages")


def titles(results) -> set[str]:
    return {page.title for page in results}


def live_practices():
    return PracticePage.objects.live()


pytestmark = pytest.mark.django_db


class TestQueries:
    def test_plain_text_with_both_operators(self, pages):
        assert titles(live_practices().search("family", operator="and")) == {
            "Family counselling line",
            "Dialogue in schools",
        }
        assert titles(live_practices().search("family counselling", operator="and")) == {
            "Family counselling line"
        }
        assert titles(live_practices().search("family propaganda", operator="or")) == {
            "Family counselling line",
            "Dialogue in schools",
            "Online counter narratives",
        }
        assert titles(live_practices().search("nothing-like-this", operator="or")) == set()

    def test_case_does_not_matter(self, pages):
        assert titles(live_practices().search("MENTORS")) == {"Mentoring after release"}

    def test_phrase(self, pages):
        assert titles(live_practices().search(Phrase("counselling line"))) == {
            "Family counselling line"
        }
        assert titles(live_practices().search(Phrase("line counselling"))) == set()

    def test_match_all_and_combinators(self, pages):
        assert len(titles(live_practices().search(MatchAll()))) == 4
        assert titles(
            live_practices().search(And([PlainText("family"), PlainText("dialogue")]))
        ) == {"Dialogue in schools"}
        assert titles(live_practices().search(Or([PlainText("prison"), PlainText("youth")]))) == {
            "Mentoring after release",
            "Online counter narratives",
        }
        assert titles(live_practices().search(Not(PlainText("family")))) == {
            "Mentoring after release",
            "Online counter narratives",
        }

    def test_search_in_named_fields_only(self, pages):
        # "family" is in one title and in another summary.
        assert titles(live_practices().search("family", fields=["title"])) == {
            "Family counselling line"
        }

    def test_related_fields_are_searched(self, pages):
        # "Prison and probation" is the name of a challenge of one practice only.
        assert "Mentoring after release" in titles(live_practices().search("probation"))

    def test_every_page_type_is_searched_from_page(self, pages):
        assert titles(Page.objects.live().search("mentoring", operator="and")) >= {
            "Mentoring after release",
            "About the network",
        }

    def test_autocomplete_matches_the_start_of_words(self, pages):
        assert titles(live_practices().autocomplete("ment")) == {"Mentoring after release"}
        assert titles(live_practices().autocomplete("counter narr", operator="and")) == {
            "Online counter narratives"
        }

    def test_scores_are_annotated_and_order_by_relevance(self, pages):
        results = list(live_practices().search("family counselling").annotate_score("score"))
        assert all(isinstance(page.score, float) for page in results)
        assert results[0].title == "Family counselling line"  # both words, and in the title

    def test_count_and_slices(self, pages):
        results = live_practices().search(MatchAll(), order_by_relevance=False)
        assert results.count() == 4
        assert len(list(results[1:3])) == 2
        assert results[1:3].count() == 2
        assert len(list(results[3:10])) == 1


class TestFilters:
    def search(self, queryset, query="family propaganda prison dialogue"):
        return titles(queryset.search(query, operator="or"))

    def test_exact_in_and_negation(self, pages):
        practices = live_practices()
        assert self.search(practices.filter(evidence="internal")) == {"Dialogue in schools"}
        assert self.search(practices.filter(evidence__in=["none", "external"])) == {
            "Online counter narratives",
            "Mentoring after release",
        }
        assert self.search(practices.exclude(evidence="internal")) == {
            "Online counter narratives",
            "Mentoring after release",
            "Family counselling line",
        }

    def test_ranges_on_dates(self, pages):
        practices = live_practices()
        assert self.search(practices.filter(last_reviewed__gte=date(2025, 3, 1))) == {
            "Mentoring after release",
            "Online counter narratives",
        }
        assert self.search(practices.filter(last_reviewed__gt=date(2025, 3, 1))) == {
            "Online counter narratives"
        }
        assert self.search(practices.filter(last_reviewed__lt=date(2024, 6, 15))) == {
            "Dialogue in schools"
        }
        assert self.search(practices.filter(last_reviewed__lte=date(2024, 6, 15))) == {
            "Dialogue in schools",
            "Family counselling line",
        }
        between = (date(2024, 1, 1), date(2025, 3, 1))
        assert self.search(practices.filter(last_reviewed__range=between)) == {
            "Family counselling line",
            "Mentoring after release",
        }
        assert self.search(practices.filter(last_reviewed__year=2023)) == {"Dialogue in schools"}

    def test_startswith_isnull_and_or(self, pages):
        practices = live_practices()
        assert self.search(practices.filter(title__startswith="Dialogue")) == {
            "Dialogue in schools"
        }
        assert self.search(practices.filter(organisation__isnull=False)) == {
            "Mentoring after release"
        }
        assert len(self.search(practices.filter(organisation__isnull=True))) == 3
        either = Q(evidence="none") | Q(title__startswith="Family")
        assert self.search(practices.filter(either)) == {
            "Online counter narratives",
            "Family counselling line",
        }
        both = Q(evidence="internal") & Q(last_reviewed__year=2023)
        assert self.search(practices.filter(both)) == {"Dialogue in schools"}

    def test_filters_through_relations(self, pages):
        practices = live_practices()
        assert self.search(practices.filter(challenges__slug="family-support")) == {
            "Family counselling line",
            "Dialogue in schools",
        }
        two = practices.filter(challenges__slug="family-support").filter(
            challenges__slug="first-line-training"
        )
        assert self.search(two) == {"Dialogue in schools"}
        assert self.search(practices.filter(countries__country="DE")) == {
            "Mentoring after release",
            "Dialogue in schools",
        }

    def test_page_filters_the_admin_uses(self, pages, home_page):
        under_home = Page.objects.filter(path__startswith=home_page.path, depth__gt=2)
        assert "About the network" in titles(under_home.search("mentoring"))
        by_type = Page.objects.type(StandardPage)
        assert titles(by_type.search("mentoring")) == {"About the network"}
        assert titles(Page.objects.filter(live=False).search("mentoring")) == set()

    def test_a_subquery_as_filter_value(self, pages):
        ids = PracticePage.objects.filter(evidence="peer_reviewed").values("id")
        assert self.search(live_practices().filter(id__in=ids)) == {"Family counselling line"}


class TestOrderingAndFacets:
    def test_order_by_filter_fields(self, pages):
        by_title = live_practices().order_by("title").search(MatchAll(), order_by_relevance=False)
        assert [p.title for p in by_title] == sorted(p.title for p in by_title)
        newest = (
            live_practices().order_by("-last_reviewed").search(MatchAll(), order_by_relevance=False)
        )
        assert [p.title for p in newest] == [
            "Online counter narratives",
            "Mentoring after release",
            "Family counselling line",
            "Dialogue in schools",
        ]

    def test_facets(self, pages):
        results = live_practices().search("family propaganda prison dialogue", operator="or")
        assert dict(results.facet("evidence")) == {
            "external": 1,
            "peer_reviewed": 1,
            "internal": 1,
            "none": 1,
        }
        family = Challenge.vocabulary.get(slug="family-support")
        assert dict(results.facet("challenges"))[family.pk] == 2

    def test_admin_content_type_facet(self, pages):
        counts = Page.objects.search("mentoring").facet("content_type_id")
        standard = StandardPage().cached_content_type.pk
        assert counts[standard] == 1


class TestWhooshOnly:
    """Query classes and facets the database backend on SQLite does not offer."""

    @pytest.fixture(autouse=True)
    def whoosh_only(self, backend_name):
        if backend_name != "whoosh":
            pytest.skip("the database backend on SQLite: no stemming, Fuzzy, Boost, related facets")

    def test_words_are_found_in_every_form(self, pages):
        # English stemming: "run" finds "running", "mentor" finds "Mentoring" and "Mentors".
        assert "Mentoring after release" in titles(live_practices().search(PlainText("run")))
        assert titles(live_practices().search(PlainText("mentor"))) == {"Mentoring after release"}

    def test_fuzzy_finds_misspellings(self, pages):
        assert titles(live_practices().search(Fuzzy("sibblings"))) == {"Family counselling line"}

    def test_boost_changes_the_order(self, pages):
        plain = Or([PlainText("propaganda"), PlainText("siblings")])
        boosted = Or([Boost(PlainText("propaganda"), 10), PlainText("siblings")])
        assert list(live_practices().search(boosted))[0].title == "Online counter narratives"
        assert set(titles(live_practices().search(plain))) == {
            "Online counter narratives",
            "Family counselling line",
        }

    def test_facet_through_a_relation(self, pages):
        results = live_practices().search(MatchAll())
        assert dict(results.facet("countries__country")) == {"DE": 2, "AT": 1, "NL": 1, "FR": 1}

    def test_plain_string_defaults_to_or_as_elasticsearch(self, pages):
        assert titles(live_practices().search("propaganda siblings")) == {
            "Online counter narratives",
            "Family counselling line",
        }


def test_the_database_backend_is_the_one_in_use(backend_name):
    """Guard: the parametrisation really switches the backend (not always the default)."""
    name = type(get_search_backend()).__module__
    assert ("whoosh" in name) == (backend_name == "whoosh"), (name, connection.vendor)
