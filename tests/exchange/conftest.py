from dataclasses import dataclass

import pytest

from demo.factories import advance, make_coordinator, make_member, make_offer
from demo.page_factories import make_library, make_organisation
from exchange.reflections import services as reflections
from exchange.reflections.models import Phase
from tests.worlds import shared_world

CLEAN = "The team reads the family's own words aloud before anyone gives an opinion."
FLAGGED = "The mother, Mrs Berisha, called the team on 12 March 2024."


@dataclass
class Network:
    host_org: object
    visitor_org: object
    host: object
    colleague: object  # a member of the host organisation who does not host
    visitor: object
    outsider: object  # a member of a third organisation
    offer: object
    window: object


def make_network(home_page) -> Network:
    """Two organisations: one hosts (with an offer of one window for 2 visitors), one visits."""
    _library, organisations = make_library(home_page)
    host_org = make_organisation(organisations, title="Fictional Harbour Counselling", country="NL")
    visitor_org = make_organisation(organisations, title="Fictional Hill Mentors", country="AT")
    third = make_organisation(organisations, title="Fictional Valley Exit Work", country="FI")
    offer = make_offer(host_org)
    return Network(
        host_org=host_org,
        visitor_org=visitor_org,
        host=make_member(host_org, hosts=True),
        colleague=make_member(host_org),
        visitor=make_member(visitor_org),
        outsider=make_member(third),
        offer=offer,
        window=offer.windows.get(),
    )


network = shared_world("network", make_network)


def after_visit_answer(network, text: str):
    """The visitor's submitted answer to the first after-visit question, once the visit ended."""
    visit = advance(network, "completed")
    question, goal = reflections.phase_slots(visit, Phase.AFTER, network.visitor)[0]
    return reflections.entry_save(
        visit_id=visit.pk,
        user=network.visitor,
        phase=Phase.AFTER,
        question_id=question.pk,
        goal=goal,
        text=text,
        submit=True,
    )


@pytest.fixture
def entry(network):
    """The visitor's submitted after-visit answer: a clean sentence, then a flagged one."""
    return after_visit_answer(network, f"{CLEAN} {FLAGGED}")


@pytest.fixture
def coordinator():
    return make_coordinator()
