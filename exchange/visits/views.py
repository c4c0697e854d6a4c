"""Member views of the visit workflow: offers, applications, a visit's page and its steps, the
dashboard and the calendar feed. They translate requests into the steps (services.py,
agreements.py); a refused step answers 409 with the reason on the visit's page. What a user may
not see answers 404, so an id reveals nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from wagtail import hooks

from exchange import notifications
from exchange.models import (
    Amendment,
    Application,
    CalendarFeed,
    HostingOffer,
    OfferWindow,
    Visit,
    VisitState,
)
from exchange.roles import is_coordinator
from exchange.visits import agreements, calendar, offers, onboarding, steps
from exchange.visits import guidance as visit_guidance
from exchange.visits import messages as visit_messages
from exchange.visits import services as visits
from exchange.visits.forms import (
    AgendaItemForm,
    AgreementForm,
    AmendmentForm,
    ApplicationForm,
    MessageForm,
    OfferForm,
    ReasonForm,
    WindowFormSet,
)
from exchange.visits.rules import VisitError, hosted_organisation_id, own_organisation_id

VISITS_PER_PAGE = 50
# The visits a host has something to do about, or to expect, on the dashboard.
HOST_WORKS_ON = [VisitState.PROPOSED, VisitState.ACCEPTED, VisitState.AGREED, VisitState.SCHEDULED]


def visible_offers(user):
    """The offers taking visitors, and every offer of the organisation `user` hosts for."""
    own = hosted_organisation_id(user)
    taking = HostingOffer.objects.taking_visitors().values("pk")
    return HostingOffer.objects.filter(Q(pk__in=taking) | Q(organisation_id=own)).filter(
        organisation__live=True
    )


# --- offers ------------------------------------------------------------------------------------


@require_safe
@login_required
def offer_list(request):
    offers = (
        visible_offers(request.user)
        .select_related("organisation")
        .prefetch_related(
            "challenges",
            "languages",
            Prefetch(
                "windows", queryset=OfferWindow.objects.filter(ends_on__gte=timezone.localdate())
            ),
        )
    )
    return render(
        request,
        "exchange/visits/offer_list.html",
        {"offers": offers, "can_offer": hosted_organisation_id(request.user) is not None},
    )


@require_safe
@login_required
def offer_detail(request, pk: int):
    offer = get_object_or_404(visible_offers(request.user).select_related("organisation"), pk=pk)
    return render(
        request,
        "exchange/visits/offer_detail.html",
        {
            "offer": offer,
            "windows": offer.windows.filter(ends_on__gte=timezone.localdate()),
            "is_host": offer.organisation_id == hosted_organisation_id(request.user),
            "is_own": offer.organisation_id == own_organisation_id(request.user),
        },
    )


@login_required
def offer_edit(request, pk: int | None = None):
    """A host creates or edits an offer of their own organisation, with its windows."""
    organisation_id = hosted_organisation_id(request.user)
    if organisation_id is None:
        raise PermissionDenied(_("Only the hosts of an organisation publish its offers."))
    offer = (
        get_object_or_404(HostingOffer, pk=pk, organisation_id=organisation_id)
        if pk
        else HostingOffer(organisation_id=organisation_id)
    )
    organisation = request.user.profile.organisation
    form = OfferForm(request.POST or None, instance=offer, organisation=organisation)
    windows = WindowFormSet(request.POST or None, instance=offer, prefix="windows")
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid() and windows.is_valid():
        relations = {name: form.cleaned_data[name] for name in OfferForm.RELATIONS}
        fields = {name: value for name, value in form.cleaned_data.items() if name not in relations}
        try:
            offer = offers.offer_save(
                offer=offer,
                fields=fields,
                relations=relations,
                windows=windows.terms(),
                user=request.user,
            )
        except offers.OfferError as error:
            windows.non_form_errors().append(str(error))
            status = 409
        else:
            messages.success(request, _("The offer is saved."))
            return redirect("offer_detail", pk=offer.pk)
    return render(
        request,
        "exchange/visits/offer_form.html",
        {"form": form, "windows": windows, "offer": offer},
        status=status,
    )


# --- applications ------------------------------------------------------------------------------


@login_required
def application_create(request):
    offer = None
    if offer_id := request.GET.get("offer"):
        if not offer_id.isdigit():
            raise Http404
        offer = get_object_or_404(
            HostingOffer.objects.taking_visitors().filter(organisation__live=True), pk=offer_id
        )
    if getattr(request.user, "profile", None) is None:
        raise PermissionDenied(_("Only members of an organisation can apply for a visit."))
    if offer and offer.organisation_id == own_organisation_id(request.user):
        raise PermissionDenied(_("This is your own organisation's offer: visits go abroad."))
    form = ApplicationForm(request.POST or None, offer=offer, profile=request.user.profile)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields if name != "languages"}
        try:
            application = visits.application_submit(
                applicant=request.user,
                data=data,
                languages=form.cleaned_data["languages"],
                window=form.cleaned_data.get("window"),
                starts_on=form.cleaned_data.get("visit_starts_on"),
                ends_on=form.cleaned_data.get("visit_ends_on"),
            )
        except VisitError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Your request is sent to the host.")
                if offer
                else _("Your application is saved: it waits for the next matching round."),
            )
            return redirect("application_detail", pk=application.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "exchange/visits/application_form.html",
        {"form": form, "offer": offer},
        status=status,
    )


def _application_for(user, pk: int) -> Application:
    applications = Application.objects.select_related("challenge", "organisation", "offer")
    if not is_coordinator(user):
        applications = applications.filter(applicant=user)
    return get_object_or_404(applications, pk=pk)


@require_safe
@login_required
def application_detail(request, pk: int):
    application = _application_for(request.user, pk)
    return render(
        request,
        "exchange/visits/application_detail.html",
        {
            "application": application,
            "visits": application.visits.with_details(),
            "is_applicant": application.applicant_id == request.user.pk,
        },
    )


@require_POST
@login_required
def application_withdraw(request, pk: int):
    application = _application_for(request.user, pk)
    try:
        visits.application_withdraw(application=application, user=request.user)
    except VisitError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect("application_detail", pk=pk)


def _sections(hook_name: str, request, *args) -> list[str]:
    """Sections that capabilities built on the visits add to their pages (the reflection log):
    each hook returns HTML, or "" for whom it is not meant."""
    return [section for hook in hooks.get_hooks(hook_name) if (section := hook(request, *args))]


# --- a visit -----------------------------------------------------------------------------------


def _visit_for(user, pk: int) -> Visit:
    return get_object_or_404(Visit.objects.visible_to(user).with_details(), pk=pk)


def _visit_page(request, visit: Visit, *, error: str = "", status: int = 200, **forms):
    agreement = getattr(visit, "agreement", None)
    terms = agreement.terms() if agreement else None
    guidance = visit_guidance.guidance(visit, request.user)
    context = {
        "visit": visit,
        "guidance": guidance,
        "buttons": [step for step in steps.BUTTONS if step.name in guidance.steps],
        "sign": steps.STEPS["agreement_sign"],
        "agreement": agreement,
        "terms": terms,
        "amendments": agreement.amendments.all() if agreement else [],
        "agenda": visit.agenda.all(),
        "error": error,
        "reason_form": forms.get("reason_form") or ReasonForm(),
        "agreement_form": forms.get("agreement_form")
        or (AgreementForm(initial=terms) if agreement else None),
        "amendment_form": forms.get("amendment_form") or AmendmentForm(),
        "agenda_form": forms.get("agenda_form") or AgendaItemForm(initial={"day": visit.starts_on}),
        "sections": _sections("visit_page_sections", request, visit),
        "may_talk": visit_messages.may_talk(visit, request.user),
        "may_write": visit_messages.may_write(visit, request.user),
        "visit_messages": visit_messages.messages_of(visit, request.user),
        "message_form": forms.get("message_form") or MessageForm(),
        "hosts": notifications.hosts_of(visit),
    }
    return render(request, "exchange/visits/visit_detail.html", context, status=status)


@require_safe
@login_required
def agreement_print(request, pk: int):
    """The learning agreement on one page, to print or keep as a PDF from the browser."""
    visit = _visit_for(request.user, pk)
    agreement = getattr(visit, "agreement", None)
    if agreement is None:
        raise Http404
    return render(
        request,
        "exchange/visits/agreement_print.html",
        {
            "visit": visit,
            "agreement": agreement,
            "terms": agreement.terms(),
            "amendments": [a for a in agreement.amendments.all() if a.is_confirmed],
        },
    )


@require_safe
@login_required
def visit_detail(request, pk: int):
    return _visit_page(request, _visit_for(request.user, pk))


@require_POST
@login_required
def visit_step(request, pk: int, step: str):
    """A step the visit page takes with one click, or with a reason (exchange/visits/steps.py)."""
    if step not in steps.PAGE_STEPS:
        raise Http404
    taken = steps.PAGE_STEPS[step]
    visit = _visit_for(request.user, pk)
    data = {}
    if taken.needs_reason:
        form = ReasonForm(request.POST)
        if not form.is_valid():
            return _visit_page(
                request, visit, reason_form=form, status=400, error=_("Give a reason.")
            )
        data = form.cleaned_data
    try:
        import_string(taken.service)(visit_id=visit.pk, user=request.user, **data)
    except VisitError as error:
        return _visit_page(request, _visit_for(request.user, pk), error=str(error), status=409)
    messages.success(request, _("Done: %(step)s.") % {"step": taken.done})
    return redirect("visit_detail", pk=pk)


def _form_step(request, pk: int, form_class, form_name: str, step, done: str = ""):
    """A visit step fed by a form: 400 with the form's errors, 409 with the step's refusal,
    else back to the visit's page."""
    visit = _visit_for(request.user, pk)
    form = form_class(request.POST)
    if not form.is_valid():  # the form's own error summary says what to correct
        return _visit_page(request, visit, status=400, **{form_name: form})
    try:
        step(form.cleaned_data)
    except VisitError as error:
        return _visit_page(request, visit, error=str(error), status=409, **{form_name: form})
    if done:
        messages.success(request, done)
    return redirect("visit_detail", pk=pk)


@require_POST
@login_required
def agreement_edit(request, pk: int):
    return _form_step(
        request,
        pk,
        AgreementForm,
        "agreement_form",
        lambda data: agreements.agreement_update(visit_id=pk, user=request.user, terms=data),
        _("The agreement is saved. Both sides sign it again."),
    )


@require_POST
@login_required
def amendment_propose(request, pk: int):
    def propose(data):
        changes = {name: data[name] for name in AmendmentForm.Meta.fields if name != "reason"}
        agreements.amendment_propose(
            visit_id=pk, user=request.user, reason=data["reason"], changes=changes
        )

    return _form_step(
        request,
        pk,
        AmendmentForm,
        "amendment_form",
        propose,
        _("The amendment is proposed: the other side confirms it."),
    )


@require_POST
@login_required
def amendment_confirm(request, pk: int, number: int):
    visit = _visit_for(request.user, pk)
    amendment = get_object_or_404(Amendment, agreement__visit=visit, number=number)
    try:
        agreements.amendment_confirm(amendment_id=amendment.pk, user=request.user)
    except VisitError as error:
        return _visit_page(request, visit, error=str(error), status=409)
    messages.success(request, _("The amendment is confirmed."))
    return redirect("visit_detail", pk=pk)


@require_POST
@login_required
def message_send(request, pk: int):
    return _form_step(
        request,
        pk,
        MessageForm,
        "message_form",
        lambda data: visit_messages.message_send(visit_id=pk, user=request.user, text=data["text"]),
        _("Your message is sent."),
    )


@require_POST
@login_required
def agenda_add(request, pk: int):
    return _form_step(
        request,
        pk,
        AgendaItemForm,
        "agenda_form",
        lambda data: visits.agenda_add(visit_id=pk, user=request.user, item=data),
    )


@require_POST
@login_required
def agenda_remove(request, pk: int, item: int):
    visit = _visit_for(request.user, pk)
    try:
        visits.agenda_remove(visit_id=pk, user=request.user, item_id=item)
    except VisitError as error:
        return _visit_page(request, visit, error=str(error), status=409)
    return redirect("visit_detail", pk=pk)


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
    context = {
        "first_steps": [] if onboarding.all_done(first_steps) else first_steps,
        "my_visits": [visit for visit in mine if visit.guidance.turn != "none"],
        "applications": Application.objects.filter(applicant=user, withdrawn_at=None)
        .select_related("challenge", "offer")
        .annotate(visit_count=Count("visits"))
        .order_by("-created_at"),
        "is_host": hosted is not None,
        "sections": _sections("member_dashboard_sections", request),
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
    visits = (
        Visit.objects.filter(
            Q(pk__in=Visit.objects.for_visitor(user)) | Q(pk__in=Visit.objects.for_host(user))
        )
        .with_details()
        .order_by("-starts_on", "-pk")
    )
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
