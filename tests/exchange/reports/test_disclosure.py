"""Disclosure control: crafted tables for each rule, and a property test (Hypothesis) that no
hidden cell of any table can be worked out from what is shown. The attacker's view is an
integer program: every hidden cell a whole number of people, at least 0, each row and column
adding up to its total, the shown cells fixed; a hidden cell is disclosed when its smallest and
largest possible values are the same (scipy's milp finds both)."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from exchange.reports.disclosure import (
    NOT_ADDITIVE,
    PROTECTS,
    SAME_ANSWER,
    SMALL,
    SMALL_GROUP,
    Link,
    SafeTable,
    Table,
    _protect_linked,
    protect,
    protect_linked,
)


def table(counts):
    rows = [f"group {i}" for i in range(len(counts))]
    columns = [f"answer {j}" for j in range(len(counts[0]))]
    return protect("A table", rows, columns, counts)


def shown(safe: SafeTable):
    return [[cell.value for cell in row] for row in safe.cells]


def possible_range(safe: SafeTable, target: tuple[int, int]) -> tuple[float, float]:
    """The smallest and largest value the hidden cell `target` can take, given what is shown."""
    return possible_range_linked([safe], [], (0, *target))


def assert_none_worked_out(safes, links) -> None:
    """No hidden cell of the tables can be pinned down from what they show and the links."""
    for t, safe in enumerate(safes):
        for i, row in enumerate(safe.cells):
            for j, cell in enumerate(row):
                if cell.hidden:
                    low, high = possible_range_linked(safes, links, (t, i, j))
                    assert low < high, (safe.title, i, j)


def test_a_count_of_one_to_four_people_is_hidden_and_cannot_be_recovered():
    safe = table([[12, 3, 9], [8, 10, 7]])
    assert safe.cells[0][1].value is None and safe.cells[0][1].reason == SMALL
    # The row and column totals would give it away: other cells are hidden with it.
    assert sum(cell.hidden for cell in safe.cells[0]) >= 2
    assert sum(row[1].hidden for row in safe.cells) >= 2
    reasons = {cell.reason for row in safe.cells for cell in row if cell.hidden}
    assert reasons == {SMALL, PROTECTS}
    low, high = possible_range(safe, (0, 1))
    assert low < high


def test_a_small_group_shows_nothing_not_even_its_zeros():
    safe = table([[0, 2, 1], [9, 6, 8], [7, 5, 6]])
    assert all(cell.hidden and cell.reason == SMALL_GROUP for cell in safe.cells[0])


def test_a_group_that_all_answered_alike_shows_only_its_size():
    safe = table([[0, 0, 7], [6, 5, 9], [8, 7, 5]])
    assert safe.row_total(0).value == 7
    assert all(cell.hidden and cell.reason == SAME_ANSWER for cell in safe.cells[0][:-1])
    assert safe.share(0, 2) is None and safe.mean(0, [1, 2, 3]) is None
    for j in range(3):
        low, high = possible_range(safe, (0, j))
        assert low < high


def test_a_table_without_small_counts_is_shown_whole_with_shares_and_means():
    safe = table([[10, 5, 5], [6, 7, 8]])
    assert not any(cell.hidden for row in safe.cells for cell in row)
    assert safe.grand_total.value == 41 and safe.share(0, 0) == 50.0
    assert safe.mean(0, [1, 2, 3]) == (10 + 10 + 15) / 20


def test_zeros_in_a_large_mixed_group_are_shown():
    safe = table([[0, 9, 6], [5, 0, 7]])
    assert safe.cells[0][0].value == 0 and safe.cells[1][1].value == 0


def test_the_same_counts_asked_again_are_answered_from_memory_and_changed_counts_are_not():
    counts = [[12, 3, 9], [8, 10, 7]]
    first = table(counts)
    solved = _protect_linked.cache_info().misses
    assert table([list(line) for line in counts]) == first  # an equal table, not the same list
    assert _protect_linked.cache_info().misses == solved
    counts[0][1] = 13  # the caller's list changed after the first answer: a new problem
    changed = table(counts)
    assert _protect_linked.cache_info().misses == solved + 1
    assert changed.cells[0][1].value == 13 and first.cells[0][1].hidden


def test_a_stored_table_reads_back_the_same():
    safe = table([[12, 3, 9], [8, 10, 7]])
    assert SafeTable.from_data(safe.as_data()) == safe


counts = st.integers(1, 4).flatmap(
    lambda height: st.integers(1, 4).flatmap(
        lambda width: st.lists(
            st.lists(
                st.one_of(st.integers(0, 6), st.integers(0, 40)), min_size=width, max_size=width
            ),
            min_size=height,
            max_size=height,
        )
    )
)


# Random tables (not derandomised: each run explores new ones), 300 per run in four shards of
# 75 that the test processes share, each well under the suite's 5 s per test.
@pytest.mark.parametrize("shard", range(4))
def test_no_hidden_cell_can_be_worked_out_from_what_is_shown(shard):
    @settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(counts)
    def random_table(counts):
        safe = table(counts)
        grid = shown(safe)
        true = [[*row, sum(row)] for row in counts]
        true.append([sum(row[j] for row in true) for j in range(len(true[0]))])
        for i, row in enumerate(grid):
            for j, value in enumerate(row):
                if value is not None:
                    assert value == true[i][j]  # what is shown is true
                    assert not 0 < value < 5  # and never about 1 to 4 people
                else:
                    low, high = possible_range(safe, (i, j))
                    assert low < high, (counts, (i, j))

    random_table()


def test_counts_that_do_not_add_up_show_no_totals():
    safe = protect(
        "Themes",
        ["Families first", "The first contact"],
        ["excerpts", "visits"],
        [[9, 6], [3, 7]],
        totals=False,
    )
    assert [[cell.value for cell in row] for row in safe.cells] == [
        [9, 6, None],
        [None, 7, None],
        [None, None, None],
    ]
    assert safe.cells[1][0].reason == SMALL and safe.grand_total.reason == NOT_ADDITIVE


def possible_range_linked(safes, links, target) -> tuple[int, int]:
    """As `possible_range`, over several tables at once, with the links between them as more
    equations: what a reader who knows that the tables count the same people can work out."""
    grids = [shown(safe) for safe in safes]
    hidden = [
        (t, i, j)
        for t, grid in enumerate(grids)
        for i, row in enumerate(grid)
        for j, v in enumerate(row)
        if v is None
    ]
    index = {cell: n for n, cell in enumerate(hidden)}
    equations = []
    for t, grid in enumerate(grids):
        height, width = len(grid), len(grid[0])
        for line in [[(i, j) for j in range(width)] for i in range(height)] + [
            [(i, j) for i in range(height)] for j in range(width)
        ]:
            *parts, total = line
            equations.append([*(((t, *p), 1) for p in parts), ((t, *total), -1)])
    for link in links:
        equations.append([*((p, 1) for p in link.left), *((p, -1) for p in link.right)])
    a, b = [], []
    for equation in equations:
        coefficients, constant = np.zeros(len(hidden)), 0
        for (t, i, j), sign in equation:
            value = grids[t][i][j]
            if value is None:
                coefficients[index[(t, i, j)]] += sign
            else:
                constant -= sign * value
        a.append(coefficients)
        b.append(constant)
    upper = max((v for g in grids for row in g for v in row if v is not None), default=0) + 200
    bounds = Bounds(np.zeros(len(hidden)), np.full(len(hidden), upper))
    equal = LinearConstraint(np.array(a), np.array(b), np.array(b))
    objective = np.zeros(len(hidden))
    objective[index[target]] = 1
    integrality = np.ones(len(hidden))
    low = milp(objective, constraints=equal, bounds=bounds, integrality=integrality)
    high = milp(-objective, constraints=equal, bounds=bounds, integrality=integrality)
    assert low.success and high.success  # the true tables are a solution
    return round(low.fun), round(-high.fun)


def split(total: int, parts: int, cuts: list[int]) -> list[int]:
    """`total` in `parts` whole numbers at least 0, cut where `cuts` say."""
    points = sorted(min(cut, total) for cut in cuts[: parts - 1])
    edges = [0, *points, total]
    return [edges[k + 1] - edges[k] for k in range(parts)]


@pytest.mark.parametrize("shard", range(3))  # 120 random pairs, in three shards of 40
def test_no_hidden_cell_of_linked_tables_can_be_worked_out_from_them_all(shard):
    """Two tables of the same people (the second a column of groups adding up to the first's
    grand total), linked by that total: no hidden cell of either can be worked out from both."""

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(counts, st.integers(1, 4), st.lists(st.integers(0, 200), min_size=3, max_size=3))
    def random_pair(counts, height, cuts):
        groups, answers = len(counts), len(counts[0])
        first = Table(
            "first", [f"g{i}" for i in range(groups)], [f"a{j}" for j in range(answers)], counts
        )
        total = sum(map(sum, counts))
        second_counts = [[value] for value in split(total, height, cuts)]
        second = Table("second", [f"h{i}" for i in range(height)], ["people"], second_counts)
        links = [Link(((0, groups, answers),), ((1, height, 1),))]
        safes = protect_linked([first, second], links)
        assert_none_worked_out(safes, links)
        assert not any(
            0 < (cell.value or 0) < 5 for safe in safes for row in safe.cells for cell in row
        )

    random_pair()


def test_the_states_table_no_longer_gives_away_what_the_cross_border_table_completes():
    """The demo's 2024 report: Reflected 3 and Cancelled 2 were hidden in the states table, and
    followed exactly from the visits that took place, which the cross-border table totals."""
    states = Table(
        "states",
        ["Proposed", "Completed", "Reflected", "Cancelled", "Declined"],
        ["Visits"],
        [[6], [9], [3], [2], [7]],
    )
    cross = Table("cross", ["Across", "Within"], ["Visits"], [[7], [5]])
    alone = [protect(t.title, t.rows, t.columns, t.counts) for t in (states, cross)]
    took_place = shown(alone[1])[2][1]
    completed = shown(alone[0])[1][0]
    assert took_place - completed == 3  # the flaw: Reflected worked out across the tables
    link = Link(((0, 1, 0), (0, 2, 0)), ((1, 2, 1),))
    assert_none_worked_out(protect_linked([states, cross], [link]), [link])
