"""Document sets as Python integers (bit n set = document n matches), cached per searcher.

Counting and faceting only need *which* documents match, not their scores. Whoosh answers
that by walking postings in Python on every request (its facet collector even walks every
posting of a multi-valued field), which took 300-500 ms for the library's seven facets over
20,000 practices. Here each term's documents are read once per searcher into an integer;
after that a count is `(matches & term).bit_count()`, microseconds. A searcher is replaced
when a commit changes the index, which is exactly when its cache must go.
"""

from collections import OrderedDict

import numpy as np
from whoosh import query as wq
from whoosh.idsets import BitSet
from whoosh.searching import Searcher

CACHE_SIZE = 4096  # sets of 20,000 documents are 2.5 kB each: 10 MB at most per index


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
    return remember(
        searcher,
        ("term", fieldname, text),
        lambda: from_ids(
            searcher.docs_for_query(wq.Term(fieldname, text)), searcher.doc_count_all()
        ),
    )


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
    if isinstance(query, wq.Or):
        bits = 0
        for sub in query.subqueries:
            bits |= matching(searcher, sub)
        return bits
    if isinstance(query, wq.AndNot):
        return matching(searcher, query.a) & ~matching(searcher, query.b)
    # Phrases, fuzzy terms, prefixes, ranges: Whoosh finds the documents, once per searcher.
    return remember(
        searcher,
        ("query", query),
        lambda: from_ids(searcher.docs_for_query(query), searcher.doc_count_all()),
    )


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
    for text in searcher.lexicon(fieldname):
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
