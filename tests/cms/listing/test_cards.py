"""The library's cards, rendered once per library version and language (cms/listing/cards.py):
the same HTML without reading the cards' rows again, and never a card that is out of date or
no longer live."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from cms.listing.cards import library_cards
from cms.listing.vocabularies import library_version
from demo.factories import UserFactory
from demo.page_factories import make_library, make_organisation, make_practice

# Committed, as in production: the version token moves on at a change's commit.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def library(home_page):
    return make_library(home_page)


@pytest.fixture
def member_client(client):
    # A member's requests pass the page cache (cms/page_cache.py): the listing is rendered.
    client.force_login(UserFactory())
    return client


def listing(client) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/practices/")
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in queries.captured_queries]


def cards(html: str) -> list[str]:
    return re.findall(r"<article class=\"practice-card\".*?</article>", html, re.DOTALL)


def test_a_second_listing_shows_the_same_cards_without_reading_their_rows(member_client, library):
    practices, organisations = library
    organisation = make_organisation(organisations, title="Fictional Harbour Collective")
    for _ in range(3):
        make_practice(practices, organisation=organisation, countries=("AT", "DE"))

    first, first_queries = listing(member_client)
    again, again_queries = listing(member_client)

    assert cards(again) == cards(first) and len(cards(again)) == 3
    assert "Fictional Harbour Collective" in again and "Austria, Germany" in again
    assert any("cms_practicecountry" in sql for sql in first_queries)
    assert not any("cms_practicecountry" in sql for sql in again_queries)


def test_a_renamed_organisation_shows_on_the_next_listing(member_client, library):
    practices, organisations = library
    organisation = make_organisation(organisations, title="Fictional Harbour Collective")
    make_practice(practices, organisation=organisation)
    listing(member_client)

    organisation.title = "Fictional Lighthouse Collective"
    organisation.save_revision().publish()

    html, _ = listing(member_client)
    assert "Fictional Lighthouse Collective" in html
    assert "Fictional Harbour Collective" not in html


def test_a_card_remembered_under_the_version_is_not_shown_once_its_practice_is_unpublished(
    rf, library
):
    practices, _ = library
    kept = make_practice(practices, title="Fictional kept practice")
    withdrawn = make_practice(practices, title="Fictional withdrawn practice")
    version = library_version()
    request = rf.get("/practices/")
    assert len(library_cards(request, version, [kept.pk, withdrawn.pk])) == 2

    withdrawn.unpublish()

    # As a page of ids remembered from before the unpublish would ask, under the old version.
    cards = library_cards(request, version, [kept.pk, withdrawn.pk])
    assert len(cards) == 1 and "Fictional kept practice" in cards[0]
