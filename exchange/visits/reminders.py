"""Reminders about visits, for `manage.py send_reminders` (run daily): hosts of requests left
unanswered, both sides of an agreement left unsigned, visitors a week before their visit (the
reflection logs remind of themselves: exchange/reflections/reminders.py); and, when an
organisation has lost its last host, the visitors whose requests nobody can answer and the
coordinators (also at once, from the steps that remove a host: `tell_waiting_for_host`). Each
reminder goes once: its record is written in the transaction that sends it, so a second run, or
two runs at once, send nothing again, and a failed send is tried again the next day."""

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from exchange import notifications
from exchange.membership.selectors import hosts_by_organisation
from exchange.roles import coordinators
from exchange.visits import mail
from exchange.visits.mail import VisitMail
from exchange.visits.models import ReminderSent, Visit, VisitState

logger = logging.getLogger(__name__)

WAIT = timedelta(days=3)  # before a pending request or an unsigned agreement is reminded of
AHEAD = timedelta(days=7)


@dataclass(frozen=True)
class Due:
    visit: Visit
    mail: VisitMail
    recipient: object

    @property
    def kind(self) -> str:
        return self.mail.kind


def due(today: date | None = None) -> list[Due]:
    today = today or timezone.localdate()
    now = timezone.now()
    visits = Visit.objects.with_details()
    pending = list(visits.filter(state=VisitState.PROPOSED, created_at__lte=now - WAIT))
    unsigned = list(visits.filter(state=VisitState.ACCEPTED, state_changed_at__lte=now - WAIT))
    hosts = hosts_by_organisation(
        visit.window.offer.organisation_id for visit in pending + unsigned
    )

    def hosts_of(visit) -> list:
        return hosts.get(visit.window.offer.organisation_id, [])

    found = [
        Due(visit, mail.REMINDER_PENDING, host) for visit in pending for host in hosts_of(visit)
    ]
    for visit in unsigned:
        agreement = visit.agreement
        if not agreement.visitor_signed_at and visit.visitor:
            found.append(Due(visit, mail.REMINDER_UNSIGNED, visit.visitor))
        if not agreement.host_signed_at:
            found += [Due(visit, mail.REMINDER_UNSIGNED, host) for host in hosts_of(visit)]
    for visit in visits.filter(
        state__in=[VisitState.AGREED, VisitState.SCHEDULED],
        starts_on__gt=today,
        starts_on__lte=today + AHEAD,
    ):
        found.append(Due(visit, mail.REMINDER_BEFORE, visit.visitor))
    found += waiting_for_host() + taken_over()
    return [item for item in found if item.recipient and item.recipient.is_active]


def waiting_for_host() -> list[Due]:
    """Requests that nobody can answer any more: their visitors, and every coordinator."""
    waiting = list(Visit.objects.waiting_for_host().with_details())
    found = [Due(visit, mail.HOST_MISSING, visit.visitor) for visit in waiting]
    if waiting:
        people = list(coordinators())
        found += [Due(visit, mail.HOST_MISSING_COORDINATOR, p) for visit in waiting for p in people]
    return [item for item in found if item.recipient and item.recipient.is_active]


def taken_over() -> list[Due]:
    """Requests that waited for a host and have one again: each new host hears of them once."""
    waited = Visit.objects.filter(
        state=VisitState.PROPOSED, reminders__kind=mail.HOST_MISSING.kind
    ).exclude(pk__in=Visit.objects.waiting_for_host())
    waited = list(waited.distinct().with_details())
    hosts = hosts_by_organisation(v.window.offer.organisation_id for v in waited)
    return [
        Due(visit, mail.HOST_FOUND, host)
        for visit in waited
        for host in hosts.get(visit.window.offer.organisation_id, [])
    ]


def tell_waiting_for_host() -> int:
    """At once, after a change to who hosts: requests that lost their organisation's last host,
    and requests that have a host again."""
    return send(waiting_for_host() + taken_over())  # active people only, as `due` sends


def send_due_reminders(today: date | None = None) -> int:
    """Send what is due and not sent yet; the number sent."""
    return send(due(today))


def send(items: list[Due]) -> int:
    sent = 0
    for item in items:
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    visit=item.visit, kind=item.kind, recipient=item.recipient
                )
                notifications.deliver([mail.message(item.visit, item.mail, item.recipient)])
        except IntegrityError:
            continue  # sent before
        except OSError:  # the mail server (smtplib's errors are OSErrors): tried again tomorrow
            logger.exception("Reminder %s for visit %s not sent", item.kind, item.visit.pk)
            continue
        sent += 1
    return sent
