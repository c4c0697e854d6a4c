"""Matching's figure in the yearly report, through the `report_figures` hook: the latest run of
each of the year's rounds, applications matched, set aside and not matched (with the engine's
reason); made safe like every figure, so one application alone is never shown."""

import pytest

from exchange.reports.figures import figures_for
from matching import services
from matching.figures import matching_outcomes

pytestmark = pytest.mark.django_db


def test_the_years_rounds_give_their_outcomes_to_the_report(world):
    services.round_run(round_=world["round"], user=world["coordinator"])
    run = services.round_run(round_=world["round"], user=world["coordinator"])  # the latest
    [part] = matching_outcomes(world["round"].year)
    outcomes = dict(zip(part["rows"], (row[0] for row in part["counts"]), strict=True))
    assert outcomes == {
        "Matched": 1,
        "Matched, then set aside by the coordinators": 0,
        "Not matched: capacity": 1,
    }
    assert run.proposals.count() == 1  # only the latest run counted, not the first as well
    assert matching_outcomes(world["round"].year + 1)[0]["counts"] == [[0], [0]]

    figure = next(f for f in figures_for(world["round"].year) if f.key == "matching")
    shown = [row[0].value for row in figure.table.cells]
    assert shown[0] is None and shown[2] is None  # one application each: hidden
    assert shown[1] == 0
