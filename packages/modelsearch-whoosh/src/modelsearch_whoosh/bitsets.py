"""Document sets as Python integers (bit n set = document n matches), cached per searcher.

Counting and faceting only need *which* documents match, not their scores. Whoosh answers
that by walking postings in Python on every request (its facet collector even walks every
posting of a multi-valued field), which took 300-500 ms for the library's seven facets over
20,000 practices. Here each term's documents are read once per searcher into an integer;
after that a count is `(matches & term).bit_count()`, microseconds.

A searcher is replaced when a commit changes the index, so its cache goes with it. But a
commit only adds a segment (or merges some): the sets of the segments it leaves alone are
still right, apart from documents deleted since, which `every` (the live documents) masks.
So sets are assembled from per-segment sets kept by segment id: after a publish, the first
search read ~150 sets over all 20,000 documents again (~300 ms), now only the new segment's.
"""

import threading
from collections import OrderedDict

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.idsets import BitSet
from whoosh.reading import SegmentReader
from whoosh.searching import Searcher

from modelsearch_whoosh.schema import PK

CACHE_SIZE = 4096  # sets of 20,000 documents are 2.5 kB each: 10 MB at most per index
SEGMENT_CACHE_SIZE = 4 * CACHE_SIZE  # per process, over every segment of every index

_segment_sets: OrderedDict[tuple, tuple[int, frozenset[int]]] = OrderedDict()
_segment_lock = threading.Lock()


def remember(searcher: Searcher, key, compute, cache="_bitsets", size=CACHE_SIZE):
    """`compute()`, kept in an LRU cache of `size` entries that lives as long as `searcher`."""
    entries = searcher.__dict__.setdefault(cache, OrderedDict())
    value = entries.get(key)
    if value is None:
        value = entries[key] = compute()
        if len(entries) > size:
            entries.popitem(last=False)
    else:
        entries.move_to_end(key)
    return value


def from_ids(ids, size: int) -> int:
    buffer = bytearray((size + 7) // 8)
    for docnum in ids:
        buffer[docnum >> 3] |= 1 << (docnum & 7)
    return int.from_bytes(buffer, "little")


def every(searcher: Searcher) -> int:
    return remember(
        searcher,
        ("every",),
        lambda: from_ids(searcher.reader().all_doc_ids(), searcher.doc_count_all()),
    )


def term(searcher: Searcher, fieldname: str, text) -> int:
    return _documents(searcher, wq.Term(fieldname, text))


def _documents(searcher: Searcher, query: wq.Query) -> int:
    """The documents `query` matches, from each segment's cached set, once per searcher."""
    return remember(searcher, ("query", query), lambda: _assembled(searcher, query))


def _assembled(searcher: Searcher, query: wq.Query) -> int:
    bits = 0
    for leaf, offset in searcher.leaf_searchers():
        segment = getattr(leaf.reader(), "segment", lambda: None)()

        def read(leaf=leaf):
            if type(query) is wq.Term and (found := term_postings(leaf.reader(), query)):
                ids, _weights = found
                return from_mask(ids, leaf.doc_count_all(), leaf.reader())
            return from_ids(leaf.docs_for_query(query), leaf.doc_count_all())

        if segment is None:  # an empty index has no segment to keep its set by
            leaf_bits = read()
        else:
            deleted = remember(
                searcher, ("deleted", segment.segment_id()), lambda s=segment: deleted_in(s)
            )
            leaf_bits = _segment_set((segment.segment_id(), query), deleted, read)
        bits |= leaf_bits << offset
    # A set read before a later commit deleted some of its segment's documents still has them.
    return bits & every(searcher)


def term_postings(reader, query: wq.Term) -> tuple[np.ndarray, np.ndarray] | None:
    """A term's postings in one segment as arrays (document numbers, weights), deleted
    documents included, read block by block; None where the segment is not Whoosh's own
    format (the caller then asks Whoosh, a posting at a time)."""
    if not isinstance(reader, SegmentReader):
        return None
    if query.fieldname not in reader.schema:
        return None
    field = reader.schema[query.fieldname]
    term = field.to_bytes(query.text)
    if (query.fieldname, term) not in reader:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    matcher = reader._terms.matcher(query.fieldname, term, field.format)
    if not isinstance(matcher, W3LeafMatcher):
        return None
    ids, weights = [], []
    while matcher.is_active():
        matcher._read_ids()
        matcher._read_weights()
        ids.append(np.asarray(matcher._ids, dtype=np.int64))
        weights.append(np.asarray(matcher._weights, dtype=float))
        matcher._next_block()
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    return np.concatenate(ids), np.concatenate(weights)


def from_mask(ids: np.ndarray, size: int, reader) -> int:
    """The set of `ids` less the segment's deleted documents (what Whoosh's matcher gives)."""
    mask = np.zeros(size, dtype=bool)
    mask[ids] = True
    if reader.has_deletions():
        mask[list(reader._perdoc.deleted_docs())] = False
    return int.from_bytes(np.packbits(mask, bitorder="little").tobytes(), "little")


def deleted_in(segment) -> frozenset[int]:
    return frozenset(segment.deleted_docs()) if segment.has_deletions() else frozenset()


def _segment_set(key: tuple, deleted: frozenset[int], compute) -> int:
    """A segment's set, read once for as long as it holds. A set leaves out the documents deleted
    when it was read: it holds while those are still deleted. In one index deletions only grow,
    but a copy of the index (a restored backup, a test's copy of a shared one) has the same
    segments, perhaps with fewer deletions; there the set is read again."""
    with _segment_lock:
        kept = _segment_sets.get(key)
        if kept is not None and kept[1] <= deleted:
            _segment_sets.move_to_end(key)
            return kept[0]
    bits = compute()
    with _segment_lock:
        _segment_sets[key] = (bits, deleted)
        while len(_segment_sets) > SEGMENT_CACHE_SIZE:
            _segment_sets.popitem(last=False)
    return bits


def of_keys(searcher: Searcher, keys: frozenset[str]) -> int:
    """The live documents whose stored key (schema.PK) is one of `keys`."""
    by_key = remember(searcher, ("keys",), lambda: _docnums_by_key(searcher))
    return from_ids(
        (by_key[key] for key in keys if key in by_key), searcher.doc_count_all()
    ) & every(searcher)


def _docnums_by_key(searcher: Searcher) -> dict[str, int]:
    """Key -> document number, read from the key's sort column (a deleted document's number
    is replaced by its newer version's, which comes later)."""
    keys = searcher.reader().column_reader(PK)
    return {key: docnum for docnum, key in enumerate(keys)}


def matching(searcher: Searcher, query: wq.Query) -> int:
    """The documents `query` matches (scores ignored)."""
    if isinstance(query, wq.NullQuery.__class__):
        return 0
    if isinstance(query, wq.Every):
        return every(searcher)
    if isinstance(query, wq.Term):
        return term(searcher, query.fieldname, query.text)
    if isinstance(query, wq.And):
        bits = every(searcher)
        for sub in query.subqueries:
            bits &= matching(searcher, sub)
            if not bits:
                break
        return bits
    if isinstance(query, wq.Or) and query.minmatch > 1:  # WhooshAtLeast
        sets = [matching(searcher, sub) for sub in query.subqueries]
        return at_least(searcher, sets, query.minmatch)
    if isinstance(query, wq.Or):
        bits = 0
        for sub in query.subqueries:
            bits |= matching(searcher, sub)
        return bits
    if isinstance(query, wq.AndNot):
        return matching(searcher, query.a) & ~matching(searcher, query.b)
    # Phrases, fuzzy terms, prefixes, ranges: Whoosh finds the documents.
    return _documents(searcher, query)


def matched_counts(searcher: Searcher, sets: list[int]) -> np.ndarray:
    """For every document, in how many of `sets` it is."""
    size = searcher.doc_count_all()
    return np.sum([as_mask(bits, size) for bits in sets], axis=0, dtype=np.int32)


def at_least(searcher: Searcher, sets: list[int], minimum: int) -> int:
    """The documents in at least `minimum` of `sets`."""
    kept = matched_counts(searcher, sets) >= minimum
    return int.from_bytes(np.packbits(kept, bitorder="little").tobytes(), "little")


def allowed(searcher: Searcher, query: wq.Query) -> BitSet:
    """The documents `query` matches as a Whoosh id set, for `searcher.search(filter=...)`:
    Whoosh would otherwise evaluate the filter query again on every search."""
    return remember(
        searcher,
        ("allowed", query),
        lambda: id_set(matching(searcher, query), searcher.doc_count_all()),
    )


def counts_by_term(searcher: Searcher, fieldname: str, within: int) -> tuple[dict, int]:
    """For each term of a field, how many documents of `within` have it; and how many of
    `within` have no term in the field at all."""
    counts, union = {}, 0
    lexicon = remember(searcher, ("lexicon", fieldname), lambda: list(searcher.lexicon(fieldname)))
    for text in lexicon:
        bits = term(searcher, fieldname, text)
        union |= bits
        n = (within & bits).bit_count()
        if n:
            counts[text] = n
    return counts, (within & ~union).bit_count()


def as_mask(bits: int, size: int) -> np.ndarray:
    """A bitset as a boolean vector of `size` documents."""
    packed = np.frombuffer(bits.to_bytes((size + 7) // 8, "little"), dtype=np.uint8)
    return np.unpackbits(packed, bitorder="little", count=size).astype(bool)


def ids(bits: int) -> list[int]:
    """The document numbers in a set, ascending."""
    return np.flatnonzero(as_mask(bits, bits.bit_length())).tolist()


def id_set(bits: int, size: int) -> BitSet:
    """A bitset as the id set Whoosh's collectors filter with."""
    return BitSet(ids(bits), size=size)
