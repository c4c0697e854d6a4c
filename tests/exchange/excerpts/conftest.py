import pytest

from exchange.models import Phase
from exchange.reflections import services as reflections
from tests.exchange.factories import advance, make_coordinator

CLEAN = "The team reads the family's own words aloud before anyone gives an opinion."
FLAGGED = "The mother, Mrs Berisha, called the team on 12 March 2024."


@pytest.fixture
def entry(network):
    """The visitor's submitted after-visit answer: a clean sentence, then a flagged one."""
    visit = advance(network, "completed")
    question, goal = reflections.phase_slots(visit, Phase.AFTER)[0]
    return reflections.entry_save(
        visit_id=visit.pk,
        user=network.visitor,
        phase=Phase.AFTER,
        question_id=question.pk,
        goal=goal,
        text=f"{CLEAN} {FLAGGED}",
        submit=True,
    )


@pytest.fixture
def coordinator():
    return make_coordinator()
