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


@dataclass(frozen=True)
class Matrices:
    visitors: tuple[Visitor, ...]  # sorted by id: rows
    hosts: tuple[Host, ...]  # sorted by id: columns
    breaks: dict[str, np.ndarray]  # rule → bool matrix, True where the pair breaks it
    feasible: np.ndarray  # bool: breaks no rule
    parts: dict[str, np.ndarray]  # part → points (broadcastable to the score's shape)
    score: np.ndarray  # the parts' sum


def _incidence(sets: list, vocabulary: dict[str, int]) -> sparse.csr_matrix:
    rows, columns = [], []
    for row, items in enumerate(sets):
        for item in items:
            rows.append(row)
            columns.append(vocabulary.setdefault(item, len(vocabulary)))
    data = np.ones(len(rows), dtype=np.float32)  # counts are exact in float32, at half the size
    return sparse.csr_matrix((data, (rows, columns)), shape=(len(sets), max(len(vocabulary), 1)))


def _shared(left: list, right: list) -> np.ndarray:
    """How many items each left set shares with each right set (dense, rows × columns)."""
    vocabulary: dict[str, int] = {}
    a = _incidence(left, vocabulary)
    b = _incidence(right, vocabulary)
    a.resize((a.shape[0], max(len(vocabulary), 1)))
    b.resize((b.shape[0], max(len(vocabulary), 1)))
    return np.asarray((a @ b.T).todense())


def _overlap_share(left: list, right: list) -> np.ndarray:
    """Jaccard similarity of each pair of sets (0 where both are empty)."""
    shared = _shared(left, right)
    union = np.array([len(s) for s in left])[:, None] + np.array([len(s) for s in right])[None, :]
    union = union - shared
    share = np.zeros(shared.shape)
    return np.divide(shared, union, out=share, where=union > 0, dtype=np.float64)


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
            else _shared([v.languages for v in visitors], [h.languages for h in hosts]) == 0
        ),
        NO_DATE_OVERLAP: np.broadcast_to((v_from > h_until) | (h_from > v_until), shape),
        EXCLUDED: excluded,
        SAME_COUNTRY: same_country if rules.cross_border_required else np.zeros(shape, bool),
    }
    feasible = ~np.logical_or.reduce([breaks[rule] for rule in RULES])

    challenge = _shared([{v.challenge} for v in visitors], [set(h.challenges) for h in hosts]) > 0
    none = "\x00"  # a host that shows no challenge has no priority
    v_challenge, h_first = codes(
        [v.challenge for v in visitors], [h.challenges[0] if h.challenges else none for h in hosts]
    )
    priority = np.broadcast_to(v_challenge == h_first, shape)
    cross_border = 0.0 if rules.cross_border_required else weights.cross_border
    parts = {
        "shared challenge": weights.shared_challenge * challenge,
        "host's priority": weights.priority * (challenge & priority),
        "context": weights.context
        * _overlap_share([v.settings for v in visitors], [h.settings for h in hosts]),
        "statement keywords": weights.keywords
        * _overlap_share([v.keywords for v in visitors], [h.keywords for h in hosts]),
        "reciprocity": weights.reciprocity
        * (_shared([v.shows for v in visitors], [h.wants for h in hosts]) > 0),
        "continuity": weights.continuity
        * (_shared([v.past_hosts for v in visitors], [{h.organisation} for h in hosts]) > 0),
        "cross-border": cross_border * ~same_country,
    }
    # Parts stay as computed (some are one row or one column, broadcast): the score is their
    # sum, and a pair's explanation reads its own cells.
    score = np.zeros(shape)
    for name in PARTS:
        score += parts[name]
    return Matrices(visitors, hosts, breaks, feasible, parts, score)
