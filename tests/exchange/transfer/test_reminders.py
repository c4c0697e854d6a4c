"""The follow-ups' reminders: each of the three reminds the visitor once, from the day it opens,
while unanswered; the day is the network's local date, across the clock change too."""

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import mail
from django.core.management import call_command

import pytest
import time_machine

from demo.factories import advance
from exchange.transfer import reminders, services
from exchange.visits.models import Visit

from .conftest import ended, months_ago

pytestmark = pytest.mark.django_db

MARKER = "marker-91d2 never in an e-mail"


def follow_up_mail() -> list[str]:
    return [m.subject.split("] ", 1)[1] for m in mail.outbox if "/take-home/follow-up/" in m.body]


def run() -> None:
    call_command("send_reminders", stdout=StringIO())


def test_the_three_month_follow_up_reminds_once_and_never_quotes(network, practices):
    visit = ended(advance(network, "completed"), months_ago(3))
    seen = services.practice_add(
        visit_id=visit.pk, user=network.visitor, practice_id=practices[0].pk
    )
    services.intention_record(
        visit_id=visit.pk, user=network.visitor, seen_id=seen.pk, intention="adopt", why=MARKER
    )
    mail.outbox.clear()
    run()
    run()
    assert follow_up_mail() == [
        "Three months after your visit to Fictional Harbour Counselling: what became of it?"
    ]
    body = next(m.body for m in mail.outbox if "/take-home/follow-up/3/" in m.body)
    assert MARKER not in body
    services.follow_up_answer(
        visit_id=visit.pk,
        user=network.visitor,
        month=3,
        answers={seen.pk: {"status": "adopted"}},
    )
    assert reminders.due() == []


def test_no_reminder_without_a_practice_to_follow_up(network, practices):
    visit = ended(advance(network, "completed"), months_ago(3))
    seen = services.practice_add(
        visit_id=visit.pk, user=network.visitor, practice_id=practices[0].pk
    )
    services.intention_record(
        visit_id=visit.pk, user=network.visitor, seen_id=seen.pk, intention="not_for_us"
    )
    assert reminders.due() == []


def test_one_reminder_per_follow_up_across_the_spring_clock_change(network, practices):
    """The 3-month follow-up of a visit that ended on 28 December 2026 opens on 28 March 2027,
    the night the clocks go forward: the runs before, during and after that night send it once."""
    visit = advance(network, "completed")
    Visit.objects.filter(pk=visit.pk).update(
        starts_on=date(2026, 12, 26), ends_on=date(2026, 12, 28)
    )
    services.practice_add(visit_id=visit.pk, user=network.visitor, practice_id=practices[0].pk)
    zone = ZoneInfo(settings.TIME_ZONE)
    mail.outbox.clear()
    sent = []
    for moment in [
        datetime(2027, 3, 27, 23, 30, tzinfo=zone),
        datetime(2027, 3, 28, 0, 30, tzinfo=zone),
        datetime(2027, 3, 28, 1, 59, tzinfo=zone),
        datetime(2027, 3, 28, 3, 30, tzinfo=zone),  # the hour from 2 to 3 does not exist
        datetime(2027, 3, 29, 0, 5, tzinfo=zone),
    ]:
        with time_machine.travel(moment, tick=False):
            run()
        sent.append(len(follow_up_mail()))
    assert sent == [0, 1, 1, 1, 1]
    # Six months on, the second follow-up reminds once more, and only that one.
    with time_machine.travel(datetime(2027, 6, 28, 9, tzinfo=zone), tick=False):
        run()
        run()
    assert follow_up_mail()[1:] == [
        "Six months after your visit to Fictional Harbour Counselling: what became of it?"
    ]
