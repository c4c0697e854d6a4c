"""The Whoosh search backend: indexes, results and rebuilds on top of `storage` and `query`.

Searches run in Whoosh with the queryset's filters translated into a Whoosh filter, so only
the requested page of hits is loaded from the database; that load goes through the caller's
queryset, which re-checks every hit (an index a moment behind the database never shows a row
the queryset excludes).
"""

import itertools
import logging
import os
import re
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

from modelsearch.backends.base import (
    BaseIndex,
    BaseSearchBackend,
    BaseSearchResults,
    FilterFieldError,
    get_model_root,
)
from modelsearch.index import FilterField, RelatedFields, class_is_indexed
from modelsearch.query import MATCH_ALL, PlainText
from whoosh.reading import SegmentReader
from whoosh.writing import MERGE_SMALL

from modelsearch_whoosh import bitsets, ranking, vocabulary
from modelsearch_whoosh.public import public_pks, public_queryset
from modelsearch_whoosh.query import (
    WhooshAutocompleteQueryCompiler,
    WhooshSearchQueryCompiler,
)
from modelsearch_whoosh.schema import (
    PK,
    TEXT_ANALYZER,
    Mapping,
    build_schema,
    from_term,
    mapping_of,
    pk_term,
    preload,
)
from modelsearch_whoosh.storage import IndexStore, open_dir

logger = logging.getLogger(__name__)

# A rebuild analyses and writes in one process per core (Whoosh's MpWriter), each into its own
# segment (multisegment: no final merge): 20,000 practices index in about half the time of one
# writer. Starting the processes costs some 60 ms per index, more than a small index takes to
# write: below PARALLEL_FROM documents the rebuild writes them in this process.
PARALLEL_FROM = 1000
# Each writer sorts its postings in memory up to limitmb, past that in runs pickled to disk and
# merged at the end: the pickling and the merge were two fifths of a rebuild. With 512 MB the
# 4 million postings of 20,000 practices stay in memory (70 s → 49 s on this two-core machine;
# at most some 650 MB resident per writer process); a larger library spills, as before.
REBUILD_WRITER = {
    "procs": max(1, min(4, os.cpu_count() or 1)),
    "multisegment": True,
    "limitmb": 512,
}


class WhooshIndex(BaseIndex):
    """The index of one root model (Page, Image, a snippet...), in its own directory."""

    def __init__(self, backend, root, generation: Path | None = None):
        super().__init__(backend)
        self.root = root
        self.name = f"{root._meta.app_label.lower()}_{root.__name__.lower()}"
        self.store = IndexStore(backend.path, self.name, lambda: build_schema(root))
        # Set while a rebuild fills a new generation: one writer for the whole rebuild, and
        # the words of every document, written as the generation's vocabulary at the end.
        self.generation = generation
        self._rebuild_writer = None
        self._rebuild_pending: list[dict] = []  # documents held until PARALLEL_FROM is reached
        self._rebuild_words: set[str] = set()

    def __str__(self) -> str:
        return self.name

    def get_key(self) -> str:
        return self.name

    def add_model(self, model) -> None:
        """Add any column the models have gained since the index was created (a deploy that
        adds a search field must not have to rebuild before the next save works)."""
        if self.generation is not None:
            return  # a new generation is created with the current schema
        wanted = build_schema(self.root)
        if not set(wanted.names()) - set(self.store.read(lambda s: s.schema.names())):
            return
        with self.store.writer() as writer:
            for name in set(wanted.names()) - set(writer.schema.names()):
                writer.add_field(name, wanted[name])

    def reset(self) -> None:
        self.store.reset()

    def add_items(self, model, items) -> None:
        if not class_is_indexed(model):
            return
        items = list(items)
        preload(model, items)
        public = public_pks(model, items)
        # Words of what the public may find, for "did you mean"; the others' words are
        # dropped from the list unless a public document still holds them.
        words = self._rebuild_words if self.generation is not None else set()
        private_words: set[str] = set()
        documents = [
            mapping_of(type(item)).document(item, words if item.pk in public else private_words)
            for item in items
        ]
        if not documents:
            return
        if self.generation is not None:
            self._add_to_rebuild(documents)
            return
        self.add_model(model)
        generation = self.store.current
        with self.store.writer(generation) as writer:
            for document in documents:
                writer.update_document(**document)
            vocabulary.add(generation, vocabulary.folded(words))  # under the write lock
        if private_words - words:
            self.prune(private_words - words)

    def delete_item(self, item) -> None:
        # A failed index update must never stop the object's own deletion: the hit it leaves
        # behind is dropped when results are loaded from the database, and the next
        # update_index removes it.
        try:
            with self.store.writer() as writer:
                writer.delete_by_term(PK, pk_term(item.pk))
            words: set[str] = set()
            mapping_of(type(item)).document(item, words)
            self.prune(words)
        except Exception:
            logger.exception("Could not remove %r from the search index %s", item, self.name)

    def prune(self, words: set[str]) -> None:
        """Drop from the word list those of `words` that no document the public may find
        holds any more (an unpublished, restricted or deleted page's own words)."""
        generation = self.store.current
        candidates = vocabulary.folded(words) & vocabulary.read(generation).known
        if not candidates:
            return
        with self.store.writer(generation) as writer:  # the write lock, for the word list
            with writer.searcher() as searcher:
                held = self._held_by_public(searcher, candidates)
            current = vocabulary.read(generation)
            if candidates - held:
                vocabulary.write(generation, current.known - (candidates - held))

    def _held_by_public(self, searcher, words: set[str]) -> set[str]:
        public = public_queryset(self.root)
        if public is None:
            return set()
        compiler = WhooshSearchQueryCompiler(public, MATCH_ALL)
        allowed = bitsets.matching(searcher, compiler.compile_filter())
        columns = [
            name
            for name, field in searcher.schema.items()
            if field.scorable and not name.endswith("_edgengrams")
        ]
        held = set()
        for word in words:
            term = self.backend.index_term(word)
            if term and any(bitsets.term(searcher, column, term) & allowed for column in columns):
                held.add(word)
        return held

    def purge(self, words: set[str] | None = None) -> None:
        """Remove deleted documents from the index files (a deleted page's words, an edited
        page's old text: Whoosh only marks them deleted), then drop from the word list those
        of `words` (default: all) that no public document holds. Rewriting a segment is slow
        (~20 s for 10,000 practices): `manage.py purge_search_index` runs it on a schedule."""
        generation = self.store.current
        if any(segment.has_deletions() for segment in open_dir(generation)._segments()):
            with self.store.writer(generation, mergetype=expunge_deleted):
                pass  # the commit's merge policy does the work
        self.prune(set(vocabulary.read(generation).known) if words is None else words)

    def _add_to_rebuild(self, documents: list[dict]) -> None:
        if self._rebuild_writer is None:
            self._rebuild_pending += documents
            if len(self._rebuild_pending) < PARALLEL_FROM:
                return
            self._rebuild_writer = self.store.open_writer(self.generation, **REBUILD_WRITER)
            documents, self._rebuild_pending = self._rebuild_pending, []
        for document in documents:
            self._rebuild_writer.add_document(**document)

    def finish_rebuild(self) -> None:
        if self._rebuild_writer is not None:
            self._rebuild_writer.commit()
            self._rebuild_writer = None
        elif self._rebuild_pending:
            with self.store.writer(self.generation) as writer:
                for document in self._rebuild_pending:
                    writer.add_document(**document)
            self._rebuild_pending = []
        vocabulary.write(self.generation, vocabulary.folded(self._rebuild_words))


def expunge_deleted(writer, segments) -> list:
    """A commit's merge policy: Whoosh's own (merge small segments), then every other segment
    holding deleted documents is rewritten without them."""
    remaining = []
    for segment in MERGE_SMALL(writer, segments):
        if segment.has_deletions():
            reader = SegmentReader(writer.storage, writer.schema, segment)
            writer.add_reader(reader)
            reader.close()
        else:
            remaining.append(segment)
    return remaining


class WhooshRebuilder:
    """Fills a new generation while searches use the current one, then swaps (update_index)."""

    def __init__(self, index: WhooshIndex):
        self.live = index
        self.index: WhooshIndex | None = None

    def start(self) -> WhooshIndex:
        generation = self.live.store.start_rebuild()
        self.index = WhooshIndex(self.live.backend, self.live.root, generation=generation)
        return self.index

    def finish(self) -> None:
        self.index.finish_rebuild()
        self.live.store.finish_rebuild(self.index.generation)


class WhooshSearchResults(BaseSearchResults):
    supports_facet = True

    @property
    def _store(self) -> IndexStore:
        return self.backend.get_index_for_model(self.query_compiler.queryset.model).store

    def _queries(self):
        return self.query_compiler.compile(), self.query_compiler.compile_filter()

    def _allowed_keys(self) -> frozenset[str] | None:
        """When the index cannot apply the filters exactly (`filter_is_exact`), the keys of the
        objects the database says pass them; None when the index's filter is exact. Asked
        once per results object, before the searcher is taken."""
        self.query_compiler.compile_filter()  # decides filter_is_exact
        if self.query_compiler.filter_is_exact:
            return None
        if self._allowed_keys_cache is None:
            pks = self.query_compiler.queryset.order_by().values_list("pk", flat=True)
            self._allowed_keys_cache = frozenset(pk_term(pk) for pk in pks)
        return self._allowed_keys_cache

    _allowed_keys_cache: frozenset[str] | None = None

    def _allowed(self, searcher, filter_query, keys) -> int:
        """The documents that pass the filters (a bitset)."""
        allowed = bitsets.matching(searcher, filter_query)
        return allowed if keys is None else allowed & bitsets.of_keys(searcher, keys)

    def _hits(self, searcher, query, filter_query, keys) -> int:
        """The documents that match the words and pass the filters (a bitset): what a count,
        a facet and the pages all read, so they always agree."""
        return bitsets.matching(searcher, query) & self._allowed(searcher, filter_query, keys)

    def _do_search(self):
        query, filter_query = self._queries()
        keys = self._allowed_keys()
        sortedby = self.query_compiler.sortedby()
        start, stop = self.start, self.stop

        def page_of_hits(searcher):
            if sortedby is None:
                allowed = self._allowed(searcher, filter_query, keys)
                return [
                    (searcher.stored_fields(docnum)[PK], score)
                    for docnum, score in ranking.top(searcher, query, allowed, start, stop)
                ]
            if keys is None:
                allowed = bitsets.allowed(searcher, filter_query)
            else:
                allowed = bitsets.id_set(
                    self._allowed(searcher, filter_query, keys), searcher.doc_count_all()
                )
            hits = searcher.search(query, filter=allowed, limit=stop, sortedby=sortedby)
            return [(hit[PK], hit.score) for hit in hits[start:stop]]

        hits = self._store.read(page_of_hits)
        if not hits:
            return []
        queryset = self.query_compiler.queryset
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        found = {pk_term(obj.pk): obj for obj in queryset.filter(pk__in=[pk for pk, _ in hits])}
        results = []
        for key, score in hits:
            obj = found.get(key)
            if obj is None:
                continue  # in the index, but no longer in the caller's queryset
            if self._score_field:
                setattr(obj, self._score_field, score)
            results.append(obj)
        return results

    def _do_count(self):
        query, filter_query = self._queries()
        keys = self._allowed_keys()

        total = self._store.read(
            lambda searcher: self._hits(searcher, query, filter_query, keys).bit_count()
        )
        total -= self.start
        if self.stop is not None:
            total = min(total, self.stop - self.start)
        return max(total, 0)

    def facet(self, field_name):
        return self.facets([field_name])[field_name]

    def facets(self, field_names) -> dict[str, OrderedDict]:
        """Counts per value of several filter fields over all hits, as `facet()` gives them.

        A name is a FilterField of the model (``evidence``, or a to-many relation such as
        ``challenges``, counted by related pk) or a filter inside RelatedFields
        (``countries__country``). Counted on cached bitsets (see `bitsets`).
        """
        columns = {name: self._facet_column(name) for name in field_names}
        query, filter_query = self._queries()
        keys = self._allowed_keys()

        def count(searcher):
            hits = self._hits(searcher, query, filter_query, keys)
            counted = {}
            for name, (column, _kind) in columns.items():
                field = searcher.schema[column]
                by_term, missing = bitsets.counts_by_term(searcher, column, hits)
                values = {field.from_bytes(text): n for text, n in by_term.items()}
                if missing:
                    values[None] = missing
                counted[name] = values
            return counted

        counted = self._store.read(count)
        facets = {}
        for name, (_column, kind) in columns.items():
            values = [(from_term(kind, key), n) for key, n in counted[name].items()]
            values.sort(key=lambda item: (-item[1], str(item[0])))
            facets[name] = OrderedDict(values)
        return facets

    def _facet_column(self, name: str) -> tuple[str, str]:
        mapping = Mapping(self.query_compiler.queryset.model)
        *relations, last = name.split("__")
        fields = mapping.fields
        for relation in relations:
            related = next(
                (f for f in fields if isinstance(f, RelatedFields) and f.field_name == relation),
                None,
            )
            if related is None:
                break
            mapping = mapping.related(related)
            fields = related.fields
        else:
            for field in fields:
                if isinstance(field, FilterField) and last in (
                    field.field_name,
                    field.get_attname(mapping.model),
                ):
                    return mapping.column(field), mapping.kind(field)
        raise FilterFieldError(
            f'Cannot facet search results with field "{name}". Please add '
            f"index.FilterField('{name}') to "
            f"{self.query_compiler.queryset.model.__name__}.search_fields.",
            field_name=name,
        )

    def spelling_suggestion(self) -> str | None:
        """The first of `spelling_suggestions()`, or None."""
        suggestions = self.spelling_suggestions(limit=1)
        return suggestions[0] if suggestions else None

    def spelling_suggestions(self, limit: int = 6) -> list[str]:
        """The query with each word the index does not know replaced by one of its closest
        known words: every such combination, the likeliest first, at most `limit`. The caller
        shows the first that finds something it may show: the vocabulary also holds words of
        pages that are not public, and only a search tells "family support" from "family
        sport"."""
        query = self.query_compiler.query
        if not isinstance(query, PlainText):
            return []
        text = query.query_string
        known = vocabulary.read(self._store.current)
        choices: list[tuple[str, list[str]]] = []  # (the word as written, its replacements)
        for written in dict.fromkeys(vocabulary.words_in(text)):
            word = vocabulary.fold(written)
            if len(word) < 4 or word in known:
                continue
            if closest := known.closest(word, maxdist=2, prefix=1):
                choices.append((written, closest))
        if not choices:
            return []
        suggestions = []
        for replacements in itertools.islice(
            itertools.product(*(closest for _written, closest in choices)), limit
        ):
            changed = text
            for (written, _closest), replacement in zip(choices, replacements, strict=True):
                changed = re.sub(rf"\b{re.escape(written)}\b", replacement, changed, count=1)
            suggestions.append(changed)
        return suggestions


class WhooshSearchBackend(BaseSearchBackend):
    query_compiler_class = WhooshSearchQueryCompiler
    autocomplete_query_compiler_class = WhooshAutocompleteQueryCompiler
    index_class = WhooshIndex
    results_class = WhooshSearchResults
    rebuilder_class = WhooshRebuilder
    # add_items loads to-many relations per batch (schema.preload): update_index skips its own
    # prefetching for this backend.
    preloads_relations = True

    def __init__(self, params):
        super().__init__(params)
        if "PATH" not in params:
            raise ValueError("The Whoosh search backend needs a PATH: the index directory.")
        self.path = Path(params["PATH"])

    def get_index_for_model(self, model) -> WhooshIndex:
        return WhooshIndex(self, get_model_root(model))

    @staticmethod
    @lru_cache(maxsize=50_000)
    def index_term(word: str) -> str | None:
        """The word as the index holds it (folded, stemmed): what the site's highlighting marks
        (say, a site marking the words found)."""
        return next((token.text for token in TEXT_ANALYZER(word)), None)


SearchBackend = WhooshSearchBackend
