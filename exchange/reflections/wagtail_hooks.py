"""The reflection logs on the pages of the visits (which cannot import this package): the
reflections due on the dashboard, the way to the log on a visit's page, and the reflection as a
visit's next step."""

from datetime import date

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks

from cms import plugins
from exchange.reflections import reminders, selectors, services
from exchange.reflections.admin import ReflectionQuestionViewSet
from exchange.reflections.models import Phase
from exchange.visits.guidance import Guidance
from exchange.visits.models import VisitState


@hooks.register("register_admin_viewset")
def register_reflection_questions():
    return ReflectionQuestionViewSet()


@hooks.register(plugins.MEMBER_DASHBOARD_SECTIONS)
def reflections_due(request) -> str:
    due = selectors.due_for(request.user)
    if not due:
        return ""
    return render_to_string(
        "exchange/reflections/dashboard_section.html", {"due": due}, request=request
    )


@hooks.register(plugins.VISIT_PAGE_SECTIONS)
def reflection_log_link(request, visit) -> str:
    keeps = services.keeps_log(visit, request.user)
    if not keeps and not selectors.shared_with(request.user, visit).exists():
        return ""
    open_phases = (
        [phase for phase in selectors.log_of(visit, request.user) if not phase.why_closed]
        if keeps
        else []
    )
    return render_to_string(
        "exchange/reflections/visit_section.html",
        {"visit": visit, "keeps": keeps, "open_phases": open_phases},
        request=request,
    )


@hooks.register(plugins.COORDINATOR_HOME_ROWS)
def reflections_due_in_the_network(request) -> list[dict]:
    """How many reflections are due: a count only, since the logs are their authors' alone. It
    leads to the visits that took place and wait for their reflection, never to a log."""
    waiting = reverse("exchange_visit:index") + f"?state={VisitState.COMPLETED}"
    return [
        {"label": _("Reflections due"), "count": len(reminders.due()), "url": waiting, "order": 20}
    ]


WRITE = {
    Phase.AFTER: gettext_lazy("Write your reflection"),
    Phase.FOLLOW_UP: gettext_lazy("Write your follow-up reflection"),
}


@hooks.register(plugins.VISIT_NEXT_STEPS, order=10)
def reflection_to_write(visit, user, today: date) -> Guidance | None:
    """After the visit, and again at the follow-up: the reflection phase open and unanswered."""
    if not services.keeps_log(visit, user):
        return None
    for phase in selectors.log_of(visit, user, today):
        if phase.phase in WRITE and not phase.why_closed and phase.status != selectors.DONE:
            return Guidance(
                str(WRITE[phase.phase]),
                link=reverse("reflection_phase", args=[visit.pk, phase.phase]),
            )
    return None


@hooks.register(plugins.VISIT_NEXT_STEPS, order=30)
def follow_up_to_come(visit, user, today: date) -> Guidance | None:
    """Nothing to do now, but the follow-up is still to come: say when (after the surveys)."""
    if not services.keeps_log(visit, user) or today >= (opens := services.follow_up_opens(visit)):
        return None
    return Guidance(
        _("Nothing to do until the follow-up"),
        _("The follow-up reflection opens on %(date)s.") % {"date": date_format(opens)},
        turn="none",
    )
