"""The member's overview: the dashboard (what to do next), the welcome page after sign-up, every
visit in one list, and the calendar feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from cms import plugins
from exchange.visits import calendar, onboarding
from exchange.visits import guidance as visit_guidance
from exchange.visits.models import Application, CalendarFeed, HostingOffer, Visit, VisitState
from exchange.visits.rules import hosted_organisation_id
from exchange.visits.standing import standings

VISITS_PER_PAGE = 50
# The visits a host has something to do about, or to expect, on the dashboard.
HOST_WORKS_ON = [VisitState.PROPOSED, VisitState.ACCEPTED, VisitState.AGREED, VisitState.SCHEDULED]


# --- dashboard and calendar --------------------------------------------------------------------


def _guided(visits, user) -> list[Visit]:
    """Each visit with its guidance for `user`, the ones waiting for this person first."""
    guided = list(visits)
    for visit in guided:
        visit.guidance = visit_guidance.guidance(visit, user)
    return sorted(guided, key=lambda visit: (visit.guidance.turn != "todo", visit.starts_on))


@require_safe
@login_required
def dashboard(request):
    """What this member does next: their first steps until done, then each open visit (theirs
    and their organisation's) with its next step, surveys and reflections due, applications."""
    user = request.user
    hosted = hosted_organisation_id(user)
    first_steps = onboarding.first_steps(user)
    mine = _guided(Visit.objects.for_visitor(user).with_steps(), user)
    applications = list(
        Application.objects.filter(applicant=user, withdrawn_at=None)
        .select_related("challenge", "offer")
        .order_by("-created_at")
    )
    where = standings(applications)
    for application in applications:
        application.standing = where[application.pk]
    context = {
        "first_steps": [] if onboarding.all_done(first_steps) else first_steps,
        "my_visits": [visit for visit in mine if visit.guidance.turn != "none"],
        "applications": applications,
        "is_host": hosted is not None,
        "sections": plugins.sections(plugins.MEMBER_DASHBOARD_SECTIONS, request),
    }
    if hosted is not None:
        context["hosted_visits"] = _guided(
            Visit.objects.for_host(user).with_steps().filter(state__in=HOST_WORKS_ON),
            user,
        )
        context["offers"] = HostingOffer.objects.filter(organisation_id=hosted)
    return render(request, "exchange/visits/dashboard.html", context)


@require_safe
@login_required
def welcome(request):
    """The first page after sign-up: what to do first."""
    return render(
        request,
        "exchange/visits/welcome.html",
        {"first_steps": onboarding.first_steps(request.user)},
    )


@require_safe
@login_required
def visit_list(request):
    """Every visit this member made or their organisation hosted, newest first, with its state."""
    user = request.user
    visits = Visit.objects.of_member(user).with_details().order_by("-starts_on", "-pk")
    page = Paginator(visits, VISITS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "exchange/visits/visit_list.html", {"page_obj": page, "visits": page.object_list}
    )


@never_cache
@login_required
def calendar_settings(request):
    """The member's private feed address; POST gives a new one (the old one stops working)."""
    if request.method == "POST":
        calendar.feed_renew(user=request.user)
        messages.success(request, _("Your calendar address is new: the old one no longer works."))
        return redirect("calendar_settings")
    feed = calendar.feed_of(request.user)
    return render(
        request,
        "exchange/visits/calendar_settings.html",
        {"feed_url": request.build_absolute_uri(calendar.feed_path(feed))},
    )


@require_safe
def calendar_feed(request, token: str):
    feed = CalendarFeed.objects.filter(token=token, user__is_active=True).select_related("user")
    feed = feed.first()
    if feed is None:
        raise Http404
    response = HttpResponse(calendar.feed(feed.user), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
