"""Every visitor against every host at once, with NumPy: which hard rules each pair breaks, and
each named part of its score. Sets are compared through sparse incidence matrices, so the cost
is a few matrix products, not a Python loop over pairs."""

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from matching.engine.model import Host, Problem, Visitor

# The hard rules, in the order an explanation names them.
SAME_ORGANISATION = "same organisation"
NO_SHARED_LANGUAGE = "no shared working language"
NO_DATE_OVERLAP = "dates do not overlap"
EXCLUDED = "declared conflict or exclusion"
SAME_COUNTRY = "not cross-border"
RULES = (SAME_ORGANISATION, NO_SHARED_LANGUAGE, NO_DATE_OVERLAP, EXCLUDED, SAME_COUNTRY)

PARTS = (
    "shared challenge",
    "host's priority",
    "context",
    "statement keywords",
    "reciprocity",
    "continuity",
    "cross-border",
)


# Pair matrices at 10,000 × 1,500 are 120 MB each in float64: parts are kept as the booleans or
# set overlaps they weigh, and the overlaps are computed in blocks of rows, so the engine's
# memory is a few such matrices, not one per part (fresh memory costs page faults, which on
# this kind of machine took as long as the arithmetic).
ROWS_PER_BLOCK = 1024


@dataclass(frozen=True)
class Overlap:
    """Jaccard similarity of each visitor's set with each host's set, never held whole: it is
    added into the score block by block, and read cell by cell for an explanation."""

    left: sparse.csr_matrix  # visitors × items, 1 where the visitor's set holds the item
    right: sparse.csr_matrix  # hosts × items

    def blocks(self):
        """(rows, share) per block of visitors; share is float64, rows × hosts."""
        right = self.right.T.tocsr()
        left_sizes = np.asarray(self.left.sum(axis=1), dtype=np.float64)
        right_sizes = np.asarray(self.right.sum(axis=1), dtype=np.float64).T
        for start in range(0, self.left.shape[0], ROWS_PER_BLOCK):
            rows = slice(start, start + ROWS_PER_BLOCK)
            shared = (self.left[rows] @ right).toarray().astype(np.float64)
            yield rows, _share(shared, left_sizes[rows] + right_sizes - shared)

    def at(self, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """The similarity of the pairs (rows[i], columns[i])."""
        left, right = self.left[rows], self.right[columns]
        shared = np.asarray(left.multiply(right).sum(axis=1), dtype=np.float64).ravel()
        union = (
            np.asarray(left.sum(axis=1), dtype=np.float64).ravel()
            + np.asarray(right.sum(axis=1), dtype=np.float64).ravel()
            - shared
        )
        return _share(shared, union)


def _share(shared: np.ndarray, union: np.ndarray) -> np.ndarray:
    """shared / union, 0 where both sets are empty."""
    return np.divide(shared, union, out=np.zeros(shared.shape), where=union > 0)


@dataclass(frozen=True)
class Matrices:
    visitors: tuple[Visitor, ...]  # sorted by id: rows
    hosts: tuple[Host, ...]  # sorted by id: columns
    breaks: dict[str, np.ndarray]  # rule → bool matrix, True where the pair breaks it
    feasible: np.ndarray  # bool: breaks no rule
    parts: dict[str, tuple[float, np.ndarray | Overlap]]  # part → (weight, what it weighs)
    score: np.ndarray  # the weighted parts' sum

    def points(self, name: str, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """Part `name`'s points for the pairs (rows[i], columns[i])."""
        weight, factor = self.parts[name]
        if isinstance(factor, Overlap):
            return weight * factor.at(rows, columns)
        return weight * np.broadcast_to(factor, self.score.shape)[rows, columns]


def _incidence(sets: list, vocabulary: dict[str, int]) -> sparse.csr_matrix:
    rows, columns = [], []
    for row, items in enumerate(sets):
        for item in items:
            rows.append(row)
            columns.append(vocabulary.setdefault(item, len(vocabulary)))
    data = np.ones(len(rows), dtype=np.float32)  # counts are exact in float32, at half the size
    return sparse.csr_matrix((data, (rows, columns)), shape=(len(sets), max(len(vocabulary), 1)))


def _incidences(left: list, right: list) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """The two sides' sets as incidence matrices over one shared vocabulary."""
    vocabulary: dict[str, int] = {}
    a = _incidence(left, vocabulary)
    b = _incidence(right, vocabulary)
    a.resize((a.shape[0], max(len(vocabulary), 1)))
    b.resize((b.shape[0], max(len(vocabulary), 1)))
    return a, b


def _shares_any(left: list, right: list) -> np.ndarray:
    """Whether each left set shares an item with each right set (bool, rows × columns)."""
    a, b = _incidences(left, right)
    return (a @ b.T).toarray() > 0


def build(problem: Problem) -> Matrices:
    visitors = tuple(sorted(problem.visitors, key=lambda v: v.id))
    hosts = tuple(sorted(problem.hosts, key=lambda h: h.id))
    weights, rules = problem.weights, problem.rules

    def codes(values_left, values_right):
        vocabulary = {value: n for n, value in enumerate(sorted({*values_left, *values_right}))}
        return (
            np.array([vocabulary[v] for v in values_left], dtype=np.int64)[:, None],
            np.array([vocabulary[v] for v in values_right], dtype=np.int64)[None, :],
        )

    v_org, h_org = codes([v.organisation for v in visitors], [h.organisation for h in hosts])
    v_country, h_country = codes([v.country for v in visitors], [h.country for h in hosts])
    v_from = np.array([v.available_from.toordinal() for v in visitors])[:, None]
    v_until = np.array([v.available_until.toordinal() for v in visitors])[:, None]
    h_from = np.array([h.window_from.toordinal() for h in hosts])[None, :]
    h_until = np.array([h.window_until.toordinal() for h in hosts])[None, :]
    shape = (len(visitors), len(hosts))

    excluded = np.zeros(shape, dtype=bool)
    if rules.excluded:
        visitor_rows = {visitor.id: row for row, visitor in enumerate(visitors)}
        by_organisation: dict[str, list[int]] = {}
        for column, host in enumerate(hosts):
            by_organisation.setdefault(host.organisation, []).append(column)
        for visitor_id, organisation in rules.excluded:
            if visitor_id in visitor_rows:
                excluded[visitor_rows[visitor_id], by_organisation.get(organisation, [])] = True
    same_country = np.broadcast_to(v_country == h_country, shape)
    breaks = {
        SAME_ORGANISATION: np.broadcast_to(v_org == h_org, shape),
        NO_SHARED_LANGUAGE: (
            np.zeros(shape, dtype=bool)
            if rules.allow_interpretation
            else ~_shares_any([v.languages for v in visitors], [h.languages for h in hosts])
        ),
        NO_DATE_OVERLAP: np.broadcast_to((v_from > h_until) | (h_from > v_until), shape),
        EXCLUDED: excluded,
        SAME_COUNTRY: same_country if rules.cross_border_required else np.zeros(shape, bool),
    }
    feasible = ~np.logical_or.reduce([breaks[rule] for rule in RULES])

    challenge = _shares_any([{v.challenge} for v in visitors], [set(h.challenges) for h in hosts])
    none = "\x00"  # a host that shows no challenge has no priority
    v_challenge, h_first = codes(
        [v.challenge for v in visitors], [h.challenges[0] if h.challenges else none for h in hosts]
    )
    priority = np.broadcast_to(v_challenge == h_first, shape)
    cross_border = 0.0 if rules.cross_border_required else weights.cross_border
    parts = {
        "shared challenge": (weights.shared_challenge, challenge),
        "host's priority": (weights.priority, challenge & priority),
        "context": (
            weights.context,
            Overlap(*_incidences([v.settings for v in visitors], [h.settings for h in hosts])),
        ),
        "statement keywords": (
            weights.keywords,
            Overlap(*_incidences([v.keywords for v in visitors], [h.keywords for h in hosts])),
        ),
        "reciprocity": (
            weights.reciprocity,
            _shares_any([v.shows for v in visitors], [h.wants for h in hosts]),
        ),
        "continuity": (
            weights.continuity,
            _shares_any([v.past_hosts for v in visitors], [{h.organisation} for h in hosts]),
        ),
        "cross-border": (cross_border, ~same_country),
    }
    # Added in the order of PARTS, each where it applies (a bool part) or block by block (an
    # overlap): no weighted copy of a part is ever made.
    score = np.zeros(shape)
    for name in PARTS:
        weight, factor = parts[name]
        if not weight:
            continue
        if isinstance(factor, Overlap):
            for rows, share in factor.blocks():
                score[rows] += weight * share
        else:
            np.add(score, weight, out=score, where=np.broadcast_to(factor, shape))
    return Matrices(visitors, hosts, breaks, feasible, parts, score)
