"""A reflection and the excerpts drawn from it keep the language they were written in, and say
so (the lang attribute) wherever they are shown, whatever the reader's language."""

from django.urls import reverse
from django.utils import translation

import pytest

from exchange.excerpts import services as excerpts
from exchange.reflections import services as reflections
from exchange.reflections.models import Phase
from tests.exchange.conftest import CLEAN, after_visit_answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def german_entry(network):
    """The visitor, with the interface in German, writes and submits an after-visit answer."""
    with translation.override("de"):
        return after_visit_answer(network, CLEAN)


def test_an_answer_keeps_the_language_it_was_begun_in(german_entry, network, client):
    assert german_entry.language == "de"
    with translation.override("fr"):  # later edits, in another interface language
        reflections.entry_save(
            visit_id=german_entry.visit_id,
            user=network.visitor,
            phase=Phase.AFTER,
            question_id=german_entry.question_id,
            goal=german_entry.goal,
            text=CLEAN + " Noch ein Satz.",
        )
    german_entry.refresh_from_db()
    assert german_entry.language == "de"

    client.force_login(network.visitor)
    page = client.get(
        reverse("reflection_entry", args=[german_entry.pk]),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert '<html lang="en">' in page.text and 'class="reflection-text" lang="de"' in page.text


def test_an_excerpt_keeps_its_answers_language_on_every_page_that_shows_it(
    german_entry, network, client
):
    with translation.override("en"):
        excerpt = excerpts.excerpt_propose(
            entry_id=german_entry.pk,
            user=network.visitor,
            text=CLEAN,
            attribution="anonymous",
            reasons={},
            checklist=set(excerpts.CHECKLIST),
        )
    assert excerpt.language == "de"
    client.force_login(network.visitor)
    detail = client.get(
        reverse("excerpt_detail", args=[excerpt.pk]), HTTP_ACCEPT_LANGUAGE="fr"
    ).text
    assert 'class="reflection-text" lang="de"' in detail
    receipts = client.get(reverse("excerpts"), HTTP_ACCEPT_LANGUAGE="fr").text
    assert 'class="reflection-text" lang="de"' in receipts
