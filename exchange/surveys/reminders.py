"""Reminders to answer the surveys, for `manage.py send_reminders`: once per survey and person
(the visitor and the host mentor), while the survey is open and not answered, and only for a
while (a visit long past gets none). The e-mail links to the survey, never to an answer."""

from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exchange.notifications import kinds
from exchange.reflections.services import follow_up_opens
from exchange.surveys.models import SurveyKind, SurveyResponse
from exchange.surveys.services import ANSWERED_STATES, respondents, why_closed
from exchange.visits.mail import VisitMail
from exchange.visits.models import Visit
from exchange.visits.reminders import Due


def _reminder(kind: SurveyKind, subject, host_subject) -> VisitMail:
    return VisitMail(
        f"survey_{kind.value}",
        subject,
        template="exchange/surveys/email/reminder.txt",
        link_label=_("The survey:"),
        page=lambda visit: reverse("visit_survey", args=[visit.pk, kind.value]),
        host_subject=host_subject,
        notice=kinds.SURVEY,
    )


KINDS = {
    SurveyKind.AFTER_VISIT: _reminder(
        SurveyKind.AFTER_VISIT,
        _("Your visit to %(organisation)s: a few questions, please"),
        _("Hosting %(visitor)s: a few questions, please"),
    ),
    SurveyKind.FOLLOW_UP: _reminder(
        SurveyKind.FOLLOW_UP,
        _("Months after your visit to %(organisation)s: a short survey"),
        _("Months after hosting %(visitor)s: a short survey"),
    ),
}
LATE = timedelta(days=60)  # a survey open this long without a reminder gets none any more


def due(today: date | None = None, person=None) -> list[Due]:
    """The surveys to remind of (with `person`, only theirs: their dashboard's list)."""
    today = today or timezone.localdate()
    horizon = today - timedelta(days=31 * 12) - LATE  # the follow-up setting is in months
    visits = Visit.objects.filter(state__in=ANSWERED_STATES, ends_on__gte=horizon)
    if person is not None:
        visits = visits.filter(Q(visitor=person) | Q(agreement__host_signed_by=person))
    visits = list(
        visits.select_related("visitor", "agreement__host_signed_by", "window__offer__organisation")
    )
    answered = set(
        SurveyResponse.objects.filter(visit__in=visits, submitted_at__isnull=False).values_list(
            "visit_id", "survey__kind", "respondent_id"
        )
    )
    found = []
    for visit in visits:
        opened = {
            SurveyKind.AFTER_VISIT: visit.ends_on,
            SurveyKind.FOLLOW_UP: follow_up_opens(visit),
        }
        for kind, event in KINDS.items():
            if opened[kind] < today - LATE:
                continue
            for respondent in respondents(visit):
                if person is not None and respondent.pk != person.pk:
                    continue
                if (visit.pk, kind, respondent.pk) in answered or why_closed(
                    visit, kind, respondent, today
                ):
                    continue
                found.append(Due(visit, event, respondent))
    return [item for item in found if item.recipient.is_active]
