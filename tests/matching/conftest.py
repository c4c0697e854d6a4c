from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from cms.models import Challenge
from demo.factories import UserFactory, apply, make_member, make_offer
from demo.page_factories import make_library, make_organisation
from exchange.roles import COORDINATORS
from matching.models import Round
from tests.worlds import shared_world


def make_world(home_page):
    """A round, a host's offer with one place, and two members (alice, bruno) who applied."""
    _library, organisations = make_library(home_page)
    host_org = make_organisation(organisations, title="Fictional Canal Counselling", country="NL")
    first = make_organisation(organisations, title="Fictional Alp Mentors", country="AT")
    second = make_organisation(organisations, title="Fictional Pine Exit Work", country="FI")
    host = make_member(host_org, hosts=True)
    offer = make_offer(host_org, windows=((10, 40, 1),))  # one place
    challenge = offer.challenges.order_by("pk").first()
    assert challenge == Challenge.vocabulary.order_by("pk").first()  # the one apply() names
    today = timezone.localdate()
    round_ = Round.objects.create(
        name="Spring exchange (fictional)",
        year=today.year,
        window_from=today,
        window_until=today + timedelta(days=90),
    )
    coordinator = UserFactory(second_factor=True)
    coordinator.groups.add(Group.objects.get(name=COORDINATORS))
    return {
        "coordinator": coordinator,
        "round": round_,
        "host": host,
        "window": offer.windows.get(),
        "alice": apply(make_member(first)),
        "bruno": apply(make_member(second)),
    }


world = shared_world("world", make_world)
