"""Disclosure control by construction: a table of counts of people becomes a `SafeTable`, and
only a SafeTable reaches the report's page, charts, PDF, CSV and spreadsheet. It is plain Python
(no Django), so it can be reasoned about and property-tested on its own.

The rules (LEARNING.md), for a table whose rows are groups of people and whose columns are what
they did or answered, with row totals, column totals and a grand total:

1. Primary suppression: no count of 1 to 4 people, anywhere, totals included; a group (row) of
   fewer than 5 people shows nothing at all, not even its zeros; and a group whose members all
   gave the same answer shows only its size (its distribution would tell each member's answer).
2. Secondary suppression: a hidden cell must not be worked out from the cells and totals shown.
   Each cell is an edge between its row and its column; every row and column is an equation
   (its cells add up to its total). A hidden cell is determined exactly when its edge is a
   bridge of the graph of hidden cells (it lies on no cycle), so for each such bridge a
   rectangle of cells through it is hidden too, choosing the cheapest: few people, and never a
   zero where a cell with people will do (two zeros on a cycle can pin it down). Counts are
   never below 0, so hidden cells that add up to 0 would all read as 0: a line of them gets a
   cell with people hidden beside them. Last, a linear program checks each hidden cell's
   smallest and largest possible value (exact here: the lines form a network matrix); where
   they meet, the cheapest shown cell beside it is hidden too, and the checks run again.
3. A mean or a percentage of a group is shown only when none of its cells is hidden, so no
   further equation reaches the hidden cells.

Each hidden cell keeps its reason, for the coordinators who check the report; public outputs
mark every hidden cell alike (`PUBLIC_MARK`), because a reason is itself a clue ("fewer than 5"
bounds a cell to 1-4, and two such cells adding up to 2 would both be 1).
tests/exchange/reports/test_disclosure.py shows, with
Hypothesis and an integer program, that no hidden cell can be worked out from what is shown."""

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from scipy.optimize import Bounds, LinearConstraint, linprog, milp

THRESHOLD = 5

SMALL = "fewer than 5 people"
SMALL_GROUP = "a group of fewer than 5 people"
SAME_ANSWER = "everyone in this group gave the same answer"
PROTECTS = "hidden so that another hidden figure cannot be worked out"
NOT_ADDITIVE = "not a total: the same person can count in several rows"
FEW_GAVE_IT = "fewer than 5 people's numbers add up to it"
PUBLIC_MARK = "–"  # what the public sees in a hidden cell, whatever its reason


@dataclass(frozen=True)
class Cell:
    value: int | None  # None when hidden
    reason: str = ""  # why it is hidden

    @property
    def hidden(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class SafeTable:
    """Counts that may be published. `cells` has a row per group and a last row of column
    totals; each row has a cell per column and a last cell, its total."""

    title: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[Cell, ...], ...]

    @property
    def body(self) -> tuple[tuple[Cell, ...], ...]:
        return tuple(row[:-1] for row in self.cells[:-1])

    def row_total(self, i: int) -> Cell:
        return self.cells[i][-1]

    def column_total(self, j: int) -> Cell:
        return self.cells[-1][j]

    @property
    def grand_total(self) -> Cell:
        return self.cells[-1][-1]

    def row_complete(self, i: int) -> bool:
        """Every cell of the group and its total are shown: its shares and mean may be too."""
        return not any(cell.hidden for cell in self.cells[i])

    def share(self, i: int, j: int) -> float | None:
        """The share of group i in column j, in percent, when the whole group is shown."""
        if not self.row_complete(i) or not self.row_total(i).value:
            return None
        return 100 * self.cells[i][j].value / self.row_total(i).value  # type: ignore[operator]

    def mean(self, i: int, points: Sequence[float]) -> float | None:
        """The mean of group i's answers, column j counting `points[j]`, when fully shown."""
        if not self.row_complete(i) or not self.row_total(i).value:
            return None
        weighted = sum(p * cell.value for p, cell in zip(points, self.cells[i], strict=False))  # type: ignore[misc]
        return weighted / self.row_total(i).value  # type: ignore[operator]

    def as_data(self) -> dict:
        """For storing in a frozen report page, and reading back with `from_data`."""
        return {
            "title": self.title,
            "rows": list(self.rows),
            "columns": list(self.columns),
            "cells": [[[cell.value, cell.reason] for cell in row] for row in self.cells],
        }

    @classmethod
    def from_data(cls, data: dict) -> "SafeTable":
        return cls(
            title=data["title"],
            rows=tuple(data["rows"]),
            columns=tuple(data["columns"]),
            cells=tuple(tuple(Cell(v, r) for v, r in row) for row in data["cells"]),
        )


def protect(
    title: str,
    rows: Sequence[str],
    columns: Sequence[str],
    counts: Sequence[Sequence[int]],
    *,
    threshold: int = THRESHOLD,
    totals: bool = True,
) -> SafeTable:
    """The publishable form of a table of counts of people (rows: groups; columns: answers).
    Without `totals` (counts that do not add up, such as one person in several rows), the
    table has no totals to show and no line to work a hidden cell out from: only the primary
    rules apply, and the totals read as hidden."""
    return protect_linked([Table(title, rows, columns, counts, totals)], [], threshold=threshold)[0]


def sums_beside(title: str, people: SafeTable, column: str, sums: Sequence[int]) -> SafeTable:
    """Sums of numbers people gave (colleagues reached), one per row of `people`, a table of
    one column counting who gave them. A sum is shown only where its row's count of people is
    shown (so at least 5 people's numbers make it): one person's number never shows alone.
    Without totals, as the sums of several rows can hold one person's numbers twice."""
    cells = []
    for i, total in enumerate(sums):
        shown = people.body[i][0].value is not None and people.body[i][0].value >= THRESHOLD
        cell = Cell(total) if shown else Cell(None, FEW_GAVE_IT)
        cells.append((cell, Cell(None, NOT_ADDITIVE)))
    cells.append((Cell(None, NOT_ADDITIVE), Cell(None, NOT_ADDITIVE)))
    return SafeTable(str(title), people.rows, (str(column),), tuple(cells))


@dataclass(frozen=True)
class Table:
    """A table of counts to protect (the arguments of `protect`)."""

    title: str
    rows: Sequence[str]
    columns: Sequence[str]
    counts: Sequence[Sequence[int]]
    totals: bool = True


# A cell of one of several tables: (table, row, column), in its grid with totals (a last row of
# column totals, a last column of row totals).
Place = tuple[int, int, int]


@dataclass(frozen=True)
class Link:
    """Cells of different tables that count the same people: the `left` cells add up to what
    the `right` cells add up to (the visits that took place, by state in one table and by
    challenge in another; the respondents to a survey, question by question). A reader can
    write that equation too, so it is one more line a hidden cell could be worked out from."""

    left: tuple[Place, ...]
    right: tuple[Place, ...]


def protect_linked(
    tables: Sequence[Table], links: Sequence[Link], *, threshold: int = THRESHOLD
) -> list[SafeTable]:
    """Tables that share totals, made safe as one problem: each alone first, then, while a
    hidden cell can be worked out from every table's lines and the links together (an exact
    integer program), the cheapest shown cell beside it is hidden too, and its table's own
    rules run again."""
    frozen = tuple(
        Table(
            str(table.title),
            tuple(str(row) for row in table.rows),
            tuple(str(column) for column in table.columns),
            tuple(tuple(line) for line in table.counts),
            table.totals,
        )
        for table in tables
    )
    return list(_protect_linked(frozen, tuple(links), threshold))


# The answer depends on the counts alone, and a coordinator's preview, confirmation and
# publication ask for the same year's tables in turn: each asking solved some hundreds of
# linear programs again (half a second a page). SafeTables are immutable, so they are shared.
@functools.lru_cache(maxsize=256)
def _protect_linked(
    tables: tuple[Table, ...], links: tuple[Link, ...], threshold: int
) -> tuple[SafeTable, ...]:
    grids, reasons = [], []
    for table in tables:
        if len(table.counts) != len(table.rows) or any(
            len(line) != len(table.columns) for line in table.counts
        ):
            raise ValueError("counts must have a row per group and a column per answer")
        if any(value < 0 for line in table.counts for value in line):
            raise ValueError("counts cannot be negative")
        grid = _with_totals(table.counts, len(table.columns))
        found = _primary(grid, threshold, groups=table.totals)
        if table.totals:
            _secondary(grid, found)
        else:
            last_row, last_column = len(grid) - 1, len(grid[0]) - 1
            for i, line in enumerate(grid):
                for j in range(len(line)):
                    if i == last_row or j == last_column:
                        found[(i, j)] = NOT_ADDITIVE
        grids.append(grid)
        reasons.append(found)
    for link in links:
        sides = [sum(grids[t][i][j] for t, i, j in side) for side in (link.left, link.right)]
        if sides[0] != sides[1]:
            raise ValueError(f"a link that does not hold: {link}")
    while links and (exposed := _first_exposed_across(grids, reasons, tables, links)):
        t, i, j = _cheapest_across(grids, reasons, links, exposed)
        reasons[t].setdefault((i, j), PROTECTS)
        if tables[t].totals:
            _secondary(grids[t], reasons[t])
    return tuple(
        SafeTable(
            table.title,
            tuple(table.rows),
            tuple(table.columns),
            tuple(
                tuple(
                    Cell(None, found[(i, j)]) if (i, j) in found else Cell(value)
                    for j, value in enumerate(line)
                )
                for i, line in enumerate(grid)
            ),
        )
        for table, grid, found in zip(tables, grids, reasons, strict=True)
    )


def _cheapest_across(grids, reasons, links, exposed: Place) -> Place:
    """The shown cell to hide for a cell worked out across tables: beside it in its table if
    one is shown, else in the links that reach its table, else in any linked table."""
    t, i, j = exposed
    if any((m, k) not in reasons[t] for m in range(len(grids[t])) for k in range(len(grids[t][0]))):
        return (t, *_cheapest_beside(grids[t], reasons[t], (i, j)))
    linked = [p for link in links for p in (*link.left, *link.right)]
    if not any(p[0] == t for p in linked):
        raise AssertionError("a cell worked out across tables is in no link")
    everywhere = [
        (u, m, k)
        for u, grid in enumerate(grids)
        for m in range(len(grid))
        for k in range(len(grid[0]))
    ]
    for candidates in (linked, everywhere):
        shown = [(u, m, k) for u, m, k in candidates if (m, k) not in reasons[u]]
        if shown:
            return min(
                shown, key=lambda p: (grids[p[0]][p[1]][p[2]] == 0, grids[p[0]][p[1]][p[2]], p)
            )
    raise AssertionError("every cell is hidden, so none is exposed")


def _first_exposed_across(grids, reasons, tables, links) -> Place | None:
    """A hidden cell whose smallest and largest whole values, given every table's lines, the
    links and that no count is below 0, are the same. The links break the tables' network
    structure, so the bounds come from an integer program, not a linear one."""
    order = [(t, i, j) for t, found in enumerate(reasons) for (i, j) in sorted(found)]
    index = {place: n for n, place in enumerate(order)}
    equations: list[list[tuple[Place, int]]] = []
    for t, (table, grid) in enumerate(zip(tables, grids, strict=True)):
        if table.totals:
            for line in _lines(grid):
                *parts, total = line
                equations.append([*(((t, *part), 1) for part in parts), ((t, *total), -1)])
    for link in links:
        equations.append(
            [*((place, 1) for place in link.left), *((place, -1) for place in link.right)]
        )
    rows, constants = [], []
    for equation in equations:
        coefficients, constant = [0.0] * len(order), 0.0
        for (t, i, j), sign in equation:
            if (t, i, j) in index:
                coefficients[index[(t, i, j)]] += sign
            else:
                constant -= sign * grids[t][i][j]
        if any(coefficients):
            rows.append(coefficients)
            constants.append(constant)
    if not rows:
        return None
    constraint = LinearConstraint(rows, constants, constants)
    integral, at_least_zero = [1] * len(order), Bounds(0, float("inf"))
    for place in order:
        objective = [0.0] * len(order)
        objective[index[place]] = 1.0
        low = milp(objective, constraints=constraint, integrality=integral, bounds=at_least_zero)
        high = milp(
            [-c for c in objective],
            constraints=constraint,
            integrality=integral,
            bounds=at_least_zero,
        )
        if low.status == 0 and high.status == 0 and round(low.fun) == round(-high.fun):
            return place
    return None


def _with_totals(counts: Sequence[Sequence[int]], width: int) -> list[list[int]]:
    grid = [[*line, sum(line)] for line in counts]
    grid.append([sum(line[j] for line in grid) for j in range(width + 1)])
    return grid


def _primary(grid: list[list[int]], threshold: int, groups: bool) -> dict[tuple[int, int], str]:
    """Counts of 1 to 4; and, where rows are groups of people, small groups and groups whose
    members all gave the same answer."""
    reasons: dict[tuple[int, int], str] = {}
    last = len(grid) - 1 if groups else -1
    for i, line in enumerate(grid):
        total = line[-1]
        if i < last and 0 < total < threshold:
            reasons.update({(i, j): SMALL_GROUP for j in range(len(line))})
            continue
        if i < last and total and len(line) > 2 and total in line[:-1]:
            reasons.update({(i, j): SAME_ANSWER for j in range(len(line) - 1)})
        for j, value in enumerate(line):
            if 0 < value < threshold:
                reasons.setdefault((i, j), SMALL)
    return reasons


def _secondary(grid: list[list[int]], reasons: dict[tuple[int, int], str]) -> None:
    """Hide a cheapest rectangle through each bridge, and a cell with people in each line whose
    hidden cells hold nobody (being at least 0, they would all read as 0), until neither is left."""
    while True:
        if bridge := _first_bridge(set(reasons)):
            _hide_rectangle(grid, reasons, bridge)
        elif pinned := _line_of_hidden_zeros(grid, reasons):
            reasons.setdefault(pinned, PROTECTS)
        elif exposed := _first_exposed(grid, set(reasons)):
            reasons.setdefault(_cheapest_beside(grid, reasons, exposed), PROTECTS)
        else:
            return


def _lines(grid) -> list[list[tuple[int, int]]]:
    height, width = len(grid), len(grid[0])
    return [[(i, j) for j in range(width)] for i in range(height)] + [
        [(i, j) for i in range(height)] for j in range(width)
    ]


def _line_of_hidden_zeros(grid, hidden) -> tuple[int, int] | None:
    """In a line whose hidden cells add up to 0, the shown cell with the fewest people."""
    for line in _lines(grid):
        secret = [cell for cell in line if cell in hidden]
        if secret and sum(grid[i][j] for i, j in secret) == 0:
            shown = [cell for cell in line if cell not in hidden]
            with_people = [cell for cell in shown if grid[cell[0]][cell[1]] > 0]
            if with_people or shown:
                return min(with_people or shown, key=lambda c: (grid[c[0]][c[1]], c))
    return None


def _hide_rectangle(grid, reasons, bridge: tuple[int, int]) -> None:
    """Hide the cheapest rectangle of cells with the bridge at a corner: the bridge is then on
    a cycle (a grid with totals has at least two rows and two columns, so one exists)."""
    i, j = bridge
    choices = [
        (_cost(grid, reasons, [(i, k), (m, j), (m, k)]), m, k)
        for m in range(len(grid))
        for k in range(len(grid[0]))
        if m != i and k != j
    ]
    _cost_of_best, m, k = min(choices)
    for cell in [(i, k), (m, j), (m, k)]:
        reasons.setdefault(cell, PROTECTS)


def _first_exposed(grid, hidden: set[tuple[int, int]]) -> tuple[int, int] | None:
    """The check the rules above cannot make alone: a hidden cell whose smallest and largest
    possible values, given every line and that no count is below 0, are the same. The lines
    form a network matrix, so the linear program's bounds are whole numbers and exact."""
    order = sorted(hidden)
    index = {cell: n for n, cell in enumerate(order)}
    rows, constants = [], []
    for line in _lines(grid):
        *parts, total = line
        coefficients, constant = [0.0] * len(order), 0.0
        for cell, sign in [*((part, 1) for part in parts), (total, -1)]:
            if cell in index:
                coefficients[index[cell]] += sign
            else:
                constant -= sign * grid[cell[0]][cell[1]]
        if any(coefficients):
            rows.append(coefficients)
            constants.append(constant)
    if not rows:
        return None
    for cell in order:
        objective = [0.0] * len(order)
        objective[index[cell]] = 1.0
        low = linprog(objective, A_eq=rows, b_eq=constants, bounds=(0, None), method="highs")
        high = linprog(
            [-c for c in objective], A_eq=rows, b_eq=constants, bounds=(0, None), method="highs"
        )
        if high.status == 0 and round(low.fun) == round(-high.fun):
            return cell
    return None


def _cheapest_beside(grid, hidden, cell: tuple[int, int]) -> tuple[int, int]:
    """The shown cell with the fewest people (but some) in the exposed cell's row or column,
    else anywhere in the table."""
    i, j = cell
    beside = [(i, k) for k in range(len(grid[0]))] + [(m, j) for m in range(len(grid))]
    anywhere = [(m, k) for m in range(len(grid)) for k in range(len(grid[0]))]
    for candidates in (beside, anywhere):
        shown = [c for c in candidates if c not in hidden]
        if shown:
            return min(shown, key=lambda c: (grid[c[0]][c[1]] == 0, grid[c[0]][c[1]], c))
    raise AssertionError("every cell is hidden, so none is exposed")


def _cost(grid, hidden, cells) -> tuple[int, int]:
    """Cells with no people cost most (zeros can pin a cycle down), then the people hidden."""
    new = [grid[i][j] for i, j in cells if (i, j) not in hidden]
    return (sum(1 for value in new if value == 0), sum(new))


def _first_bridge(hidden: set[tuple[int, int]]) -> tuple[int, int] | None:
    """A hidden cell on no cycle of hidden cells (rows and columns as vertices), if any."""
    for cell in sorted(hidden):
        others = hidden - {cell}
        if not _connected(("row", cell[0]), ("column", cell[1]), others):
            return cell
    return None


def _connected(start, goal, edges: set[tuple[int, int]]) -> bool:
    neighbours: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for i, j in edges:
        neighbours.setdefault(("row", i), []).append(("column", j))
        neighbours.setdefault(("column", j), []).append(("row", i))
    seen, frontier = {start}, [start]
    while frontier:
        vertex = frontier.pop()
        if vertex == goal:
            return True
        for following in neighbours.get(vertex, []):
            if following not in seen:
                seen.add(following)
                frontier.append(following)
    return False
