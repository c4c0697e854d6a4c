"""The demo's past, lived at its own dates. Each step of a past visit runs with the clock set to
the day it happened (time-machine), through the platform's real steps: the request weeks before
the visit, in a window of the host's offer that was open then; the acceptance, the agreement
signed before the visit, the agenda, the visit confirmed on its last day, the reflection and
the surveys after it. So every date and stamp the demo shows agrees with every other, as in a
network that has been running for a year."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from django.utils import timezone

import time_machine

from cms.models import Language
from exchange.visits import agreements
from exchange.visits import services as visits
from exchange.visits.models import OfferWindow, Visit

VISIT_DAYS = 3
ASKED_BEFORE = timedelta(days=45)  # the request, this long before the visit


@contextmanager
def on(day: date, hour: int = 10) -> Iterator[None]:
    """The clock at `hour` o'clock of `day`, ticking from there."""
    moment = datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())
    with time_machine.travel(moment, tick=True):
        yield


def walk_to_completed(
    visitor, host, offer, *, statement: str, goals: str, ended_on: date, challenge=None
) -> Visit:
    """A visit that ended on `ended_on`, taken through its real steps at their own dates, in a
    window of `offer` that held it (opened for it, as a host adds one)."""
    starts_on = ended_on - timedelta(days=VISIT_DAYS - 1)
    asked = starts_on - ASKED_BEFORE
    with on(asked - timedelta(days=14)):
        window = OfferWindow.objects.create(
            offer=offer,
            starts_on=starts_on - timedelta(days=7),
            ends_on=ended_on + timedelta(days=7),
            capacity=1,
        )
    with on(asked):
        application = visits.application_submit(
            applicant=visitor,
            data={
                "challenge": challenge or offer.challenges.first(),
                "challenge_statement": statement,
                "learning_goals": goals,
                "available_from": window.starts_on,
                "available_until": window.ends_on,
            },
            languages=Language.vocabulary.filter(slug="en"),
            window=window,
            starts_on=starts_on,
            ends_on=ended_on,
        )
        visit = application.visits.get()
    with on(asked + timedelta(days=3)):
        visits.visit_accept(visit_id=visit.pk, user=host)
    with on(asked + timedelta(days=10)):
        terms = {
            "goals": goals,
            "tasks": "Join the morning case review; observe a session where the client agrees.",
            "host_mentor": f"{host.get_full_name()}, visit host (fictional)",
            "observation_rules": "No notes in client sessions; no client is named outside the room.",
            "starts_on": starts_on,
            "ends_on": ended_on,
        }
        agreements.agreement_update(visit_id=visit.pk, user=host, terms=terms)
        agreements.agreement_sign(visit_id=visit.pk, user=host)
    with on(asked + timedelta(days=12)):
        agreements.agreement_sign(visit_id=visit.pk, user=visitor)
    with on(asked + timedelta(days=20)):
        visits.agenda_add(
            visit_id=visit.pk,
            user=host,
            item={"day": starts_on, "activity": "Morning case review with the team"},
        )
        visits.visit_schedule(visit_id=visit.pk, user=host)
    with on(ended_on, hour=17):
        visits.visit_complete(visit_id=visit.pk, user=host)
    return Visit.objects.select_related("agreement").get(pk=visit.pk)


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)
