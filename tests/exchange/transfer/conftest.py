from datetime import date, timedelta

from django.utils import timezone

import pytest

from cms.models import Challenge, PracticeIndexPage
from demo.factories import advance
from demo.page_factories import make_practice
from exchange.reports.evidence import work_out
from exchange.visits.models import Visit


@pytest.fixture
def practices(network):
    """Two practices of the host organisation (one offered with the visit) and one of another."""
    library = PracticeIndexPage.objects.first()
    family = make_practice(library, title="Fictional family circles", organisation=network.host_org)
    network.offer.practices.add(family)
    return [
        family,
        make_practice(library, title="Fictional street mentoring", organisation=network.host_org),
        make_practice(library, title="Fictional prison dialogue"),
    ]


def ended(visit, days_ago: int) -> Visit:
    """The visit as if it ended `days_ago` days ago (three days long)."""
    last = timezone.localdate() - timedelta(days=days_ago)
    Visit.objects.filter(pk=visit.pk).update(starts_on=last - timedelta(days=2), ends_on=last)
    visit.refresh_from_db()
    return visit


def months_ago(months: int, today: date | None = None) -> int:
    """How many days ago a visit ended whose follow-up at `months` opened today."""
    today = today or timezone.localdate()
    index = today.month - 1 - months
    year, month = today.year + index // 12, index % 12 + 1
    return (today - date(year, month, min(today.day, 28))).days


@pytest.fixture
def took_place(network):
    return ended(advance(network, "completed"), 10)


def observed(network, practice, intentions: list[str], *, statuses=(), organisation=None):
    """Visits that took place and observed `practice`, one per intention ("" for none), each by
    its own visitor of `organisation` (the network's visiting one by default); `statuses`, where
    given, the 3-month follow-up of the first ones."""
    from demo.factories import UserFactory
    from exchange.transfer.models import FollowUp, PracticeSeen
    from exchange.visits.models import Application, VisitState

    organisation = organisation or network.visitor_org
    challenge = Challenge.vocabulary.order_by("pk").first()
    last = timezone.localdate() - timedelta(days=200)
    rows = []
    for n, intention in enumerate(intentions):
        visitor = UserFactory()
        application = Application.objects.create(
            applicant=visitor,
            organisation=organisation,
            challenge=challenge,
            challenge_statement="Fictional statement.",
            learning_goals="Fictional goals.",
            available_from=last - timedelta(days=30),
            available_until=last,
        )
        visit = Visit.objects.create(
            application=application,
            visitor=visitor,
            window=network.window,
            state=VisitState.COMPLETED,
            starts_on=last - timedelta(days=2 + n),
            ends_on=last - timedelta(days=n),
        )
        seen = PracticeSeen.objects.create(
            visit=visit,
            visitor=visitor,
            practice=practice,
            practice_key=practice.translation_key,
            intention=intention,
            latest_status=statuses[n] if n < len(statuses) else "",
        )
        if n < len(statuses):
            FollowUp.objects.create(seen=seen, month=3, status=statuses[n])
        rows.append(seen)
    work_out({practice.translation_key})  # as the commit of these steps would
    return rows
