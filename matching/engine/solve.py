"""The optimal assignment of visitors to host places, explained.

Objective: the highest total score, over pairs that break no hard rule and fill no host beyond
its capacity. A pair is made only if it adds to the total (a score above zero), so the greedy
baseline's pairs are always a candidate and the optimum is never below it. Each host's capacity
becomes that many columns ("slots"); the k-th place taken at one host costs `spreading × k`, so
places spread across organisations. Forced pairs are placed first, the rest around them.

Up to DENSE_CELLS visitor × slot cells, SciPy's linear_sum_assignment solves the full matrix:
the result is the exact optimum. Beyond that, each visitor keeps their CANDIDATES best hosts and
SciPy's sparse min_weight_full_bipartite_matching solves that graph (optimal on it; the
benchmark compares it with the greedy total)."""

import numpy as np
from scipy import sparse
from scipy.optimize import linear_sum_assignment
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from matching.engine.matrix import PARTS, ROWS_PER_BLOCK, RULES, Matrices, build
from matching.engine.model import Pair, Part, Problem, Result, Unmatched

DENSE_CELLS = 25_000_000
CANDIDATES = 20
ALTERNATES = 3


class ForcedPairError(ValueError):
    """A forced pair that names no one, breaks a hard rule or overfills a host."""


def solve(problem: Problem) -> Result:
    m = build(problem)
    spreading = problem.weights.spreading
    capacity = np.array([host.capacity for host in m.hosts], dtype=np.int64)
    start, forced = _place_forced(m, problem, capacity)
    used = np.bincount(start[start >= 0], minlength=len(m.hosts))
    free = np.flatnonzero(start < 0)
    slot_host, slot_rank = _slots(capacity - used, used)
    dense = len(free) * len(slot_host) <= DENSE_CELLS
    candidates = _candidates(m, free, capacity - used, None if dense else CANDIDATES)
    assigned = start.copy()
    if dense:
        assigned[free] = _solve_dense(m, free, slot_host, slot_rank, spreading)
    else:
        assigned[free] = _solve_sparse(m, free, candidates, slot_host, slot_rank, spreading)
    pairs = _pairs(m, assigned, forced, spreading)
    greedy = _greedy(m, start, used, capacity, candidates, spreading)
    return Result(
        pairs=pairs,
        unmatched=_unmatched(m, assigned, capacity, spreading),
        alternates=_alternates(m, assigned),
        total=round(sum(pair.score for pair in pairs), 9),
        greedy_total=_total(m, greedy, spreading),
    )


def _place_forced(m: Matrices, problem: Problem, capacity) -> tuple[np.ndarray, set[int]]:
    rows = {visitor.id: row for row, visitor in enumerate(m.visitors)}
    columns = {host.id: column for column, host in enumerate(m.hosts)}
    assigned = np.full(len(m.visitors), -1, dtype=np.int64)
    used = np.zeros(len(m.hosts), dtype=np.int64)
    forced = set()
    for visitor_id, host_id in sorted(problem.rules.forced):
        if visitor_id not in rows or host_id not in columns:
            raise ForcedPairError(f"forced pair {visitor_id} → {host_id}: no such person")
        row, column = rows[visitor_id], columns[host_id]
        broken = [rule for rule in RULES if m.breaks[rule][row, column]]
        if broken:
            raise ForcedPairError(
                f"forced pair {visitor_id} → {host_id} breaks: {', '.join(broken)}"
            )
        if assigned[row] >= 0:
            raise ForcedPairError(f"{visitor_id} is forced onto two hosts")
        if used[column] >= capacity[column]:
            raise ForcedPairError(f"forced pairs overfill {host_id}")
        assigned[row] = column
        used[column] += 1
        forced.add(row)
    return assigned, forced


def _slots(remaining, used) -> tuple[np.ndarray, np.ndarray]:
    """One column per free place: its host, and how many places that host has taken before it."""
    slot_host = np.repeat(np.arange(len(remaining)), remaining)
    first = np.cumsum(remaining) - remaining
    slot_rank = np.arange(len(slot_host)) - np.repeat(first, remaining) + np.repeat(used, remaining)
    return slot_host, slot_rank


def _solve_dense(m, free, slot_host, slot_rank, spreading) -> np.ndarray:
    chosen = np.full(len(free), -1, dtype=np.int64)
    if len(free) == 0 or len(slot_host) == 0:
        return chosen
    value = m.score[np.ix_(free, slot_host)] - spreading * slot_rank[None, :]
    worth = m.feasible[np.ix_(free, slot_host)] & (value > 0)
    rows, columns = linear_sum_assignment(np.where(worth, -value, 0.0))
    keep = worth[rows, columns]
    chosen[rows[keep]] = slot_host[columns[keep]]
    return chosen


def _candidates(m: Matrices, free, remaining, limit: int | None) -> list[np.ndarray]:
    """Each free visitor's feasible hosts with a place left and a score above zero, best first
    (ties by host id), at most `limit` of them."""
    has_room = (remaining > 0)[None, :]
    candidates = []
    for start in range(0, len(free), ROWS_PER_BLOCK):
        rows = free[start : start + ROWS_PER_BLOCK]
        score = m.score[rows]
        allowed = m.feasible[rows] & has_room & (score > 0)
        candidates.extend(_best(np.where(allowed, score, -np.inf), limit))
    return candidates


def _best(masked: np.ndarray, limit: int | None) -> list[np.ndarray]:
    """Per row, the columns of its finite values, highest first (ties by column), at most
    `limit` of them."""
    if limit is not None and limit < masked.shape[1]:
        shortlist = np.argpartition(-masked, limit - 1, axis=1)[:, :limit]
    else:
        shortlist = np.broadcast_to(np.arange(masked.shape[1]), masked.shape)
    values = np.take_along_axis(masked, shortlist, axis=1)
    order = np.lexsort((shortlist, -values), axis=-1)  # best first, ties by column
    shortlist = np.take_along_axis(shortlist, order, axis=1)
    keep = np.isfinite(np.take_along_axis(values, order, axis=1))
    return [row[kept] for row, kept in zip(shortlist, keep, strict=True)]


def _solve_sparse(m, free, candidates, slot_host, slot_rank, spreading) -> np.ndarray:
    """The same assignment on each visitor's candidates only, with SciPy's sparse solver.

    The solver matches every node of one side (the rows), so each row also gets a column of
    its own meaning "unmatched". The smaller side is made the rows: with 10,000 visitors for
    6,000 places, visitors as rows took 1.6-2.1 s (4,000 of them must end on their own
    column, each after a long search), places as rows 0.12 s, for the same optimum."""
    first_slot = np.searchsorted(slot_host, np.arange(len(m.hosts)))
    slots_of = np.bincount(slot_host, minlength=len(m.hosts))
    # Every (visitor, candidate host) pair, then every free slot of that host: arrays, no loop.
    pair_row = np.repeat(np.arange(len(free)), [len(hosts) for hosts in candidates])
    pair_host = np.concatenate(candidates) if len(candidates) else np.zeros(0, dtype=np.int64)
    per_pair = slots_of[pair_host]
    edge_pair = np.repeat(np.arange(len(pair_host)), per_pair)
    offset = np.arange(len(edge_pair)) - np.repeat(np.cumsum(per_pair) - per_pair, per_pair)
    edge_slot = first_slot[pair_host[edge_pair]] + offset
    edge_visitor = pair_row[edge_pair]
    value = m.score[free[edge_visitor], pair_host[edge_pair]] - spreading * slot_rank[edge_slot]
    worth = value > 0
    edge_visitor, edge_slot, value = edge_visitor[worth], edge_slot[worth], value[worth]
    chosen = np.full(len(free), -1, dtype=np.int64)
    if not len(value):
        return chosen
    slots_are_rows = len(slot_host) < len(free)
    rows, columns = (edge_slot, edge_visitor) if slots_are_rows else (edge_visitor, edge_slot)
    n_rows, n_columns = (
        (len(slot_host), len(free)) if slots_are_rows else (len(free), len(slot_host))
    )
    ceiling = float(value.max()) + 1.0  # every cost stays above zero
    own = np.arange(n_rows)
    graph = sparse.csr_matrix(
        (
            np.concatenate([ceiling - value, np.full(n_rows, ceiling)]),
            (np.concatenate([rows, own]), np.concatenate([columns, n_columns + own])),
        ),
        shape=(n_rows, n_columns + n_rows),
    )
    matched = min_weight_full_bipartite_matching(graph)[1]
    placed = matched < n_columns
    if slots_are_rows:
        chosen[matched[placed]] = slot_host[own[placed]]
    else:
        chosen[own[placed]] = slot_host[matched[placed]]
    return chosen


def _ranked(m: Matrices, assigned) -> tuple[np.ndarray, np.ndarray]:
    """The assigned rows, and each one's place at its host (0 for the first). At a host with
    several visitors the best-scoring pair takes the first place, so the spreading cost falls
    on the pairs that added least."""
    rows = np.flatnonzero(assigned >= 0)
    hosts = assigned[rows]
    order = np.lexsort((rows, -m.score[rows, hosts], hosts))
    ranked_hosts = hosts[order]
    first_of_host = np.searchsorted(ranked_hosts, ranked_hosts)  # sorted by host: a host's first
    rank = np.empty(len(rows), dtype=np.int64)
    rank[order] = np.arange(len(rows)) - first_of_host
    return rows, rank


def _total(m: Matrices, assigned, spreading: float) -> float:
    """The total of an assignment, each pair's score rounded as its explanation rounds it
    (`_pairs`), without building the explanations."""
    rows, rank = _ranked(m, assigned)
    scores = m.score[rows, assigned[rows]].tolist()
    return round(
        sum(
            round(score - spreading * place if place and spreading else score, 9)
            for score, place in zip(scores, rank.tolist(), strict=True)
        ),
        9,
    )


def _pairs(m: Matrices, assigned, forced: set[int], spreading: float) -> tuple[Pair, ...]:
    """The pairs, by visitor id, each score broken into its parts (places as `_ranked`)."""
    rows, rank = _ranked(m, assigned)
    hosts = assigned[rows]
    points = {name: m.points(name, rows, hosts) for name in PARTS}
    pairs = []
    for i, row in enumerate(rows.tolist()):
        parts = [Part(name, float(points[name][i])) for name in PARTS]
        parts = [part for part in parts if part.points]
        if rank[i] and spreading:
            parts.append(Part("spreading", -spreading * int(rank[i])))
        pairs.append(
            Pair(
                visitor=m.visitors[row].id,
                host=m.hosts[int(hosts[i])].id,
                score=round(sum(part.points for part in parts), 9),
                parts=tuple(parts),
                forced=row in forced,
            )
        )
    return tuple(pairs)


def _unmatched(m: Matrices, assigned, capacity, spreading) -> tuple[Unmatched, ...]:
    result = []
    for row in np.flatnonzero(assigned < 0):
        visitor = m.visitors[row]
        columns = np.arange(len(m.hosts))
        if not len(columns):
            result.append(Unmatched(visitor.id, "no host in the round", None, ()))
            continue
        if m.feasible[row].any():
            allowed = np.flatnonzero(m.feasible[row])
            best = int(allowed[np.lexsort((allowed, -m.score[row, allowed]))[0]])
            reason = "capacity" if m.score[row, best] > 0 else "no pair scores above zero"
            result.append(Unmatched(visitor.id, reason, m.hosts[best].id, ()))
            continue
        broken = np.array([m.breaks[rule][row] for rule in RULES])  # rules × hosts
        # The rule that leaves out the most hosts (the first listed, on a tie) is the reason.
        reason = RULES[int(np.argmax(broken.sum(axis=1)))]
        nearest = int(columns[np.lexsort((columns, -m.score[row], broken.sum(axis=0)))[0]])
        fails = tuple(rule for rule, hit in zip(RULES, broken[:, nearest], strict=True) if hit)
        result.append(Unmatched(visitor.id, reason, m.hosts[nearest].id, fails))
    return tuple(result)


def _alternates(m: Matrices, assigned) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each visitor's next best hosts (within the hard rules), best first."""
    if not len(m.hosts):
        return tuple((visitor.id, ()) for visitor in m.visitors)
    ids = [host.id for host in m.hosts]
    best = []
    for start in range(0, len(m.visitors), ROWS_PER_BLOCK):
        rows = np.arange(start, min(start + ROWS_PER_BLOCK, len(m.visitors)))
        masked = np.where(m.feasible[rows], m.score[rows], -np.inf)
        placed = assigned[rows] >= 0
        masked[np.flatnonzero(placed), assigned[rows][placed]] = -np.inf  # not their own host
        best.extend(_best(masked, min(ALTERNATES, len(m.hosts))))
    return tuple(
        (visitor.id, tuple(ids[column] for column in columns))
        for visitor, columns in zip(m.visitors, best, strict=True)
    )


def _greedy(m, start, used, capacity, candidates, spreading) -> np.ndarray:
    """The baseline: best-scoring pair first, while the visitor is free, the host has room and
    the pair still adds to the total."""
    assigned, taken = start.copy(), used.copy()
    free = np.flatnonzero(start < 0)
    if not len(free):
        return assigned
    rows = np.repeat(free, [len(hosts) for hosts in candidates])
    hosts = np.concatenate(candidates) if candidates else np.zeros(0, dtype=np.int64)
    scores = m.score[rows, hosts]
    order = np.lexsort((hosts, rows, -scores))
    room = int((capacity - taken).sum())
    for row, host, score in zip(
        rows[order].tolist(), hosts[order].tolist(), scores[order].tolist(), strict=True
    ):
        if room == 0:
            break
        if assigned[row] >= 0 or taken[host] >= capacity[host]:
            continue
        if score - spreading * taken[host] <= 0:
            continue
        assigned[row] = host
        taken[host] += 1
        room -= 1
    return assigned
