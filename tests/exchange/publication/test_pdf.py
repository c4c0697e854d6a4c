"""The final publication's PDF: the whole publication in one tagged, accessible file (PDF/UA-1),
public from the freeze date, a draft for the coordinators before it; it holds exactly what the
public pages show, so no quote without a live consent, no draft, no restricted chapter.

The PDF is made by WeasyPrint with Debian's Pango. Without Pango these tests skip with the
reason; with REQUIRE_PDF=1 (CI) they fail."""

import io
import os
from datetime import timedelta

from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

import pytest
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from cms.pdf import stored_key
from exchange.excerpts import services as excerpts
from exchange.publication.models import ChapterPage, PublicationPage
from tests.cms.test_background import DATABASE_QUEUE
from tests.exchange.publication.conftest import MARKER, QUOTED, propose, publish_chapter

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pdf_engine():
    try:
        import weasyprint  # noqa: F401  (loads Pango)
    except OSError as error:
        reason = f"WeasyPrint cannot load Pango ({error}); run `make system-deps`"
        if os.environ.get("REQUIRE_PDF") == "1":
            pytest.fail(f"REQUIRE_PDF=1 but {reason}")
        pytest.skip(reason)


def pdf_of(client, publication) -> PdfReader:
    response = client.get(f"{publication.url}pdf/")
    assert response.status_code == 200, response.content[:200]
    assert response["Content-Type"] == "application/pdf"
    assert "no-cache" in response["Cache-Control"]
    return PdfReader(io.BytesIO(response.content))


def text_of(pdf: PdfReader) -> str:
    """The words a reader (or a copy and paste) gets from every page, whitespace folded."""
    return " ".join(" ".join(page.extract_text() for page in pdf.pages).split())


def freeze(publication: PublicationPage, days_ago: int = 1) -> None:
    PublicationPage.objects.filter(pk=publication.pk).update(
        freeze_date=timezone.localdate() - timedelta(days=days_ago)
    )


def test_the_final_publication_is_one_tagged_accessible_pdf_for_everyone(
    client, excerpt, coordinator, home_page
):
    chapter = publish_chapter(home_page, coordinator, [excerpt])
    publication = chapter.get_parent().specific
    publication.save_revision(user=coordinator).publish(user=coordinator)
    freeze(publication)
    publication.refresh_from_db()

    page = client.get(publication.url).content.decode()
    assert "Download the whole publication (PDF)" in page

    pdf = pdf_of(client, publication)
    text = text_of(pdf)
    assert publication.title in text and chapter.title in text
    assert "Final since" in text and "Draft" not in text
    assert QUOTED.split(";")[0] in text  # the consented words, exactly
    assert "Contents" in text
    # Tagged for assistive technology: a structure tree, marked content, the language, the
    # title shown in the window, bookmarks from the headings, and the PDF/UA claim.
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert pdf.metadata.title == publication.title
    assert [item.title for item in pdf.outline if not isinstance(item, list)][:2] == [
        publication.title,
        chapter.title,
    ]
    assert b"pdfuaid:part" in root["/Metadata"].get_data()


def test_before_the_freeze_only_the_coordinators_see_a_draft_pdf(
    client, excerpt, coordinator, home_page, network
):
    chapter = publish_chapter(home_page, coordinator, [excerpt])
    publication = chapter.get_parent().specific
    publication.save_revision(user=coordinator).publish(user=coordinator)

    assert client.get(f"{publication.url}pdf/").status_code == 404
    assert "PDF" not in client.get(publication.url).content.decode()
    client.force_login(network.visitor)
    assert client.get(f"{publication.url}pdf/").status_code == 404

    client.force_login(coordinator)
    assert "Preview the whole publication" in client.get(publication.url).content.decode()
    text = text_of(pdf_of(client, publication))
    assert "Draft for the coordinators" in text and MARKER in text


def test_the_pdf_holds_only_consented_words_of_live_public_chapters(
    client, entry, coordinator, home_page
):
    """What the PDF may never hold: a quote not for publication, a quote withdrawn before the
    freeze, an unpublished chapter, a chapter's unpublished draft, a restricted chapter."""
    shown = propose(entry, "Shown: the team listens before it advises.", "anonymous")
    private = propose(entry, "Privatewordone stays in the log.", "private")
    withdrawn = propose(entry, "Withdrawnwordtwo was taken back.", "named")
    chapter = publish_chapter(home_page, coordinator, [shown, private, withdrawn])
    publication = chapter.get_parent().specific
    publication.save_revision(user=coordinator).publish(user=coordinator)
    excerpts.excerpt_withdraw(excerpt_id=withdrawn.pk, user=entry.author)

    draft = ChapterPage.objects.get(pk=chapter.pk)
    draft.body.append(("paragraph", RichText("<p>Draftwordthree is not published.</p>")))
    draft.save_revision(user=coordinator)
    publication.add_child(
        instance=ChapterPage(title="Unpublishedchapterfour", live=False, body=[])
    ).save_revision(user=coordinator)
    restricted = publication.add_child(instance=ChapterPage(title="Restrictedchapterfive", body=[]))
    restricted.save_revision(user=coordinator).publish(user=coordinator)
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    freeze(publication)

    text = text_of(pdf_of(client, PublicationPage.objects.get(pk=publication.pk)))
    assert "Shown: the team listens before it advises." in text
    for never in [
        "Privatewordone",
        "Withdrawnwordtwo",
        "Draftwordthree",
        "Unpublishedchapterfour",
        "Restrictedchapterfive",
    ]:
        assert never not in text


def test_the_pdf_of_a_restricted_publication_asks_for_a_sign_in(client, coordinator, home_page):
    chapter = publish_chapter(home_page, coordinator, [])
    publication = chapter.get_parent().specific
    publication.save_revision(user=coordinator).publish(user=coordinator)
    freeze(publication)
    PageViewRestriction.objects.create(page=publication, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(f"{publication.url}pdf/")
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the worker commits
def test_with_a_worker_the_pdf_is_made_out_of_the_request(
    client, excerpt, coordinator, home_page, settings
):
    settings.TASKS = DATABASE_QUEUE
    settings.SCHEDULE = {}  # the worker runs the queue only
    chapter = publish_chapter(home_page, coordinator, [excerpt])
    publication = chapter.get_parent().specific
    freeze(publication)

    for _ in range(2):  # asked again while it is being made: queued once
        response = client.get(f"{publication.url}pdf/")
        assert response.status_code == 202
        assert "The PDF is being prepared" in response.content.decode()
        assert '<meta http-equiv="refresh"' in response.content.decode()
        assert "no-store" in response["Cache-Control"]
    assert DBTaskResult.objects.ready().filter(task_path="cms.pdf.render_pdf").count() == 1

    call_command("worker", "--batch", stdout=io.StringIO())

    assert MARKER in text_of(pdf_of(client, publication))


# Committed: a PDF is stored only for content that is (cms/page_cache.py), and the deletion runs
# when the withdrawal commits.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_withdrawal_deletes_the_stored_pdf_that_held_the_words(
    client, entry, coordinator, home_page
):
    """A stale PDF is never served, but it stayed in the cache table (and its backups) until it
    expired: the words a consent no longer covers go from there at once."""
    shown = propose(entry, "Shown: the team listens before it advises.", "anonymous")
    withdrawn = propose(entry, "Withdrawnwordsix was taken back later.", "named")
    chapter = publish_chapter(home_page, coordinator, [shown, withdrawn])
    publication = chapter.get_parent().specific
    publication.save_revision(user=coordinator).publish(user=coordinator)
    freeze(publication, days_ago=-10)  # final in ten days: withdrawal is still open
    client.force_login(coordinator)  # the draft PDF, before the freeze
    assert "Withdrawnwordsix" in text_of(pdf_of(client, publication))
    assert caches["default"].get(stored_key(publication.pk)) is not None

    excerpts.excerpt_withdraw(excerpt_id=withdrawn.pk, user=entry.author)

    assert caches["default"].get(stored_key(publication.pk)) is None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM cache WHERE cache_key LIKE %s", [f"%pdf:{publication.pk}%"]
        )
        assert cursor.fetchone()[0] == 0
    assert "Withdrawnwordsix" not in text_of(pdf_of(client, publication))
