"""Content in English, German and French: each page's address in each language, its versions
(hreflang), the fallback to the original with a notice, and `lang` on what is written."""

import re
from datetime import date

from django.conf import settings

import pytest

from cms.builders import publish, translate
from cms.models import PracticePage
from demo.page_factories import make_library, make_organisation, make_practice


@pytest.fixture
def library(home_page):
    library, organisations = make_library(home_page)
    return library, make_organisation(organisations)


@pytest.fixture
def practice(library):
    index, organisation = library
    return make_practice(index, organisation=organisation, title="Family counselling in Leipzig")


@pytest.fixture
def german(practice):
    return translate(
        practice,
        "de",
        title="Familienberatung in Leipzig",
        summary="Beratung für Angehörige, deren Kind sich radikalisiert.",
    )


def hreflangs(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)">', html))


def test_a_translated_page_has_an_address_in_its_language_and_links_its_versions(
    client, practice, german
):
    assert german.url == f"/de/practices/{practice.slug}/"
    page = client.get(german.url)
    assert page.status_code == 200 and '<html lang="de">' in page.text
    assert '<h1 lang="de">Familienberatung in Leipzig</h1>' in page.text
    assert "noch nicht in Ihre Sprache übersetzt" not in page.text  # it is in the reader's
    versions = {"en": practice.full_url, "de": german.full_url}
    assert hreflangs(page.text) == versions

    english = client.get(practice.url)
    assert '<html lang="en">' in english.text and '<h1 lang="en">' in english.text
    assert hreflangs(english.text) == versions


def test_a_reader_who_chose_german_is_sent_to_the_german_address(client, practice, german):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    response = client.get(f"{practice.url}?page=2")
    assert response.status_code == 302 and response["Location"] == f"{german.url}?page=2"
    # An address that names its language reads in it, whatever the reader chose.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert '<html lang="de">' in client.get(german.url).text


def test_a_page_missing_in_a_language_falls_back_to_its_original_with_a_notice(
    client, practice, german
):
    page = client.get(f"/fr{practice.url}")
    assert page.status_code == 200 and '<html lang="fr">' in page.text
    assert "Cette page n’a pas encore été traduite dans votre langue" in page.text
    assert '<h1 lang="en">Family counselling in Leipzig</h1>' in page.text
    # The versions there are, each in its own language.
    assert f'<a href="{german.full_url}" hreflang="de" lang="de">Deutsch</a>' in page.text
    assert hreflangs(page.text) == {"en": practice.full_url, "de": german.full_url}


def test_a_page_written_in_german_first_is_found_at_every_languages_address(client, library):
    german_index = translate(library[0], "de", title="Praxisbibliothek")
    original = publish(
        german_index,
        PracticePage(
            title="Ausstiegsbegleitung für Familien",
            slug="ausstiegsbegleitung",
            summary="Eine fiktive Praxis.",
            description=[("paragraph", "<p>Wie sie arbeitet.</p>")],
            prevention_level="individual",
            last_reviewed=date.today(),
        ),
    )
    assert original.url == "/de/practices/ausstiegsbegleitung/"
    page = client.get("/practices/ausstiegsbegleitung/")
    assert page.status_code == 200 and '<html lang="en">' in page.text
    assert "has not been translated into your language yet" in page.text
    assert '<h1 lang="de">Ausstiegsbegleitung für Familien</h1>' in page.text


def test_a_missing_page_is_still_not_found_in_every_language(client, practice, german):
    for prefix in ("", "/de", "/fr"):
        assert client.get(f"{prefix}/practices/no-such-practice/").status_code == 404


def test_the_switcher_on_a_page_goes_to_the_same_page_in_the_chosen_language(
    client, practice, german
):
    response = client.get("/language/", {"language": "en", "next": german.url})
    assert response["Location"] == practice.url
    response = client.get("/language/", {"language": "fr", "next": german.url})
    assert response["Location"] == f"/fr{practice.url}"
    # The search has an address per language too, the query kept.
    response = client.get("/language/", {"language": "de", "next": "/search/?page=2"})
    assert response["Location"] == "/de/search/?page=2"
    # Elsewhere the address stays as it is: it reads in the reader's language.
    response = client.get("/language/", {"language": "de", "next": "/reports/"})
    assert response["Location"] == "/reports/"


def test_the_sections_read_in_the_readers_language(client, library, practice, german):
    # The home page and the library were made as aliases of theirs by the practice's
    # translation; now translated in their own right.
    translate(library[0].get_parent().specific, "de")
    translate(library[0], "de", title="Praxisbibliothek")

    page = client.get(german.url).text
    assert '<a href="/de/practices/"' in page and "Praxisbibliothek</a>" in page
    # A section not translated yet is its original, at the German address.
    assert '<a href="/de/organisations/"' in page and "Member organisations</a>" in page
