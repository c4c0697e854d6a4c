"""Wagtail's `update_index`, with a progress bar per model instead of rows of dots.

Each index is rebuilt into a new generation and swapped in when complete (the backend's
rebuilder), so searches keep answering from the old index while this runs.
"""

from modelsearch.backends import get_search_backend
from modelsearch.management.commands.rebuild_modelsearch_index import (
    Command as RebuildCommand,
)
from tqdm import tqdm


class Command(RebuildCommand):
    help = "Rebuild the search index, swapping it in atomically when complete."

    def update_backend(self, backend_name, **options):
        backend = get_search_backend(backend_name)
        self._backend_preloads = getattr(backend, "preloads_relations", False)
        super().update_backend(backend_name, **options)

    def queryset_chunks(self, qs, chunk_size=1000):
        if self._backend_preloads:
            # The backend loads to-many relations per batch itself, faster than the per-object
            # querysets that prefetch_related builds for modelcluster's parental relations.
            qs = qs.prefetch_related(None)
        # Remember the size so that the progress bar knows its end.
        self._total = qs.count()
        return super().queryset_chunks(qs, chunk_size)

    def print_iter_progress(self, iterable):
        chunks = iter(iterable)
        first = next(chunks, None)  # runs the count in queryset_chunks
        if first is None:
            return
        total = getattr(self, "_total", None)
        with tqdm(
            total=total,
            unit="objects",
            # The raw stream: Django's OutputWrapper would end every redraw with a new line.
            file=self.stdout._out,
            disable=self.verbosity == 0,
            leave=True,
            dynamic_ncols=True,
        ) as bar:
            yield first
            bar.update(len(first))
            for chunk in chunks:
                yield chunk
                bar.update(len(chunk))
