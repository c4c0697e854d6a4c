"""Withdrawal and erasure: in the request that ends the consent, the quote leaves every live and
draft page, the search index (results, index files, vocabulary) and the front-end cache, and
the chapter's editors are told (without the words). After the freeze, erasure keeps the quote
and takes the name off it."""

from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from wagtail.rich_text import RichText

import pytest

from exchange.excerpts.models import Excerpt, live_consent
from exchange.personal_data import services as personal_data
from exchange.publication.models import ChapterPage
from tests.exchange.publication.conftest import MARKER, QUOTED, publish_chapter
from tests.privacy import index_files

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_index")]


def in_index_files(word: str) -> list:
    """The index files holding the word as written or as the index keeps it (folded, and
    stemmed: "zephyrquil")."""
    forms = {word, word.lower(), word.lower()[:-1]}
    return [p for p in index_files() if any(f.encode() in p.read_bytes() for f in forms)]


def draft_html(chapter: ChapterPage, editor) -> str:
    """The chapter's latest draft as its editors preview it."""
    draft = ChapterPage.objects.get(pk=chapter.pk).get_latest_revision_as_object()
    request = RequestFactory().get(chapter.url)
    request.user = editor
    response = draft.serve_preview(request, draft.default_preview_mode)
    return response.render().content.decode()


@pytest.fixture
def frontend_cache(settings, purges):
    server, received = purges
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    return received


def test_a_withdrawal_takes_the_quote_off_pages_index_and_caches_in_the_same_request(
    client, excerpt, coordinator, home_page, frontend_cache, django_capture_on_commit_callbacks
):
    chapter = publish_chapter(home_page, coordinator, [excerpt])
    # A draft in progress quotes it too.
    draft = ChapterPage.objects.get(pk=chapter.pk)
    draft.body.append(("paragraph", RichText("<p>A draft paragraph.</p>")))
    draft.save_revision(user=coordinator)
    assert MARKER in client.get(chapter.url).content.decode() and MARKER in draft_html(
        chapter, coordinator
    )
    assert list(ChapterPage.objects.live().search(MARKER)) == [chapter]
    assert in_index_files(MARKER)  # the words were indexed while consented to

    client.force_login(excerpt.author)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("excerpt_withdraw", args=[excerpt.pk]))
    assert response.status_code == 302

    # Everything below holds as that request returns.
    assert MARKER not in client.get(chapter.url).content.decode()
    assert MARKER not in draft_html(chapter, coordinator)
    assert not list(ChapterPage.objects.live().search(MARKER))
    assert not list(ChapterPage.objects.search(MARKER))
    assert in_index_files(MARKER) == []  # nor the index's files, nor its vocabulary
    assert chapter.url in frontend_cache  # the proxy was told to drop its copy
    [told] = mail.outbox
    assert told.to == [coordinator.email] and chapter.title in told.subject
    assert "no longer shows it" in told.body and MARKER not in told.body
    # The chapter's other words are still found.
    assert list(ChapterPage.objects.live().search("Practitioners")) == [chapter]


def test_erasing_the_author_takes_an_unfrozen_quote_off_everywhere(
    excerpt, coordinator, home_page, client, django_capture_on_commit_callbacks
):
    chapter = publish_chapter(home_page, coordinator, [excerpt])
    with django_capture_on_commit_callbacks(execute=True):
        personal_data.erase(excerpt.author)
    assert not Excerpt.objects.filter(pk=excerpt.pk).exists()
    assert MARKER not in client.get(chapter.url).content.decode()
    assert in_index_files(MARKER) == []
    [told] = mail.outbox
    assert told.to == [coordinator.email]


def test_erasing_the_author_keeps_a_frozen_quote_without_the_name(
    excerpt, coordinator, home_page, client, network
):
    network.visitor.first_name, network.visitor.last_name = "Fictional", "Author"
    network.visitor.save()
    chapter = publish_chapter(home_page, coordinator, [excerpt], freeze_in_days=-1)
    assert "Fictional Author" in client.get(chapter.url).content.decode()
    personal_data.erase(network.visitor)
    html = client.get(chapter.url).content.decode()
    assert QUOTED.split(";")[0] in html.replace("&#x27;", "'")
    assert "Fictional Author" not in html and "A practitioner" in html
    kept = Excerpt.objects.get(pk=excerpt.pk)
    assert kept.author is None and live_consent(kept).text == QUOTED
