"""The reflection logs on the pages of the visits (which cannot import this package): the
reflections due on the dashboard, and the way to the log on a visit's page."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from wagtail import hooks

from cms import plugins
from exchange.reflections import reminders, selectors, services
from exchange.reflections.admin import ReflectionQuestionViewSet


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
    """How many reflections are due: a count only, since the logs are their authors' alone."""
    return [{"label": _("Reflections due"), "count": len(reminders.due()), "url": "", "order": 20}]
