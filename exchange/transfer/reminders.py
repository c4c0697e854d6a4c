"""Reminders of the follow-ups, for `manage.py send_reminders`: each of the three (3, 6 and 12
months after the visit) reminds the visitor once, from the day it opens, while it is still to
answer and for LATE days at most. The day is the local date (settings.TIME_ZONE), so a run
before and one after a clock change fall on their own days, and the record of each reminder
(ReminderSent, one per visit, kind and person) keeps a second run from sending it again."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exchange.notifications import kinds
from exchange.transfer import services
from exchange.transfer.models import FOLLOW_UP_MONTHS, FollowUp, Intention, PracticeSeen
from exchange.visits.mail import VisitMail
from exchange.visits.models import Visit
from exchange.visits.reminders import Due

LATE = timedelta(days=60)  # a follow-up open this long without its reminder gets none


def _follow_up(month: int, subject) -> VisitMail:
    return VisitMail(
        f"transfer_follow_up_{month}",
        subject,
        template="exchange/transfer/email/follow_up.txt",
        link_label=_("The follow-up:"),
        page=lambda visit: reverse("transfer_follow_up", args=[visit.pk, month]),
        notice=kinds.REMINDER,
    )


KINDS = {
    3: _follow_up(3, _("Three months after your visit to %(organisation)s: what became of it?")),
    6: _follow_up(6, _("Six months after your visit to %(organisation)s: what became of it?")),
    12: _follow_up(12, _("A year after your visit to %(organisation)s: what became of it?")),
}
if set(KINDS) != set(FOLLOW_UP_MONTHS):
    raise ImportError("A follow-up without its reminder, or a reminder without its follow-up.")


def due(today: date | None = None) -> list[Due]:
    today = today or timezone.localdate()
    horizon = today - timedelta(days=31 * max(FOLLOW_UP_MONTHS)) - LATE
    visits = (
        Visit.objects.filter(
            state__in=services.TOOK_PLACE,
            ends_on__gte=horizon,
            visitor__is_active=True,
            pk__in=PracticeSeen.objects.exclude(intention=Intention.NOT_FOR_US).values("visit"),
        )
        .select_related("visitor", "window__offer__organisation")
        .distinct()
    )
    answered = set(
        FollowUp.objects.filter(seen__visit__in=visits).values_list("seen__visit", "month")
    )
    found = []
    for visit in visits:
        for month, mail in KINDS.items():
            opens = services.opens_on(visit, month)
            if opens <= today < opens + LATE and (visit.pk, month) not in answered:
                found.append(Due(visit, mail, visit.visitor))
    return found
