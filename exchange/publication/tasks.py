"""The publication's background work (run by the worker, or at once without one)."""

from wagtail.search.backends import get_search_backends

from django_tasks import task

from exchange.publication.models import ChapterPage


@task()
def forget_withdrawn_words() -> None:
    """Rewrite the chapters' index files without the versions a changed consent left behind, and
    drop from its word list the words no public chapter holds any more. The withdrawn words are
    not passed in: a task's arguments are kept in the queue's table, and a withdrawn quote must
    not be kept anywhere; the chapters' word list is small enough to check whole."""
    for backend in get_search_backends(with_auto_update=True):
        index = backend.get_index_for_model(ChapterPage)
        if hasattr(index, "purge"):  # the Whoosh backend keeps old words in its files
            index.purge()
