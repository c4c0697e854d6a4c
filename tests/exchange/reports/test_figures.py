"""The yearly figures from real visits, logs, surveys and themes, each a SafeTable: what is
shown is true, and no figure about fewer than 5 people is shown."""

from dataclasses import replace

import pytest

from demo.factories import advance, make_member, make_offer, propose
from exchange.reports.disclosure import Link
from exchange.reports.figures import figures_for
from exchange.surveys import services as surveys
from exchange.surveys.models import Survey, SurveyKind
from exchange.visits.models import Visit
from tests.exchange.reports.test_disclosure import assert_none_worked_out
from tests.exchange.surveys.test_surveys import answers_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_of_visits(network):
    """Six visits to the host organisation that took place, by six visitors of another country,
    and one declined; five visitors answered the after-visit survey, all but one with a 5."""
    window = make_offer(network.host_org, windows=((10, 40, 10),)).windows.get()
    done = []
    for _visit in range(6):
        people = replace(network, visitor=make_member(network.visitor_org), window=window)
        visit = advance(people, "completed", propose(people))
        done.append((visit, people.visitor))
    advance(network, "declined")
    year = done[0][0].ends_on.year
    survey = surveys.survey_for(SurveyKind.AFTER_VISIT, year)
    for n, (visit, visitor) in enumerate(done[:5]):
        answers = answers_for(survey)
        first = str(survey.questions.first().pk)
        answers[first] = "4" if n == 0 else "5"
        surveys.response_save(
            visit_id=visit.pk,
            user=visitor,
            kind=SurveyKind.AFTER_VISIT,
            answers=answers,
            submit=True,
        )
    return year


def values(table):
    return [[cell.value for cell in row] for row in table.cells]


def test_the_years_figures_show_what_is_true_and_hide_small_counts(year_of_visits):
    figures = {figure.key: figure for figure in figures_for(year_of_visits)}
    by_state = figures["visits_by_state"].table
    states = dict(zip(by_state.rows, [row[0] for row in by_state.cells], strict=False))
    assert states["Declined"].hidden  # one visit
    cross = figures["cross_border"].table
    assert values(cross)[0][0] == 6 and values(cross)[-1][-1] == 6
    # Six visits took place, as the cross-border and challenge tables show: the states table
    # showing six completed, or seven in all, would give the declined one away.
    assert states["Took place"].hidden and states["Reflection written"].hidden
    assert by_state.grand_total.hidden and states["Cancelled"].value == 0
    tables = [by_state, cross, figures["challenges"].table]
    took_place = (
        (0, by_state.rows.index("Took place"), 0),
        (0, by_state.rows.index("Reflection written"), 0),
    )
    links = [
        Link(took_place, ((1, 2, 1),)),
        Link(took_place, ((2, len(tables[2].rows), 1),)),
    ]
    assert_none_worked_out(tables, links)
    # Five visitors answered "how useful": four said 5 and one 4: the one is hidden, and so
    # much beside it that it cannot be worked out; the hosts answered nothing.
    useful = next(f for f in figures.values() if "How useful" in f.table.title)
    assert useful.scale and useful.level == "reaction"
    assert useful.level_label.startswith("Reaction (Kirkpatrick 1")  # the coordinators' preview
    shown = values(useful.table)
    assert shown[0][3] is None and useful.table.cells[0][3].reason
    assert useful.table.mean(0, [1, 2, 3, 4, 5]) is None
    for row in useful.table.cells:
        for cell in row:
            assert cell.hidden or not 0 < cell.value < 5


def test_no_hidden_answer_can_be_worked_out_across_a_surveys_tables(year_of_visits):
    """Every respondent answers each required question, so those tables' group totals are
    one number: a reader may use it to link them, and still works out no hidden cell."""
    survey = Survey.objects.get(year=year_of_visits, kind=SurveyKind.AFTER_VISIT)
    required = {
        f"{survey.get_kind_display()}: {q.text_en}" for q in survey.questions.filter(required=True)
    }
    tables = [
        f.table
        for f in figures_for(year_of_visits)
        if f.key.startswith("survey_after") and f.table.title in required
    ]
    assert len(tables) >= 2
    links = []
    for group in ("Visitors", "Hosts"):  # each group's tables: the questions asked of it
        rows = [
            (t, table.rows.index(group)) for t, table in enumerate(tables) if group in table.rows
        ]
        links += [
            Link(
                ((first, row, len(tables[first].columns)),),
                ((other, other_row, len(tables[other].columns)),),
            )
            for first, row in rows[:1]
            for other, other_row in rows[1:]
        ]
    assert_none_worked_out(tables, links)


def test_an_empty_year_has_figures_with_nothing_in_them(db):
    figures = figures_for(1999)
    assert {figure.key for figure in figures} >= {"visits_by_state", "countries", "themes"}
    assert all(
        not 0 < (cell.value or 0) < 5 for f in figures for row in f.table.cells for cell in row
    )


def test_the_figures_take_a_bounded_number_of_queries(
    network, year_of_visits, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        figures_for(year_of_visits)
    assert Visit.objects.count() == 7
