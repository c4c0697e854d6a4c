"""Taking a visit home, on the pages below this package: the way to the take-home page on a
visit's page, what to do next about it, the concern channel on every practice page, and the
coordinators' list of concerns in the admin."""

from datetime import date

from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks

from cms import plugins
from exchange.roles import CoordinatorsMenuItem
from exchange.transfer import selectors, services, views
from exchange.transfer.models import Concern, Intention
from exchange.visits.guidance import Guidance
from exchange.visits.rules import roles_of
from exchange.visits.steps import HOST, VISITOR


@hooks.register("register_admin_urls")
def register_concern_urls():
    return [
        path("concerns/", views.concerns, name="transfer_concerns"),
        path("concerns/<int:concern_id>/handled/", views.concern_handled, name="concern_handled"),
    ]


@hooks.register("register_admin_menu_item")
def register_concerns_menu_item():
    return CoordinatorsMenuItem(
        gettext_lazy("Concerns"), reverse("transfer_concerns"), icon_name="warning", order=285
    )


@hooks.register(plugins.COORDINATOR_HOME_ROWS)
def concerns_open(request) -> list[dict]:
    return [
        {
            "label": _("Concerns about practices to look into"),
            "count": Concern.objects.filter(handled_at__isnull=True).count(),
            "url": reverse("transfer_concerns"),
            "order": 15,
        }
    ]


@hooks.register(plugins.VISIT_PAGE_SECTIONS)
def take_home_link(request, visit) -> str:
    roles = roles_of(visit, request.user)
    if not roles & {VISITOR, HOST} or visit.state not in services.LISTS_PRACTICES:
        return ""
    return render_to_string(
        "exchange/transfer/visit_section.html",
        {"visit": visit, "seen": selectors.practices_of(visit), "is_visitor": VISITOR in roles},
        request=request,
    )


@hooks.register(plugins.VISIT_NEXT_STEPS, order=25)
def take_home_next(visit, user, today: date) -> Guidance | None:
    """For the visitor after the visit: list what they saw, say what they mean to do with it,
    answer a follow-up that is open."""
    if visit.visitor_id != user.pk or visit.state not in services.TOOK_PLACE:
        return None
    link = reverse("transfer_take_home", args=[visit.pk])
    seen = list(visit.practices_seen.all())
    if not seen:
        if today < services.opens_on(visit, services.FOLLOW_UP_MONTHS[0]):
            return Guidance(_("List the practices you saw"), link=link)
        return None
    if any(not item.intention for item in seen):
        return Guidance(_("Say what you will do with the practices you saw"), link=link)
    if all(item.intention == Intention.NOT_FOR_US for item in seen):
        return None  # nothing left to follow up
    for step in selectors.follow_up_steps(visit, today):
        if step.is_open:
            return Guidance(
                _("Answer the %(months)s-month follow-up") % {"months": step.month},
                link=reverse("transfer_follow_up", args=[visit.pk, step.month]),
            )
    return None


@hooks.register(plugins.PRACTICE_PAGE_SECTIONS, order=90)
def report_a_concern(request, practice) -> str:
    return render_to_string(
        "exchange/transfer/concern_link.html", {"practice": practice}, request=request
    )
