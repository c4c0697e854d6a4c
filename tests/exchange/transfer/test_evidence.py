"""The practice page's figures from the network's visits: shown only through disclosure
control (no count of 1 to 4, no hidden count recoverable from the page's other figures), the
visitors' words never."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exchange.encryption import encrypt
from exchange.reports.disclosure import THRESHOLD
from exchange.reports.evidence import Counts, evidence_of, practice_evidence, work_out
from exchange.transfer.models import FollowUp, Intention, PassedOn, PracticeSeen, Status
from exchange.visits.models import Visit
from tests.exchange.reports.test_disclosure import assert_none_worked_out

from .conftest import observed

small_or_not = st.one_of(st.integers(0, 6), st.integers(0, 40))
counts = st.builds(
    Counts,
    st.fixed_dictionaries(dict.fromkeys([*Intention.values, ""], small_or_not)),
    st.fixed_dictionaries(dict.fromkeys(Status.values, small_or_not)),
    small_or_not,
    st.integers(0, 500),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counts)
def test_no_hidden_count_is_recoverable_from_the_page_figures(raw):
    evidence = evidence_of(raw)
    tables = [evidence.intentions, evidence.statuses, evidence.passed_on]
    for table in tables:
        for row in table.cells:
            for cell in row:
                assert cell.hidden or cell.value == 0 or cell.value >= THRESHOLD
    # Every figure of the page at once: the tables' lines are all a reader can add up.
    assert_none_worked_out(tables, [])
    if evidence.colleagues is not None:
        assert raw.passers >= THRESHOLD and evidence.colleagues == raw.colleagues
    assert evidence.visits in (None, 0) or evidence.visits >= THRESHOLD


def test_a_hidden_intention_is_not_given_away_by_the_total():
    evidence = evidence_of(Counts({"adopt": 9, "adapt": 2, "not_for_us": 6, "": 0}, {}, 0, 0))
    visits = [cell.value for cell in evidence.intentions.cells[0]]
    assert visits[1] is None  # adapt: 2
    assert sum(value is None for value in visits) >= 2  # and one beside it, or the total


def test_visits_that_all_meant_the_same_show_only_their_number():
    evidence = evidence_of(Counts({"adapt": 7}, {}, 0, 0))
    assert evidence.visits == 7
    assert [cell.value for cell in evidence.intentions.body[0]] == [None, None, None, None]


on_database = pytest.mark.django_db


@on_database
def test_the_practice_page_shows_what_five_visits_saw_and_no_small_count(
    client, network, practices
):
    practice = practices[0]
    seen = observed(
        network,
        practice,
        ["adopt"] * 3 + ["adapt"] * 6 + ["not_for_us"],
        statuses=["adopted"] * 5 + ["adapting"] * 2,
    )
    for item in seen[:5]:
        PassedOn.objects.create(
            visit=item.visit,
            author=item.visitor,
            seen=item,
            kind="team_session",
            on=item.visit.ends_on,
            colleagues=4,
        )
    work_out({practice.translation_key})  # as the commit of those steps would
    words = "marker-3e9a a visitor's own words"
    PracticeSeen.objects.filter(pk=seen[0].pk).update(intention_why=encrypt(words))
    FollowUp.objects.filter(seen=seen[1]).update(note=encrypt(words))
    evidence = practice_evidence(practice.translation_key)
    assert evidence.visits == 10 and evidence.colleagues == 20
    html = client.get(practice.url).content.decode()
    assert "marker-3e9a" not in html  # the figures only, never a visitor's words
    assert "10 visits of the network observed this practice." in html
    assert "Visitors passed it on to 20 colleagues at home." in html
    # Adopt (3) and Not for us (1) are hidden; organisations are one, so their table is hidden.
    assert html.count('aria-label="hidden"') >= 2


@on_database
def test_the_figures_cost_the_same_queries_whatever_the_number_of_visits(
    client, network, practices
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(practices[0].url).status_code == 200
        return len(captured)

    client.force_login(network.outsider)  # a member: the page is rendered, never from the cache
    observed(network, practices[0], ["adopt"] * 5, statuses=["adopted"] * 5)
    queries()  # the first request fills the per-process caches
    few = queries()
    observed(network, practices[0], ["adapt"] * 30, statuses=["adapting"] * 30)
    queries()
    assert queries() == few


@on_database
def test_four_visits_give_no_figures(client, network, practices):
    observed(network, practices[0], ["adopt"] * 4)
    html = client.get(practices[0].url).content.decode()
    assert "No figures yet" in html and "4 visits" not in html


@on_database
def test_only_visits_that_took_place_count_and_a_change_is_counted_at_once(
    network, practices, django_capture_on_commit_callbacks
):
    from exchange.visits.models import VisitState

    seen = observed(network, practices[1], ["adopt"] * 3 + ["adapt"] * 3)
    assert practice_evidence(practices[1].translation_key).visits == 6  # now kept
    visit = Visit.objects.get(pk=seen[0].visit_id)
    with django_capture_on_commit_callbacks(execute=True):
        visit.move_to(VisitState.CANCELLED, reason="Ill.")
    assert practice_evidence(practices[1].translation_key).visits == 5
    with django_capture_on_commit_callbacks(execute=True):
        observed(network, practices[1], ["adapt"] * 2)
    assert practice_evidence(practices[1].translation_key).visits == 7
