"""Hosting offers and the applications made to them (a direct request to an offer, or an
application waiting for a matching round)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from exchange.roles import is_coordinator
from exchange.visits import offers
from exchange.visits import services as visits
from exchange.visits.forms import (
    ApplicationForm,
    OfferForm,
    WindowFormSet,
)
from exchange.visits.models import Application, HostingOffer, OfferWindow
from exchange.visits.rules import VisitError, hosted_organisation_id, own_organisation_id
from exchange.visits.standing import standings


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
            "standing": standings([application])[application.pk],
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
