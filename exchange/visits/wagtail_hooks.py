"""Visits in the Wagtail admin: the coordinators' list of every visit, and on the admin home the
requests that wait for a host and the visits by state; on an organisation's or a practice's
public page, the hosting offers where a member can see it (for signed-in members only)."""

from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail import hooks

from cms import plugins
from exchange.visits import reminders
from exchange.visits.admin import VisitViewSet, WaitingForHostPanel
from exchange.visits.models import HostingOffer, Visit, VisitState


@hooks.register("register_admin_viewset")
def register_visits():
    return VisitViewSet()


@hooks.register("construct_homepage_panels")
def requests_waiting_for_host(request, panels):
    if request.user.has_perm("exchange.view_visit") and Visit.objects.waiting_for_host().exists():
        panels.append(WaitingForHostPanel())


@hooks.register("after_edit_user")
@hooks.register("after_delete_user")
@hooks.register("exchange_after_profile_change")  # exchange/membership/admin.py
def tell_when_hosts_change(request, instance):
    """A host deactivated, deleted or no longer hosting in the admin may have been their
    organisation's last: its open requests are told about at once (reminders.py)."""
    transaction.on_commit(reminders.tell_waiting_for_host, robust=True)


@hooks.register(plugins.COORDINATOR_HOME_ROWS)
def visits_by_state(request) -> list[dict]:
    """Requests waiting for a host's answer, then the visits in each state under way."""
    counts = dict(Visit.objects.values_list("state").annotate(n=Count("pk")).order_by())
    index = reverse("exchange_visit:index")
    rows = [
        {
            "label": _("Visit requests waiting for the host's answer"),
            "count": counts.get(VisitState.PROPOSED, 0),
            "url": f"{index}?state={VisitState.PROPOSED}",
            "order": 10,
        }
    ]
    under_way = [
        (VisitState.ACCEPTED, _("Visits accepted, the agreement not yet signed by both")),
        (VisitState.AGREED, _("Visits agreed, the agenda not yet set")),
        (VisitState.SCHEDULED, _("Visits scheduled")),
    ]
    for order, (state, label) in enumerate(under_way, start=11):
        rows.append(
            {
                "label": label,
                "count": counts.get(state, 0),
                "url": f"{index}?state={state}",
                "order": order,
            }
        )
    return rows


def _offers_section(request, offers, heading) -> str:
    """Hosting offers are for members: nothing at all for anyone else."""
    if not request.user.is_authenticated:
        return ""
    offers = list(offers.filter(organisation__live=True).select_related("organisation"))
    if not offers:
        return ""
    return render_to_string(
        "exchange/visits/offers_section.html",
        {"offers": offers, "heading": heading},
        request=request,
    )


@hooks.register(plugins.ORGANISATION_PAGE_MEMBERS_ONLY)
def offers_of_the_organisation(request, organisation) -> str:
    return _offers_section(
        request,
        HostingOffer.objects.taking_visitors().filter(organisation=organisation),
        _("Visit this organisation"),
    )


@hooks.register(plugins.PRACTICE_PAGE_MEMBERS_ONLY)
def offers_to_observe_the_practice(request, practice) -> str:
    return _offers_section(
        request,
        HostingOffer.objects.taking_visitors().filter(practices=practice),
        _("See it on a visit"),
    )
