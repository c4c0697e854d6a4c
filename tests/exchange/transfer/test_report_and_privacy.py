"""The yearly report's transfer section, and the visitor's take-home in their export and gone
with their erasure."""

import json

from django.utils import timezone

import pytest

from exchange.personal_data import export
from exchange.personal_data import services as personal_data
from exchange.reports.figures import figures_for
from exchange.transfer import services
from exchange.transfer.models import FollowUp, PassedOn, PracticeSeen

from .conftest import observed

pytestmark = pytest.mark.django_db

WHY = "marker-0aa3 the visitor's reason"


def test_the_report_counts_people_per_follow_up_and_colleagues_only_from_five(network, practices):
    seen = observed(
        network, practices[0], ["adopt"] * 8, statuses=["adopted"] * 6 + ["adapting"] * 2
    )
    for n, item in enumerate(seen[:7]):
        PassedOn.objects.create(
            visit=item.visit,
            author=item.visitor,
            kind="team_session" if n < 5 else "training",
            on=timezone.localdate(),
            colleagues=10,
        )
    figures = {figure.key: figure.table for figure in figures_for(timezone.localdate().year)}
    follow_ups = figures["transfer_follow_ups"]
    after_three = [cell.value for cell in follow_ups.cells[0][:-1]]
    assert after_three[0] == 6 and after_three[1] is None  # adapting: 2 people
    people = figures["transfer_passed_on"]
    assert people.body[0][0].value == 5 and people.body[1][0].value is None
    colleagues = figures["transfer_colleagues"]
    assert colleagues.body[0][0].value == 50 and colleagues.body[1][0].value is None


def test_the_take_home_is_in_the_export_and_goes_with_the_visitor(network, practices):
    from demo.factories import advance

    from .conftest import ended

    visit = ended(advance(network, "completed"), 10)
    seen = services.practice_add(
        visit_id=visit.pk, user=network.visitor, practice_id=practices[0].pk
    )
    services.intention_record(
        visit_id=visit.pk, user=network.visitor, seen_id=seen.pk, intention="adapt", why=WHY
    )
    services.passed_on_add(
        visit_id=visit.pk,
        user=network.visitor,
        kind="document",
        on=timezone.localdate(),
        colleagues=3,
        note=WHY,
    )
    FollowUp.objects.create(seen=seen, month=3, status="adapting", note=WHY)
    data = json.loads(json.dumps(export.export(network.visitor), default=str))
    assert data["practices_seen"][0]["intention_why"] == WHY
    assert data["passed_on"][0]["note"] == WHY and data["follow_ups"][0]["note"] == WHY
    host_data = json.dumps(export.export(network.host), default=str)
    assert WHY not in host_data

    personal_data.erase(network.visitor)
    assert not PracticeSeen.objects.exists()
    assert not FollowUp.objects.exists() and not PassedOn.objects.exists()
