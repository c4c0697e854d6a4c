import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.utils import timezone

from wagtail.rich_text import RichText

import pytest

from demo.factories import make_excerpt
from exchange.publication.models import ChapterPage, PublicationPage

# A word no other text in the tests holds, to look for wherever the quote could have gone.
MARKER = "Zephyrquill"
QUOTED = f"They read the family's own words aloud first; the team calls it the {MARKER} round."


def propose(entry, text=QUOTED, attribution="named"):
    return make_excerpt(entry, text, attribution)


def publish_chapter(home_page, editor, excerpts_quoted, freeze_in_days=30, title="Families first"):
    """A publication (freezing in `freeze_in_days`) with one published chapter that quotes each
    excerpt, saved by `editor`."""
    publication = home_page.add_child(
        instance=PublicationPage(
            title="What we learned in 2026",
            year=2026,
            freeze_date=timezone.localdate() + timedelta(days=freeze_in_days),
        )
    )
    body = [("paragraph", RichText("<p>Practitioners wrote this chapter together.</p>"))]
    body += [("quote", {"excerpt": excerpt}) for excerpt in excerpts_quoted]
    chapter = publication.add_child(
        instance=ChapterPage(title=title, summary="How teams listen first.", body=body)
    )
    chapter.save_revision(user=editor).publish(user=editor)
    return ChapterPage.objects.get(pk=chapter.pk)


@pytest.fixture
def excerpt(entry):
    return propose(entry)


@pytest.fixture
def purges():
    """A caching proxy's purge endpoint (as Varnish's): records the paths it is asked to
    purge. Wagtail's frontend cache backend sends them real PURGE requests."""
    received: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):
            received.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, received
    server.shutdown()
    server.server_close()
