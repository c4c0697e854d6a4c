from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail import hooks

from cms import plugins
from exchange.surveys import reminders, services
from exchange.surveys.admin import SurveyViewSet
from exchange.surveys.models import SurveyKind
from exchange.visits.guidance import Guidance


@hooks.register("register_admin_viewset")
def register_surveys():
    return SurveyViewSet()


@hooks.register(plugins.VISIT_PAGE_SECTIONS)
def surveys_of_the_visit(request, visit) -> str:
    """The surveys this person answers about the visit, once they are open, with their status."""
    if not services.answers_surveys(visit, request.user):
        return ""
    surveys = []
    for kind in SurveyKind:
        if services.why_closed(visit, kind, request.user):
            continue
        response = services.response_of(visit, kind, request.user)
        status = "not_started" if response is None else "draft"
        if response is not None and response.submitted_at:
            status = "done"
        surveys.append({"kind": kind, "status": status})
    if not surveys:
        return ""
    return render_to_string(
        "exchange/surveys/visit_section.html", {"visit": visit, "surveys": surveys}, request=request
    )


@hooks.register(plugins.MEMBER_DASHBOARD_SECTIONS)
def surveys_due(request) -> str:
    due = [
        {"visit": item.visit, "kind": SurveyKind(item.kind.removeprefix("survey_"))}
        for item in reminders.due(person=request.user)
    ]
    if not due:
        return ""
    return render_to_string(
        "exchange/surveys/dashboard_section.html", {"due": due}, request=request
    )


@hooks.register(plugins.COORDINATOR_HOME_ROWS)
def surveys_due_in_the_network(request) -> list[dict]:
    return [
        {
            "label": _("Surveys due"),
            "count": len(reminders.due()),
            "url": reverse("exchange_surveys:index"),
            "order": 21,
        }
    ]


@hooks.register(plugins.VISIT_NEXT_STEPS, order=20)
def survey_to_answer(visit, user, today) -> Guidance | None:
    """A survey about the visit open to this person and not sent yet."""
    if not services.answers_surveys(visit, user):
        return None
    for kind in SurveyKind:
        if services.why_closed(visit, kind, user, today):
            continue
        response = services.response_of(visit, kind, user)
        if response is None or response.submitted_at is None:
            return Guidance(
                _("Answer the survey"),
                link=reverse("visit_survey", args=[visit.pk, kind.value]),
            )
    return None
