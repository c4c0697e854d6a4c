"""Filling the search index in one pass: what is saved inside `indexing_afterwards` is not
indexed as it is saved (a commit of the index per page, most of the demo's seeding time) but by
one `update_index` at the end. Used by seed_demo and by the tests that build many pages."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings


def indexes_each_save() -> bool:
    """Whether the search backends index what is saved as it is saved (production does)."""
    return any(
        backend.get("AUTO_UPDATE", True) for backend in settings.WAGTAILSEARCH_BACKENDS.values()
    )


@contextmanager
def indexing_afterwards(index: bool = True) -> Iterator[None]:
    """No indexing at each save inside; with `index`, one `update_index` after."""
    backends = settings.WAGTAILSEARCH_BACKENDS
    off = {alias: {**backend, "AUTO_UPDATE": False} for alias, backend in backends.items()}
    with override_settings(WAGTAILSEARCH_BACKENDS=off):
        yield
    if index:
        call_command("update_index", verbosity=0)
