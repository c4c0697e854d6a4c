"""Relevance ranking of word queries on cached per-term score vectors (NumPy).

Whoosh ranks by walking every posting of every searched column in Python on each request: a
two-word query over the practice's six text columns took 120 ms at 20,000 practices. The
score of a document for one term does not change until the index does, so each term's BM25F
scores are worked out once per searcher into a vector, from the posting list's blocks as arrays
(Whoosh's own formula and statistics: the same figures its search gives, checked in
tests/cms/search/test_whoosh_ranking.py); a query is then a few vector additions and a partial
sort.

Only queries built from terms and phrases with AND, OR and NOT are ranked this way (what the query
compiler makes of plain text, synonyms among them); fuzzy terms and prefixes are ranked by Whoosh.
"""

import numpy as np
from whoosh import collectors, scoring
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.columns import NumericColumn
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from modelsearch_whoosh import bitsets
from modelsearch_whoosh.query import WhooshAtLeast

CACHE_SIZE = 256  # vectors of 20,000 documents are 160 kB each: 40 MB at most per index


def supports(query: wq.Query) -> bool:
    # Exact types: subclasses (FuzzyTerm, DisjunctionMax...) match or score differently.
    if type(query) in (wq.Term, wq.Phrase, wq.Every, wq.NullQuery.__class__):
        return True
    if type(query) in (wq.And, wq.Or, WhooshAtLeast):
        return all(supports(sub) for sub in query.subqueries)
    if type(query) is wq.AndNot:
        return supports(query.a)  # the excluded part only removes documents
    return False


def top(
    searcher: Searcher, query: wq.Query, allowed: int, start: int, stop: int | None
) -> list[tuple[int, float]]:
    """(document number, score) of the hits `start:stop` of `query` among the documents in
    `allowed` (a bitset), best first; equal scores in document order, as Whoosh ranks them."""
    if not searcher.doc_count_all():  # an empty index (Whoosh's idf of nothing fails)
        return []
    if not supports(query):
        return _whoosh_top(searcher, query, allowed, start, stop)
    hits = bitsets.matching(searcher, query) & allowed
    candidates = np.flatnonzero(bitsets.as_mask(hits, searcher.doc_count_all()))
    found = _scores(searcher, query)[candidates]
    if stop is not None and len(found) > stop:
        # Keep only what can reach the top `stop`: every score at least the stop-th best.
        threshold = np.partition(found, len(found) - stop)[len(found) - stop]
        keep = found >= threshold
        candidates, found = candidates[keep], found[keep]
    order = np.lexsort((candidates, -found))[start:stop]
    return [(int(candidates[i]), float(found[i])) for i in order]


def _whoosh_top(searcher, query, allowed: int, start, stop) -> list[tuple[int, float]]:
    """Whoosh's own ranking, without its top-N shortcuts: replacing a matcher by a cheaper one
    once the top N seems out of its reach loses better hits in later segments of an index
    with several (which every rebuild makes), and so may skipping blocks by their quality."""
    ranked = (
        collectors.UnlimitedCollector()
        if stop is None
        else collectors.TopCollector(limit=stop, usequality=False, replace=0)
    )
    permitted = bitsets.id_set(allowed, searcher.doc_count_all())
    collector = collectors.FilterCollector(ranked, allow=permitted)
    searcher.search_with_collector(query, collector)
    return [(hit.docnum, hit.score) for hit in collector.results()[start:stop]]


def _scores(searcher: Searcher, query: wq.Query) -> np.ndarray:
    """Every document's score for `query`, meaningful where it matches (`bitsets.matching`
    says where): the sum of its terms' scores, as Whoosh's matchers add them up (an AND adds
    all its parts, an OR the parts that match, which is the same sum when a term that does
    not match a document scores 0 there). Cached per searcher: a query comes back for each
    page and filter."""

    def compute():
        scores = _sum_scores(searcher, query)
        scores.setflags(write=False)  # shared through the cache
        return scores

    return bitsets.remember(
        searcher,
        ("scores", query),
        compute,
        cache="_scores",
        size=CACHE_SIZE,
    )


def _sum_scores(searcher: Searcher, query: wq.Query) -> np.ndarray:
    if isinstance(query, wq.Term) and query.boost != 1.0:
        return _scores(searcher, wq.Term(query.fieldname, query.text)) * query.boost
    if isinstance(query, wq.Term):
        return _read_term_scores(searcher, query.fieldname, query.text)
    if isinstance(query, wq.Phrase):  # few documents: Whoosh reads the phrase's own matches
        return _read_scores(searcher, query)
    if isinstance(query, wq.Every):
        return np.full(searcher.doc_count_all(), query.boost)
    if isinstance(query, wq.AndNot):
        return _scores(searcher, query.a)
    parts = [_scores(searcher, sub) for sub in getattr(query, "subqueries", ())]
    if not parts:
        return np.zeros(searcher.doc_count_all())
    if isinstance(query, WhooshAtLeast):
        # Ranked first by how many of the parts a document matches, then by its score: one
        # that has all the words comes before one that has most, however often those few
        # occur in it (the scores, scaled below 1, only order documents with as many). Also
        # when one part is enough: the site widens a search that found few that way.
        sets = [bitsets.matching(searcher, sub) for sub in query.subqueries]
        scores = np.sum(parts, axis=0)
        top = scores.max()
        return bitsets.matched_counts(searcher, sets) + (scores / (2 * top) if top > 0 else 0)
    return np.sum(parts, axis=0)


def _read_term_scores(searcher: Searcher, fieldname: str, text) -> np.ndarray:
    """Each document's score for one term (0 where it does not occur), with the whole index's
    statistics: BM25F over whole blocks of postings at once where Whoosh would score with it,
    else with the matcher Whoosh's search would use, one posting at a time (a Python call per
    posting was two thirds of a new three-word search at 20,000 practices)."""
    scores = _bm25f_term_scores(searcher, fieldname, text)
    return scores if scores is not None else _read_scores(searcher, wq.Term(fieldname, text))


# Whoosh keeps a document's field length as one byte; this is the length each byte stands for.
LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=float)


def _bm25f_term_scores(searcher: Searcher, fieldname: str, text) -> np.ndarray | None:
    """`whoosh.scoring.BM25FScorer` for every posting of the term, as arrays. A deleted
    document may be scored here: it is never a candidate (`bitsets.matching` leaves it out)."""
    weighting = searcher.weighting
    field = searcher.schema[fieldname]
    if type(weighting) is not scoring.BM25F or not field.scorable:
        return None
    b = weighting._field_B.get(fieldname, weighting.B)
    k1 = weighting.K1
    idf = searcher.idf(fieldname, text)
    average_length = searcher.avg_field_length(fieldname) or 1
    scores = np.zeros(searcher.doc_count_all())
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        found = bitsets.term_postings(reader, wq.Term(fieldname, text))  # deletions included
        if found is None:
            return None
        ids, weights = found
        lengths = _field_lengths(searcher, offset, reader, fieldname)[ids]
        scores[offset + ids] = (
            idf * (weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * lengths / average_length))
        )
    return scores


def _field_lengths(searcher: Searcher, offset: int, reader, fieldname: str) -> np.ndarray:
    """Each document's length in the field, as Whoosh's scorer reads it (one byte each, read
    as one string): once per segment and field while the searcher lives."""

    def compute():
        count = reader.doc_count_all()
        column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        stored = np.zeros(count, dtype=np.uint8)  # a document without the field: length 0
        if isinstance(column, NumericColumn.Reader) and column._fixedlen == 1:
            written = min(column._count, count)
            raw = column._dbfile.get(column._basepos, written)
            stored[:written] = np.frombuffer(raw, dtype=np.uint8)
        elif column is not None:
            stored[:] = [column[docnum] for docnum in range(count)]
        return LENGTH_OF_BYTE[stored]

    return bitsets.remember(searcher, (offset, fieldname), compute, cache="_lengths", size=4096)


def _read_scores(searcher: Searcher, query: wq.Query) -> np.ndarray:
    scores = np.zeros(searcher.doc_count_all())
    context = searcher.context()
    for leaf, offset in searcher.leaf_searchers():
        matcher = query.matcher(leaf, context)
        while matcher.is_active():
            scores[offset + matcher.id()] = matcher.score()
            matcher.next()
    return scores
