"""Reminders to write the reflection log, for `manage.py send_reminders`: once per phase and
person (the visitor and the host mentor), and only while the phase is still to answer. Before
the visit, from when the agreement is signed; after it, from when it is completed; the
follow-up, from when it opens (REFLECTION_FOLLOW_UP_MONTHS after the visit). The e-mail says
which phase and links to the log, never what anyone wrote."""

from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exchange.notifications import kinds
from exchange.reflections.models import AskedOf, Phase, ReflectionEntry, ReflectionQuestion
from exchange.reflections.services import (
    follow_up_opens,
    goals_of,
    partner_of,
    role_on,
    why_closed,
)
from exchange.visits.mail import VisitMail
from exchange.visits.models import Visit, VisitState
from exchange.visits.reminders import Due


def _log(visit) -> str:
    return reverse("reflection_log", args=[visit.pk])


def _reminder(kind: str, subject, host_subject) -> VisitMail:
    return VisitMail(
        kind,
        subject,
        template="exchange/reflections/email/reminder.txt",
        link_label=_("Your reflection log:"),
        page=_log,
        host_subject=host_subject,
        notice=kinds.REMINDER,
    )


KINDS = {
    Phase.BEFORE: _reminder(
        "reflection_before",
        _("Before your visit to %(organisation)s: what do you expect to learn?"),
        _("Before %(visitor)s visits: what will you show?"),
    ),
    Phase.AFTER: _reminder(
        "reflection_after",
        _("After your visit to %(organisation)s: your reflection, please"),
        _("After the visit of %(visitor)s: your reflection, please"),
    ),
    Phase.FOLLOW_UP: _reminder(
        "reflection_follow_up",
        _("Months after your visit to %(organisation)s: what has changed?"),
        _("Months after hosting %(visitor)s: what has changed for you?"),
    ),
}
LATE = timedelta(days=60)  # a phase open this long without a reminder gets none any more


def due(today: date | None = None) -> list[Due]:
    today = today or timezone.localdate()
    visits = list(_candidates(today))
    questions = list(ReflectionQuestion.objects.filter(is_active=True, phase__in=KINDS))
    answered = set(
        ReflectionEntry.objects.filter(visit__in=visits, submitted_at__isnull=False).values_list(
            "visit_id", "author_id", "phase", "question_id", "goal"
        )
    )
    found = []
    for visit in visits:
        goals = goals_of(visit) or [""]
        mentor = visit.agreement.host_signed_by
        for phase, kind in KINDS.items():
            if not _reminds(visit, phase, today):
                continue
            for author in (visit.visitor, mentor):
                if author is None or partner_of(visit, author.pk) is None:
                    continue
                asked = [
                    (question.pk, goal)
                    for question in questions
                    if question.phase == phase
                    and question.asked_of in AskedOf.including(role_on(visit, author))
                    for goal in (goals if question.per_goal else [""])
                ]
                if any((visit.pk, author.pk, phase, *slot) not in answered for slot in asked):
                    found.append(Due(visit, kind, author))
    return [item for item in found if item.recipient.is_active]


def _candidates(today: date):
    """Visits with a phase that may be due: before they start, or ended recently enough for
    the after phase or the follow-up."""
    follow_up_horizon = today - timedelta(days=31 * 12) - LATE  # the setting is in months
    return (
        Visit.objects.filter(
            state__in=[
                VisitState.AGREED,
                VisitState.SCHEDULED,
                VisitState.COMPLETED,
                VisitState.REFLECTED,
            ],
            agreement__host_signed_by__isnull=False,
        )
        .filter(Q(starts_on__gt=today) | Q(ends_on__gte=follow_up_horizon))
        .select_related("visitor", "agreement__host_signed_by", "window__offer__organisation")
        .prefetch_related("agreement__amendments")
    )


def _reminds(visit: Visit, phase: str, today: date) -> bool:
    if why_closed(visit, phase, today):
        return False
    if phase == Phase.BEFORE:
        return today < visit.starts_on  # of no use once the visit has begun
    if phase == Phase.AFTER:
        return visit.ends_on >= today - LATE
    return follow_up_opens(visit) >= today - LATE
