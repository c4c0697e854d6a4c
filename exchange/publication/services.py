"""What happens to the publication when an excerpt's consent changes. The pages need nothing:
a quote is checked against the ledger at every render, so it is gone from every draft and live
page the moment the step commits. What keeps copies is dealt with after the commit: the search
index (the chapter is indexed again, and a task rewrites the index files without the old words
and drops them from the vocabulary: in the request without a worker, by the worker with one),
the site's page cache (a new generation, cms/page_cache.py), the front-end caches (Wagtail's
frontend_cache, when one is configured), and the people who wrote the chapter are told."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
from wagtail.search.index import insert_or_update_object

from cms.pdf import forget_pdfs
from exchange.notifications import kinds, mail_after_commit
from exchange.publication.models import ChapterPage, PublicationPage, chapters_quoting
from exchange.publication.tasks import forget_withdrawn_words

SUBJECTS = {
    "withdrawn": _("A quote was removed from the chapter “%(chapter)s”"),
    "erased": _("A quote was removed from the chapter “%(chapter)s”"),
    "superseded": _("A quote in the chapter “%(chapter)s” has new words"),
}


def after_consent_changed(
    sender: type, *, excerpt_id: int, reason: str, words: str = "", **kwargs: object
) -> None:
    """`consent_changed`'s receiver, inside the step's transaction. `words` are the words the
    chapters showed until now, for the index to forget."""
    chapters = chapters_quoting(excerpt_id)
    if not chapters:
        return
    for chapter in chapters:
        _tell_editors(chapter, reason)
    live = [chapter for chapter in chapters if chapter.live]
    # The publications' stored PDFs go at once: a stale copy is never served, but its words
    # would stay in the cache table until it expired.
    publications = {
        publication.pk
        for chapter in chapters
        for publication in PublicationPage.objects.ancestor_of(chapter)
    }
    transaction.on_commit(lambda: forget_pdfs(publications), robust=True)
    transaction.on_commit(lambda: _refresh_copies(live, forget=bool(words)), robust=True)


def _refresh_copies(chapters: list[ChapterPage], *, forget: bool) -> None:
    for chapter in chapters:
        insert_or_update_object(chapter.specific)
    if forget:
        # After the index update, in queue order: rewriting the files takes seconds.
        forget_withdrawn_words.enqueue()
    purge_pages_from_cache(chapters)


def editors_of(chapter: ChapterPage) -> list:
    """Who wrote the chapter: its owner and everyone who saved a revision of it."""
    return list(
        get_user_model()
        .objects.filter(
            Q(pk=chapter.owner_id) | Q(pk__in=chapter.revisions.values("user_id")),
            is_active=True,
        )
        .exclude(email="")
    )


def _tell_editors(chapter: ChapterPage, reason: str) -> None:
    publication = PublicationPage.objects.ancestor_of(chapter).first()
    mail_after_commit(
        editors_of(chapter),
        SUBJECTS[reason],
        "exchange/publication/email/quote_changed.txt",
        {
            "chapter": chapter.title,
            "publication": publication.title if publication else "",
            "reason": reason,
            "link": settings.BASE_URL + reverse("wagtailadmin_pages:edit", args=[chapter.pk]),
        },
        kind=kinds.PUBLICATION,
    )
