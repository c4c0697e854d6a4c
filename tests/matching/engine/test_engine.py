"""The matching engine without Django: explained pairs and misses, and, on random instances,
the brute-force optimum, no broken rule, no overfilled host, and the same answer in any order."""

import importlib
import itertools
import math
import random
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, timedelta
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from matching.engine import ForcedPairError, Host, Problem, Rules, Visitor, Weights, solve
from matching.engine.matrix import RULES, Matrices, build

START = date(2027, 3, 1)


def visitor(id, organisation="V", challenge="family-support", **fields):
    values = {
        "country": "AT",
        "languages": frozenset({"en"}),
        "available_from": START,
        "available_until": START + timedelta(days=30),
    }
    values.update(fields)
    return Visitor(id=id, organisation=organisation, challenge=challenge, **values)


def host(id, organisation="H", challenges=("family-support",), capacity=1, **fields):
    values = {
        "country": "NL",
        "languages": frozenset({"en"}),
        "window_from": START,
        "window_until": START + timedelta(days=30),
    }
    values.update(fields)
    return Host(
        id=id, organisation=organisation, challenges=challenges, capacity=capacity, **values
    )


def test_a_pair_is_explained_part_by_part():
    result = solve(
        Problem(
            visitors=(visitor("ana", settings=frozenset({"prison"}), past_hosts=frozenset({"H"})),),
            hosts=(host("port", settings=frozenset({"prison"})),),
            weights=Weights(continuity=2.0),
        )
    )
    (pair,) = result.pairs
    parts = {part.name: part.points for part in pair.parts}
    assert parts == {
        "shared challenge": 5.0,
        "host's priority": 1.0,
        "context": 3.0,
        "continuity": 2.0,
        "cross-border": 1.0,
    }
    assert pair.score == sum(parts.values()) == result.total


def test_an_unmatched_visitor_is_told_which_rule_and_the_nearest_miss():
    result = solve(
        Problem(
            visitors=(visitor("bo", languages=frozenset({"fi"})),),
            hosts=(
                host("dutch", challenges=("x",), languages=frozenset({"nl"})),
                host("french", challenges=("x",), languages=frozenset({"fr"})),
                host("own", organisation="V", languages=frozenset({"fi"})),
            ),
        )
    )
    (miss,) = result.unmatched
    assert miss.reason == "no shared working language"
    assert miss.nearest_miss == "own" and miss.nearest_miss_fails == ("same organisation",)


def test_a_full_host_is_the_reason_when_every_rule_is_kept():
    result = solve(
        Problem(visitors=(visitor("a"), visitor("b", challenge="mentoring")), hosts=(host("one"),))
    )
    assert [(p.visitor, p.host) for p in result.pairs] == [("a", "one")]
    assert result.unmatched[0].reason == "capacity"


def test_forced_pairs_come_first_and_may_not_break_a_rule():
    visitors = (visitor("a"), visitor("b", challenge="mentoring"))
    hosts = (host("one"), host("two", challenges=("mentoring",)))
    result = solve(Problem(visitors, hosts, rules=Rules(forced=(("b", "one"),))))
    assert {(p.visitor, p.host, p.forced) for p in result.pairs} == {
        ("b", "one", True),
        ("a", "two", False),
    }
    with pytest.raises(ForcedPairError, match="same organisation"):
        solve(
            Problem(visitors, (host("own", organisation="V"),), rules=Rules(forced=(("a", "own"),)))
        )


def test_spreading_sends_the_second_visitor_elsewhere():
    visitors = (visitor("a"), visitor("b"))
    hosts = (host("big", capacity=2), host("small", challenges=("family-support", "x")))
    result = solve(Problem(visitors, hosts, weights=Weights(spreading=3.0)))
    assert {p.host for p in result.pairs} == {"big", "small"}


def test_the_optimum_beats_greedy_where_greedy_is_short_sighted():
    # Greedy gives a its best host and leaves b nothing; the optimum moves a.
    visitors = (visitor("a"), visitor("b", challenge="mentoring", country="NL"))
    hosts = (
        host("both", challenges=("family-support", "mentoring")),
        host("other", challenges=("x", "family-support")),
    )
    result = solve(Problem(visitors, hosts))
    assert len(result.pairs) == 2
    assert result.total > result.greedy_total


# --- random instances ----------------------------------------------------------------------


# The strategies are made once: made inside problems(), for each of some 1,200 instances, they
# cost more than solving the instances.
ORGANISATIONS = ["o1", "o2", "o3"]
CHALLENGES = ["c1", "c2", "c3"]


def two_of(items: list[str]) -> st.SearchStrategy:
    return st.frozensets(st.sampled_from(items), max_size=2)


ORGANISATION = st.sampled_from(ORGANISATIONS)
COUNTRY = st.sampled_from(["AT", "NL"])
CHALLENGE = st.sampled_from(CHALLENGES)
LANGUAGES = st.frozensets(st.sampled_from(["en", "de", "fr"]), min_size=1, max_size=2)
SETTINGS = two_of(["school", "prison"])
KEYWORDS = two_of(["online", "family", "youth"])
SOME_CHALLENGES = two_of(CHALLENGES)
SOME_ORGANISATIONS = two_of(ORGANISATIONS)
HOST_CHALLENGES = st.lists(CHALLENGE, max_size=2, unique=True)
FIRST_DAY, LENGTH = st.integers(0, 20), st.integers(0, 10)


@st.composite
def problems(draw) -> Problem:
    n_visitors = draw(st.integers(0, 5))
    n_hosts = draw(st.integers(0, 8 - n_visitors))

    def dates():
        start = draw(FIRST_DAY)
        return START + timedelta(days=start), START + timedelta(days=start + draw(LENGTH))

    visitors = []
    for n in range(n_visitors):
        first, last = dates()
        visitors.append(
            Visitor(
                id=f"v{n}",
                organisation=draw(ORGANISATION),
                country=draw(COUNTRY),
                challenge=draw(CHALLENGE),
                languages=draw(LANGUAGES),
                available_from=first,
                available_until=last,
                settings=draw(SETTINGS),
                keywords=draw(KEYWORDS),
                shows=draw(SOME_CHALLENGES),
                past_hosts=draw(SOME_ORGANISATIONS),
            )
        )
    hosts = []
    for n in range(n_hosts):
        first, last = dates()
        hosts.append(
            Host(
                id=f"h{n}",
                organisation=draw(ORGANISATION),
                country=draw(COUNTRY),
                challenges=tuple(draw(HOST_CHALLENGES)),
                languages=draw(LANGUAGES),
                window_from=first,
                window_until=last,
                capacity=draw(st.integers(1, 3)),
                settings=draw(SETTINGS),
                keywords=draw(KEYWORDS),
                wants=draw(SOME_CHALLENGES),
            )
        )
    weights = Weights(
        continuity=draw(st.sampled_from([-2.0, 0.0, 2.0])),
        spreading=draw(st.sampled_from([0.0, 1.0, 4.0])),
    )
    excluded = frozenset(
        (v.id, h.organisation) for v in visitors for h in hosts if draw(st.integers(0, 9)) == 0
    )
    rules = Rules(
        allow_interpretation=draw(st.booleans()),
        cross_border_required=draw(st.booleans()),
        excluded=excluded,
    )
    problem = Problem(tuple(visitors), tuple(hosts), weights, rules)
    # Sometimes a forced pair: one that keeps every rule (the engine refuses the others).
    m = build(problem)
    allowed = [
        (v.id, h.id)
        for i, v in enumerate(m.visitors)
        for j, h in enumerate(m.hosts)
        if m.feasible[i, j]
    ]
    if allowed and draw(st.booleans()):
        forced = (draw(st.sampled_from(allowed)),)
        problem = Problem(problem.visitors, problem.hosts, weights, replace(rules, forced=forced))
    return problem


def brute_force_total(problem: Problem, m: Matrices) -> float:
    """Every way to give each visitor a host or none, within the rules and capacities (`m`:
    the problem's matrices, built once per instance: most of the test's time is building)."""
    hosts = range(len(m.hosts))
    best = -math.inf  # a forced pair may score below zero
    options = [[None, *[h for h in hosts if m.feasible[v, h]]] for v in range(len(m.visitors))]
    for visitor_id, host_id in problem.rules.forced:
        row = next(i for i, v in enumerate(m.visitors) if v.id == visitor_id)
        options[row] = [next(j for j, h in enumerate(m.hosts) if h.id == host_id)]
    for choice in itertools.product(*options):
        load = [0] * len(m.hosts)
        total = 0.0
        for row, column in enumerate(choice):
            if column is not None:
                total += m.score[row, column] - problem.weights.spreading * load[column]
                load[column] += 1
        if all(load[h] <= m.hosts[h].capacity for h in hosts):
            best = max(best, total)
    return best


# Six seeded shards per path, which the test processes share (each well under the suite's 5 s
# per test; four of 156 took 4-6 s): 624 instances. Seeded: CI runs the same instances every
# time, so a failure is reproducible. To explore others, change the seeds.
SHARDS = 6
EXAMPLES_PER_SHARD = 104


@pytest.mark.parametrize("shard", range(SHARDS))
@pytest.mark.parametrize("path", ["dense", "sparse"])
def test_random_instances(path, shard):
    @seed(shard)
    @settings(
        max_examples=EXAMPLES_PER_SHARD,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(problems(), st.randoms(use_true_random=False))
    def instance(problem, shuffle):
        check_instance(path, problem, shuffle)

    instance()


def check_instance(path: str, problem: Problem, shuffle: random.Random) -> None:
    with solver_path(path):
        result = solve(problem)
    m = build(problem)
    # The optimum, never below greedy.
    assert result.total == pytest.approx(brute_force_total(problem, m), abs=1e-6)
    assert result.total >= result.greedy_total - 1e-9
    # No pair across a hard rule, no host beyond capacity, each visitor at most once.
    rows = {v.id: i for i, v in enumerate(m.visitors)}
    columns = {h.id: j for j, h in enumerate(m.hosts)}
    for pair in result.pairs:
        assert m.feasible[rows[pair.visitor], columns[pair.host]]
        assert pair.score == pytest.approx(sum(part.points for part in pair.parts))
        # The explanation adds up to the score the optimum was computed on.
        explained = sum(part.points for part in pair.parts if part.name != "spreading")
        assert explained == pytest.approx(m.score[rows[pair.visitor], columns[pair.host]])
    load = {}
    for pair in result.pairs:
        load[pair.host] = load.get(pair.host, 0) + 1
    assert all(load[h.id] <= h.capacity for h in problem.hosts if h.id in load)
    assert len({pair.visitor for pair in result.pairs}) == len(result.pairs)
    assert len(result.pairs) + len(result.unmatched) == len(problem.visitors)
    placed = {(pair.visitor, pair.host) for pair in result.pairs if pair.forced}
    assert placed == set(problem.rules.forced)
    for miss in result.unmatched:
        assert miss.reason in (
            *RULES,
            "capacity",
            "no pair scores above zero",
            "no host in the round",
        )
    # The same answer in any order.
    visitors, hosts = list(problem.visitors), list(problem.hosts)
    shuffle.shuffle(visitors)
    shuffle.shuffle(hosts)
    reordered = Problem(tuple(visitors), tuple(hosts), problem.weights, problem.rules)
    with solver_path(path):
        assert solve(reordered) == result


@contextmanager
def solver_path(path: str):
    """The dense solver (what instances this small get), or the sparse one that large rounds
    get, keeping every candidate so that its optimum is the true one. The sparse solver makes
    the smaller side its rows: the random instances have more visitors than places, or fewer."""
    solve_module = importlib.import_module("matching.engine.solve")
    if path == "dense":
        yield
        return
    with (
        mock.patch.object(solve_module, "DENSE_CELLS", 0),
        mock.patch.object(solve_module, "CANDIDATES", 1_000),
    ):
        yield


def test_the_sparse_solver_agrees_with_the_dense_one(monkeypatch):
    """Past DENSE_CELLS the engine solves on each visitor's best candidates; when that keeps
    every candidate, the optimum is the same."""
    solve_module = importlib.import_module("matching.engine.solve")

    generator = random.Random(7)
    visitors = tuple(
        visitor(
            f"v{n:03d}",
            organisation=f"o{n % 9}",
            challenge=generator.choice("abc"),
            settings=frozenset(generator.sample(["school", "prison", "family"], 2)),
        )
        for n in range(60)
    )
    hosts = tuple(
        host(
            f"h{n:03d}",
            organisation=f"o{n % 7}",
            challenges=tuple(generator.sample("abc", 2)),
            capacity=generator.randint(1, 4),
            settings=frozenset({generator.choice(["school", "prison"])}),
        )
        for n in range(15)
    )
    problem = Problem(visitors, hosts)
    dense = solve(problem)
    monkeypatch.setattr(solve_module, "DENSE_CELLS", 0)
    monkeypatch.setattr(solve_module, "CANDIDATES", 100)
    sparse = solve(problem)
    assert sparse.total == pytest.approx(dense.total)
    assert len(sparse.pairs) == len(dense.pairs)
