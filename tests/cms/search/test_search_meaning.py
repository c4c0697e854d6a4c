"""Search that finds what practitioners mean, on the demo's pages in three languages: the
coordinators' synonyms (applied as they are saved, no rebuild), German compounds, the
challenges' names in every language, and counts that list what they count."""

import re

import pytest
from modelsearch_whoosh.languages import ANALYZERS

from cms.models import PracticePage, SynonymGroup
from cms.search.synonyms import synonyms_in
from demo.factories import make_coordinator

pytestmark = pytest.mark.django_db


def slugs(client, query: str, language: str = "en", **params) -> list[str]:
    prefix = "" if language == "en" else f"/{language}"
    response = client.get(f"{prefix}/search/", {"q": query, **params})
    assert response.status_code == 200
    return [hit.page.slug for hit in response.context["hits"]]


def test_a_word_finds_what_the_coordinators_listed_as_meaning_the_same(client, demo_pages):
    # "custody" is in one practice's text; the seeded group "prison, custody, ..." finds the
    # others, the practice with the word itself first.
    found = slugs(client, "custody")
    assert found[0] == "custody-dialogue-groups"
    assert "through-the-gate" in found  # "a prisoner": a listed word, in another form
    # A group saved in the admin applies to the next search: no rebuild of the index.
    assert slugs(client, "zephyrine") == []
    SynonymGroup.objects.create(language="en", words="zephyrine, mentoring")
    assert "neighbourhood-mentors" in slugs(client, "zephyrine")
    # Each language's readers have their own groups.
    assert slugs(client, "zephyrine", "de") == []


def test_synonyms_match_any_form_of_a_listed_word(demo_pages):
    assert "custody" in synonyms_in("en")("prisons")
    assert "prison" in synonyms_in("de")("Gefängnisse")
    assert "custody" not in synonyms_in("en")("custody")  # a word is not its own synonym


def test_a_german_compound_is_also_read_as_its_parts(client, demo_pages):
    de = ANALYZERS["de"]
    assert [t.text for t in de("Telefonberatung")] == ["telefonberat", "telefon", "berat"]
    assert "ausstieg" in [t.text for t in de("Ausstiegsbegleitung")]
    # The German first-call protocol speaks of a "Telefongespräch" and of "Beratung".
    assert slugs(client, "Telefonberatung", "de")[0] == "first-call-protocol"
    # "Begleitung" is only in the compound title "Ausstiegsbegleitung".
    assert "ausstiegsbegleitung-nach-der-haft" in slugs(client, "Begleitung", "de")


def test_a_challenge_name_in_any_language_finds_the_practices_in_every_language(client, demo_pages):
    # "Bewährungshilfe" is in the German name of "Prison and probation" alone.
    found = slugs(client, "Bewährungshilfe", "de")
    assert {"through-the-gate", "probation-exit-plan"} <= set(found)
    assert "through-the-gate" in slugs(client, "Prison et probation", "fr")


def test_target_group_and_setting_names_in_any_language_find_their_practices(client, demo_pages):
    # "Angehörige" is only in the German name of the target group "Families and relatives",
    # "Kommune" only in that of the setting "Municipality": the practices for them are found,
    # those written in English and French too (archived ones with them, as asked).
    for query, terms in (("Angehörige", "target_groups"), ("Kommune", "work_settings")):
        tagged = PracticePage.objects.live().filter(**{f"{terms}__slug": terms_slug(terms)})
        expected = set(tagged.values_list("slug", flat=True))
        found = set(slugs(client, query, "de", archived="1"))
        assert len(expected) > 1 and expected <= found, query
        assert {"en", "fr"} & set(tagged.values_list("locale__language_code", flat=True))


def terms_slug(terms: str) -> str:
    return {"target_groups": "families", "work_settings": "municipality"}[terms]


def test_the_count_the_facets_and_the_list_read_one_set(client, demo_pages):
    # The English first-call protocol has a German version: a German reader is shown that
    # one, and the English words of the English one must not count a practice not listed.
    for language in ("en", "de", "fr"):
        for query in ("protocol", "first call", "mentoring", "Leitfaden"):
            prefix = "" if language == "en" else f"/{language}"
            response = client.get(f"{prefix}/search/", {"q": query})
            context = response.context
            listed = [hit.page for hit in context["hits"]]
            assert context["pagination"].total == len(listed), (language, query)
            keys = [page.translation_key for page in listed]
            assert len(keys) == len(set(keys)), (language, query)  # one version each
            counted = sum(v.count for f in context["facets"] if f.key == "level" for v in f.values)
            assert counted in (0, len(listed)), (language, query)


def test_a_reader_may_search_every_language_version(client, demo_pages):
    # The German reader is shown the German version of the first-call protocol; the English
    # words of its English version find it only when they ask for every version, marked.
    english = PracticePage.objects.get(slug="first-call-protocol", locale__language_code="en")
    german = PracticePage.objects.get(slug="first-call-protocol", locale__language_code="de")
    for query in ("first call", "protocol"):
        shown = client.get("/de/search/", {"q": query}).context
        assert english not in [hit.page for hit in shown["hits"]]
        assert shown["pagination"].total == len(shown["hits"])
        assert "versions=all" in shown["versions_toggle_url"]
        widened = client.get("/de/search/" + shown["versions_toggle_url"]).context
        hits = {hit.page: hit for hit in widened["hits"]}
        assert english in hits and widened["pagination"].total == len(hits)
        assert "Geschrieben auf Englisch" in hits[english].card
        if german in hits:
            assert "badge--language" not in hits[german].card
    # Back to one version each, the other parameters kept.
    back = client.get("/de/search/" + widened["versions_toggle_url"]).context
    assert back["every_version"] is False and back["query"] == "protocol"


def test_the_search_form_of_a_page_searches_in_its_language(client, demo_pages):
    page = client.get("/de/").text
    assert re.search(r'<form class="site-search"[^>]*action="/de/search/"', page)
    german = PracticePage.objects.get(slug="first-call-protocol", locale__language_code="de")
    assert german.pk in [
        h.page.pk for h in client.get("/de/search/", {"q": "Leitfaden"}).context["hits"]
    ]


def test_coordinators_keep_the_synonyms_with_clear_messages(client, demo_pages):
    coordinator = make_coordinator()
    client.force_login(coordinator)
    add = "/admin/snippets/cms/synonymgroup/add/"
    response = client.post(add, {"language": "de", "words": "Haft"})
    assert response.status_code == 200
    assert "List at least two words, separated by commas." in response.text
    response = client.post(add, {"language": "de", "words": " Haft ,  Knast,, Haft "})
    assert response.status_code == 302
    assert SynonymGroup.objects.latest("pk").words == "Haft, Knast"
    assert synonyms_in("de")("Knast") == ["Haft"]  # at once, and only within its group


def test_did_you_mean_never_offers_the_words_typed(client, demo_pages):
    for typed in ("Mentoring", "MENTORING", "mentoring"):
        assert client.get("/search/", {"q": typed}).context["suggestion"] is None
