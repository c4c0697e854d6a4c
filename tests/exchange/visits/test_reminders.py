"""`manage.py send_reminders`: the right people, each reminder once, however often it runs."""

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest

from demo.factories import advance, apply, make_member, propose
from exchange.visits import agreements
from exchange.visits import services as visits
from exchange.visits.models import Visit
from exchange.visits.reminders import due


def run() -> str:
    out = StringIO()
    call_command("send_reminders", stdout=out)
    return out.getvalue()


def recipients() -> list[tuple[str, str]]:
    return sorted((message.to[0], message.subject) for message in mail.outbox)


@pytest.mark.django_db
def test_a_request_left_unanswered_reminds_the_hosts_once(network):
    visit = propose(network)
    assert run() == "0 reminder(s) sent.\n"  # too fresh
    Visit.objects.filter(pk=visit.pk).update(created_at=timezone.now() - timedelta(days=4))
    assert run() == "1 reminder(s) sent.\n"
    assert recipients() == [
        (network.host.email, "[Practice Exchange] Reminder: a visit request waits for your answer")
    ]
    assert run() == "0 reminder(s) sent.\n"
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_an_unsigned_agreement_reminds_the_side_that_has_not_signed(network):
    visit = advance(network, "accepted")
    visit.refresh_from_db()
    terms = {
        "goals": "g",
        "tasks": "t",
        "host_mentor": "m",
        "observation_rules": "r",
        "starts_on": visit.starts_on,
        "ends_on": visit.ends_on,
    }
    agreements.agreement_update(visit_id=visit.pk, user=network.host, terms=terms)
    agreements.agreement_sign(visit_id=visit.pk, user=network.host)
    Visit.objects.filter(pk=visit.pk).update(state_changed_at=timezone.now() - timedelta(days=5))
    mail.outbox.clear()
    run()
    run()
    assert [m.to for m in mail.outbox] == [[network.visitor.email]]
    assert "please sign" in mail.outbox[0].subject


@pytest.mark.django_db
def test_visitors_hear_a_week_before_their_visit(network):
    visit = advance(network, "scheduled")
    today = timezone.localdate()
    Visit.objects.filter(pk=visit.pk).update(
        starts_on=today + timedelta(days=5), ends_on=today + timedelta(days=7)
    )
    mail.outbox.clear()
    run()
    run()
    travel = [m.to for m in mail.outbox if "starts in a few days" in m.subject]
    assert travel == [[network.visitor.email]]  # once; the reflection logs remind of themselves


@pytest.mark.django_db
def test_ended_visits_get_no_reminders(network):
    visit = apply(network.visitor, network.window).visits.get()
    visits.visit_decline(visit_id=visit.pk, user=network.host, reason="No room.")
    Visit.objects.filter(pk=visit.pk).update(created_at=timezone.now() - timedelta(days=9))
    mail.outbox.clear()
    assert run() == "0 reminder(s) sent.\n"


@pytest.mark.django_db
def test_finding_the_reminders_due_takes_the_same_queries_for_one_request_or_ten(
    network, django_assert_max_num_queries
):
    """The hosts are loaded for every organisation at once, not once per visit."""
    visitors = [make_member(network.visitor_org) for _ in range(10)]
    for visitor in visitors:
        apply(visitor, network.window)
    Visit.objects.update(created_at=timezone.now() - timedelta(days=4))
    with django_assert_max_num_queries(8):
        assert len(due()) == 10
