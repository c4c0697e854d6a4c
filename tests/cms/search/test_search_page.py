"""The site search page, its autocomplete, update_index and the admin's searches, on Whoosh."""

import logging
import re

from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.management import call_command

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

import pytest
from modelsearch.backends import get_search_backend
from modelsearch_whoosh.storage import IndexStore

from cms.models import Challenge, PracticePage
from cms.search.site import MAX_QUERY_LENGTH, PER_PAGE
from demo.factories import UserFactory
from demo.indexing import indexing_afterwards
from demo.page_factories import make_library, make_organisation, make_practice
from tests.worlds import shared_world

pytestmark = pytest.mark.django_db


def make_search_library(home_page):
    """A library of three practices (one archived) and an organisation, for the search page."""
    library, organisations = make_library(home_page)
    org = make_organisation(
        organisations,
        title="Fictional Riverside Mentors",
        description="<p>Runs mentoring for young people leaving prison.</p>",
    )
    make_practice(
        library,
        title="Mentoring after release",
        summary="Mentors keep running weekly sessions with people leaving prison.",
        challenges=("mentoring", "prison-probation"),
        countries=("DE",),
        evidence="external",
        organisation=org,
    )
    make_practice(
        library,
        title="Family counselling line",
        summary="A counselling line for worried parents; mentoring for siblings.",
        challenges=("family-support",),
        countries=("NL",),
        evidence="peer_reviewed",
    )
    make_practice(
        library,
        title="Archived mentoring scheme",
        summary="An older mentoring scheme.",
        reviewed_days_ago=365 * 5,
    )
    return library


library = shared_world("search_library", make_search_library, indexed=True, fixture="library")


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response


def hit_titles(response) -> list[str]:
    return [hit.page.title for hit in response.context["hits"]]


class TestSearchPage:
    def test_filters_say_what_they_do_and_what_they_cannot(self, client, library):
        """A chosen filter shows how to take it off; a value the library does not have is
        said not to apply; no results and no filter: no empty "Filter" heading."""
        html = search(client, q="mentoring", challenge="mentoring").content.decode()
        remove = '<span class="facet__remove" aria-hidden="true">×</span>'
        assert f'class="facet__selected"><span>{remove}' in html
        html = search(client, q="mentoring", challenge="no-such-challenge").content.decode()
        assert "Not applied: the library has no filter “no-such-challenge”." in html
        html = search(client, q="zzzqqq").content.decode()
        assert 'id="filters-heading"' not in html

    def test_finds_practices_with_highlighted_passages_and_organisations(self, client, library):
        response = search(client, q="mentoring")
        assert set(hit_titles(response)) == {"Mentoring after release", "Family counselling line"}
        html = response.content.decode()
        assert re.search(r"<mark[^>]*>[Mm]entoring</mark>", html)
        assert [hit.page.title for hit in response.context["organisations"]] == [
            "Fictional Riverside Mentors"
        ]

    def test_two_words_must_both_match_in_any_form(self, client, library):
        response = search(client, q="mentor prison")
        assert hit_titles(response)[0] == "Mentoring after release"
        assert response.context["some_words"]  # one found: those with one of them follow
        assert hit_titles(search(client, q="mentor prison -parents")) == ["Mentoring after release"]

    def test_or_quotes_and_minus_as_people_type_them(self, client, library):
        both = {"Mentoring after release", "Family counselling line"}
        assert set(hit_titles(search(client, q="prison OR parents"))) == both
        assert hit_titles(search(client, q="mentoring -prison")) == ["Family counselling line"]
        assert hit_titles(search(client, q='"counselling line"')) == ["Family counselling line"]
        assert hit_titles(search(client, q='"line counselling"')) == []
        response = search(client, q="mentoring -prison OR")
        assert "<mark>prison</mark>" not in response.content.decode()
        for nothing in ("OR", "-prison"):  # nothing searched for: the guidance, no error
            assert search(client, q=nothing).context["hits"] == []

    def test_when_most_words_find_little_those_with_some_follow_the_most_first(
        self, client, library
    ):
        response = search(client, q="mentoring elephants")
        assert len(hit_titles(response)) == 2 and response.context["some_words"]
        assert response.context["pagination"].total == 2  # the count reads the same set
        assert "Few practices have most of your words" in response.content.decode()
        # Three words, two needed: the practice with all three comes first, then one with two.
        ranked = hit_titles(search(client, q="mentoring prison parents"))
        assert ranked[0] == "Mentoring after release"

    def test_archived_practices_only_on_request(self, client, library):
        assert "Archived mentoring scheme" not in hit_titles(search(client, q="mentoring"))
        with_archive = hit_titles(search(client, q="mentoring", archived="1"))
        assert "Archived mentoring scheme" in with_archive

    def test_library_facets_count_the_results_and_filter_them(self, client, library):
        response = search(client, q="mentoring")
        facets = {
            facet.key: {v.value: v.count for v in facet.values}
            for facet in response.context["facets"]
        }
        assert facets["challenge"] == {"mentoring": 1, "prison-probation": 1, "family-support": 1}
        assert facets["country"] == {"DE": 1, "NL": 1}
        assert facets["evidence"] == {"external": 1, "peer_reviewed": 1}

        narrowed = search(client, q="mentoring", challenge="family-support")
        assert hit_titles(narrowed) == ["Family counselling line"]
        assert narrowed.context["organisations"] == []  # a filter is about practices
        assert hit_titles(search(client, q="mentoring", country="DE")) == [
            "Mentoring after release"
        ]
        # Unknown filter values are ignored, as in the library.
        assert len(hit_titles(search(client, q="mentoring", challenge="no-such-thing"))) == 2

    def test_pagination(self, client, library):
        with indexing_afterwards():  # one pass, not one commit of the index per practice
            for n in range(PER_PAGE + 1):
                make_practice(library, title=f"Paging practice {n}", summary="Pagination words.")
        first = search(client, q="pagination")
        assert len(first.context["hits"]) == PER_PAGE
        assert first.context["pagination"].total == PER_PAGE + 1
        second = search(client, q="pagination", page="2")
        assert len(second.context["hits"]) == 1
        assert search(client, q="pagination", page="99").context["pagination"].number == 2

    def test_did_you_mean(self, client, library):
        response = search(client, q="mentoirng")
        assert response.context["suggestion"] == "mentoring"
        assert 'href="?q=mentoring"' in response.content.decode()
        assert search(client, q="mentoring").context["suggestion"] is None
        # "Mentoirng" is found as "mentoring" at most: the case alone is never suggested.
        assert search(client, q="MENTORING").context["suggestion"] is None

    def test_an_organisations_name_finds_its_practices_each_with_its_own_text(
        self, client, library
    ):
        response = search(client, q="Riverside")
        assert hit_titles(response) == ["Mentoring after release"]
        (hit,) = response.context["hits"]
        assert hit.highlight.startswith("Mentors keep running weekly sessions")
        assert (
            "Runs mentoring for young people"
            not in response.content.decode().split('id="results-heading"')[1]
        )

    def test_an_empty_query_shows_guidance_and_the_challenges_to_browse(self, client, library):
        page = search(client).content.decode()
        assert "What to search for" in page
        challenge = Challenge.vocabulary.first()
        assert f'href="/practices/?challenge={challenge.slug}"' in page
        assert "0 practices" not in page

    def test_did_you_mean_corrects_each_misspelt_word_to_what_finds_something(
        self, client, library
    ):
        # "suport" is one edit from "sport" and from "support": only "family support" finds
        # a practice, so that is what the page offers, both words corrected at once.
        make_practice(library, title="Family support circle", summary="Support for parents.")
        make_practice(
            library,
            title="Sport for youth",
            summary="Football after school.",
            targets=("young-people-at-risk",),
            work_settings=("youth-work",),
        )
        assert search(client, q="famly suport").context["suggestion"] == "family support"
        assert search(client, q="family suport").context["suggestion"] == "family support"

    @pytest.mark.parametrize(
        "query",
        [
            "",
            "   ",
            '"mentoring',
            "mentoring AND NOT (prison OR",
            "title:mentoring^3 ~2 *",
            "ménτoring ünïcödé 日本語 ☃",
            "\x00null byte",
            "x" * 5000,
            "word " * 500,
            "<script>alert(1)</script>",
            "-- ' ; DROP TABLE",
        ],
    )
    def test_odd_queries_give_a_normal_page(self, client, library, query):
        response = search(client, q=query)
        assert len(response.context["query"]) <= MAX_QUERY_LENGTH
        assert "<script>alert(1)</script>" not in response.content.decode()

    def test_a_published_change_is_found_at_once_and_a_deleted_page_is_gone(self, client, library):
        page = make_practice(library, title="Brand new practice", summary="Quillwort words.")
        assert hit_titles(search(client, q="quillwort")) == ["Brand new practice"]
        page.summary = "Renamed to bramblewick."
        page.save_revision().publish()
        assert hit_titles(search(client, q="quillwort")) == []
        assert hit_titles(search(client, q="bramblewick")) == ["Brand new practice"]
        page.delete()
        assert hit_titles(search(client, q="bramblewick")) == []

    def test_query_count_is_bounded(self, client, library, django_assert_max_num_queries):
        search(client, q="family")  # Wagtail's site root paths, cached in the shared cache
        with django_assert_max_num_queries(13):
            search(client, q="mentoring")

    def test_a_repeated_search_is_answered_from_the_memo(
        self, client, library, django_assert_max_num_queries
    ):
        first = search(client, q="mentoring prison")
        # The library's version token (the shared cache, once per request) and whether the
        # shown practices are still live: nothing is searched.
        with django_assert_max_num_queries(4):
            again = search(client, q="mentoring prison")
        assert again.content == first.content

    def test_with_no_memo_every_search_runs(self, client, library, settings):
        settings.SEARCH_RESULTS_MEMO_S = 0  # as SEARCH_RESULTS_MEMO_S=0 parses (test_settings)
        caches["local"].clear()
        for _ in range(2):
            assert hit_titles(search(client, q="mentoring")) != []
        assert not [key for key in caches["local"]._cache if "search:found" in key]
        settings.SEARCH_RESULTS_MEMO_S = 300
        search(client, q="mentoring")
        assert [key for key in caches["local"]._cache if "search:found" in key]

    def test_the_memo_keeps_no_words_as_typed(self, client, library):
        # What a visitor types may name a person: the memo keeps a digest of it, and the
        # public text found with it.
        search(client, q="Quentaline Dorvessky mentoring")
        search(client, q="Quentaline Dorvessky")
        stored = b"".join(
            key.encode() + value for key, value in caches["local"]._cache.items()
        ).lower()
        assert b"mentoring" in stored  # the cards found
        assert b"quentaline" not in stored and b"dorvessky" not in stored


class TestAutocomplete:
    def test_titles_starting_with_what_was_typed(self, client, library):
        results = client.get("/search/autocomplete/", {"q": "ment"}).json()["results"]
        assert {r["title"] for r in results} == {
            "Mentoring after release",
            "Archived mentoring scheme",
            "Fictional Riverside Mentors",
        }
        assert all(r["url"].startswith(("/practices/", "/organisations/")) for r in results)

    def test_empty_and_odd_input(self, client, library):
        for query in ["", "   ", '"(', "x" * 5000]:
            response = client.get("/search/autocomplete/", {"q": query})
            assert response.status_code == 200
            assert isinstance(response.json()["results"], list)


def test_a_failed_index_delete_never_stops_the_delete(library, monkeypatch, caplog):
    page = PracticePage.objects.get(title="Family counselling line")

    def locked(*args, **kwargs):
        raise OSError("index is locked by another process")

    monkeypatch.setattr(IndexStore, "writer", locked)
    with caplog.at_level(logging.ERROR):
        page.delete()
    assert not PracticePage.objects.filter(title="Family counselling line").exists()
    assert "Could not remove" in caplog.text


def test_update_index_rebuilds_with_a_progress_bar(library, capsys):
    backend = get_search_backend()
    Challenge.vocabulary.filter(slug="mentoring").update(name="Mentoring young people")
    assert backend.search("young", Challenge).count() == 0  # changed behind the index's back
    call_command("update_index")
    out = capsys.readouterr().out
    assert "100%" in out and "cms.PracticePage" in out
    assert backend.search("young", Challenge).count() == 1
    assert PracticePage.objects.live().search("mentoring").count() == 3


class TestAdminOnWhoosh:
    @pytest.fixture
    def editor(self, client):
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        return client

    def test_page_search(self, editor, library):
        # The admin searches titles as you type (autocomplete): "counsel" finds "counselling".
        response = editor.get("/admin/pages/search/", {"q": "counsel"})
        assert response.status_code == 200
        assert "Family counselling line" in response.content.decode()
        assert "Mentoring after release" not in response.content.decode()

    def test_snippet_chooser_search(self, editor, library):
        call_command("update_index", verbosity=0)  # the taxonomy comes from a data migration
        response = editor.get("/admin/snippets/choose/cms/challenge/results/", {"q": "famil"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Family support" in html
        assert "Online narratives" not in html

    def test_page_chooser_search(self, editor, library):
        response = editor.get("/admin/choose-page/search/", {"q": "counselling"})
        assert response.status_code == 200
        assert "Family counselling line" in response.content.decode()
        assert Page.objects.search("counselling").count() == 1

    def test_image_and_document_search_with_tags(self, editor, library):
        # Their tags are taggit's generic tags: no through table with a key to the image.
        image = get_image_model().objects.create(title="Harbour photo", file=get_test_image_file())
        image.tags.add("waterfront")
        image.save()  # tags are saved with the image, as the admin's form does
        document = get_document_model().objects.create(
            title="Exit guide", file=ContentFile(b"Guide.", name="guide.txt")
        )
        document.tags.add("returnees")
        document.save()

        assert list(get_image_model().objects.search("waterfront")) == [image]
        assert list(get_document_model().objects.search("returnees")) == [document]
        response = editor.get("/admin/images/results/", {"q": "harbour"})
        assert "Harbour photo" in response.content.decode()
        response = editor.get("/admin/documents/results/", {"q": "exit"})
        assert "Exit guide" in response.content.decode()
