"""Search in English, German and French on the demo content: each language's text analysed
with its own stemmer and stop words, the reader's language first, one version of each page."""

import re
from datetime import date

from django.conf import settings

import pytest
from modelsearch_whoosh.schema import ANALYZERS

from cms.builders import publish, translate
from cms.models import PracticePage
from demo.page_factories import make_library, make_practice

pytestmark = pytest.mark.django_db


def found(client, query: str, language: str = "en") -> list[tuple[str, str, str]]:
    """(language of the text, address, title) of each practice on the results page."""
    # A search made from a page in the language: the form's address names it (/de/search/).
    prefix = "" if language == "en" else f"/{language}"
    page = client.get(f"{prefix}/search/", {"q": query}).text
    return re.findall(r'<h3 id="practice-\d+" lang="(\w+)"><a href="([^"]+)">([^<]+)</a>', page)


def test_search_in_each_language(client, demo_pages, subtests):
    for check in (
        stemmed_as_itself,
        one_version_each_in_the_readers_language,
        library_once_per_practice,
    ):
        with subtests.test(check.__name__):
            check(client)


def stemmed_as_itself(client):
    assert [t.text for t in ANALYZERS["de"]("Ausstiegs Ausstieg für")] == ["ausstieg"] * 2
    assert [t.text for t in ANALYZERS["fr"]("mères mère des")] == ["mer", "mer"]
    german = PracticePage.objects.get(slug="ausstiegsbegleitung-nach-der-haft")
    french = PracticePage.objects.get(slug="groupe-de-parole-des-meres")
    search = PracticePage.objects.live().search
    # An inflected German word finds the German text ("Haftentlassungen": "Haftentlassung"),
    assert list(search("Entlassungen")) == [german]
    # a French word with or without its plural and accent finds the French one,
    assert list(search("mère")) == [french] and list(search("meres")) == [french]
    # and German stop words find nothing by themselves.
    assert not list(search("und der"))


def one_version_each_in_the_readers_language(client):
    english = found(client, "Lindenhof visitors")
    german = found(client, "Lindenhof visitors", "de")

    # The first-call protocol exists in English and German: each reader finds it once, in
    # their language. "Lindenhof" is only its organisation's name (related text, indexed in
    # English), "visitors" its own text.
    assert ("en", "/practices/first-call-protocol/", "A protocol for the first call") in english
    assert all("Erstgespräch" not in title for _lang, _url, title in english)
    assert (
        "de",
        "/de/practices/first-call-protocol/",
        "Ein Leitfaden für das Erstgespräch",
    ) in german
    assert all(title != "A protocol for the first call" for _lang, _url, title in german)
    # A practice written in English only is found too, at its German address (shown with a
    # notice there), its text marked as English.
    assert ("en", "/de/practices/helpline-for-friends/", "A helpline for friends and siblings") in (
        german
    )
    # A French practice is found by an English reader, in French, at the English address.
    assert found(client, "mères") == [
        ("fr", "/practices/groupe-de-parole-des-meres/", "Un groupe de parole pour les mères")
    ]


def library_once_per_practice(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    page = client.get("/fr/practices/").text
    titles = re.findall(r'<h3 id="practice-\d+" lang="(\w+)"><a href="[^"]+">([^<]+)</a>', page)
    assert ("fr", "Ateliers vidéo sur la propagande en ligne") in titles
    assert ("en", "Video workshops on online propaganda") not in titles
    assert ("de", "Ausstiegsbegleitung nach der Haft") in titles  # German only: as written
    # The facets read in French, and count each practice once.
    assert "Soutien aux familles" in page and "Family support" not in page
    total = int(re.search(r"(\d+) pratiques?", page).group(1))
    assert (
        total == PracticePage.objects.live().current().values("translation_key").distinct().count()
    )


def test_did_you_mean_prefers_the_readers_language(client, home_page):
    """ "Handl" is one letter from the English "handle" and from the German "Handel": each reader
    is offered the word of their own language."""
    library, organisations = make_library(home_page)
    make_practice(library, title="How to handle a crisis call", summary="Calls we handle.")
    german_library = translate(library, "de", title="Praxisbibliothek")
    publish(
        german_library,
        PracticePage(
            title="Prävention im Handel",
            slug="praevention-im-handel",
            summary="Schulungen für Beschäftigte im Handel.",
            description=[("paragraph", "<p>Handel.</p>")],
            prevention_level="general",
            last_reviewed=date.today(),
        ),
    )
    assert client.get("/search/", {"q": "handl"}).context["suggestion"] == "handle"
    assert client.get("/de/search/", {"q": "handl"}).context["suggestion"] == "handel"
