"""A visit's page and its steps: one-click steps, the agreement, amendments, the agenda and the
messages between the visitor and the hosts. A refused step answers 409 with the reason on the
visit's page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cms import plugins
from exchange.visits import agreements, steps
from exchange.visits import guidance as visit_guidance
from exchange.visits import messages as visit_messages
from exchange.visits import services as visits
from exchange.visits.forms import (
    AgendaItemForm,
    AgreementForm,
    AmendmentForm,
    MessageForm,
    ReasonForm,
)
from exchange.visits.mail import hosts_of
from exchange.visits.models import Amendment, Visit
from exchange.visits.rules import VISITOR, VisitError, allowed, roles_of
from exchange.visits.titles import visit_title

# --- a visit -----------------------------------------------------------------------------------


def _visit_for(user, pk: int) -> Visit:
    return get_object_or_404(Visit.objects.visible_to(user).with_details(), pk=pk)


def _visit_page(request, visit: Visit, *, error: str = "", status: int = 200, **forms):
    agreement = getattr(visit, "agreement", None)
    terms = agreement.terms() if agreement else None
    guidance = visit_guidance.guidance(visit, request.user)
    context = {
        "visit": visit,
        "heading": visit_title(visit, request.user),
        "guidance": guidance,
        "buttons": [step for step in steps.BUTTONS if step.name in guidance.steps],
        "sign": steps.STEPS["agreement_sign"],
        "agreement": agreement,
        "terms": terms,
        **_signatures(visit, agreement, request.user),
        "amendments": agreements.amendments_in_words(agreement) if agreement else [],
        "agenda": visit.agenda.all(),
        "error": error,
        "reason_form": forms.get("reason_form") or ReasonForm(),
        "decline_amendment_form": forms.get("decline_amendment_form")
        or ReasonForm(prefix="decline-amendment"),
        "agreement_form": forms.get("agreement_form")
        or (AgreementForm(initial=terms) if agreement else None),
        "amendment_form": forms.get("amendment_form") or AmendmentForm(),
        "agenda_form": forms.get("agenda_form")
        or AgendaItemForm(initial={"day": visit.starts_on.isoformat()}, visit=visit),
        "sections": plugins.sections(plugins.VISIT_PAGE_SECTIONS, request, visit),
        "may_talk": visit_messages.may_talk(visit, request.user),
        "may_write": visit_messages.may_write(visit, request.user),
        "visit_messages": visit_messages.messages_of(visit, request.user),
        "message_form": forms.get("message_form") or MessageForm(),
        "hosts": hosts_of(visit),
    }
    return render(request, "exchange/visits/visit_detail.html", context, status=status)


def _signatures(visit: Visit, agreement, user) -> dict:
    """Whether this person's side and the other side have signed: the page shows the agreement
    read-only to a side that has signed, and says what saving a change does to signatures."""
    if agreement is None:
        return {}
    roles = roles_of(visit, user)
    mine = agreement.visitor_signed_at if VISITOR in roles else agreement.host_signed_at
    other = agreement.host_signed_at if VISITOR in roles else agreement.visitor_signed_at
    return {"signed_by_me": bool(mine), "signed_by_other": bool(other)}


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


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def visit_cancel(request, pk: int):
    """Cancelling asks first, on a page of its own: what it does, and a reason the other side
    reads (required, its error linked to it)."""
    visit = _visit_for(request.user, pk)
    if not allowed(visit, "cancel", request.user):
        raise Http404
    form, status, error = ReasonForm(), 200, ""
    if request.method == "POST":
        form = ReasonForm(request.POST)
        if form.is_valid():
            try:
                visits.visit_cancel(visit_id=visit.pk, user=request.user, **form.cleaned_data)
            except VisitError as refused:
                error, status = str(refused), 409
            else:
                messages.success(request, _("The visit is cancelled."))
                return redirect("visit_detail", pk=pk)
        else:
            status = 400
    context = {
        "visit": visit,
        "heading": visit_title(visit, request.user),
        "form": form,
        "error": error,
    }
    return render(request, "exchange/visits/visit_cancel.html", context, status=status)


@require_POST
@login_required
def visit_step(request, pk: int, step: str):
    """A step the visit page takes with one click, or with a reason (exchange/visits/steps.py;
    its function registered itself there, as `visits` and `agreements`, imported here, load)."""
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
        steps.PAGE_SERVICES[step](visit_id=visit.pk, user=request.user, **data)
    except VisitError as error:
        return _visit_page(request, _visit_for(request.user, pk), error=str(error), status=409)
    messages.success(request, _("Done: %(step)s.") % {"step": taken.done})
    return redirect("visit_detail", pk=pk)


def _form_step(request, pk: int, form_class, form_name: str, step, done: str = "", **form_kwargs):
    """A visit step fed by a form: 400 with the form's errors, 409 with the step's refusal,
    else back to the visit's page."""
    visit = _visit_for(request.user, pk)
    form = form_class(request.POST, **{key: value(visit) for key, value in form_kwargs.items()})
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
    def save(data):
        before = getattr(_visit_for(request.user, pk), "agreement", None)
        was_signed = bool(before and (before.visitor_signed_at or before.host_signed_at))
        saved = agreements.agreement_update(visit_id=pk, user=request.user, terms=data)
        if was_signed and not (saved.visitor_signed_at or saved.host_signed_at):
            messages.success(request, _("The agreement is saved; both sides sign the new text."))
        else:
            messages.success(request, _("The agreement is saved."))

    return _form_step(request, pk, AgreementForm, "agreement_form", save)


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
def amendment_decline(request, pk: int, number: int):
    visit = _visit_for(request.user, pk)
    amendment = get_object_or_404(Amendment, agreement__visit=visit, number=number)
    form = ReasonForm(request.POST, prefix="decline-amendment")
    if not form.is_valid():
        return _visit_page(request, visit, status=400, decline_amendment_form=form)
    try:
        agreements.amendment_decline(
            amendment_id=amendment.pk, user=request.user, reason=form.cleaned_data["reason"]
        )
    except VisitError as error:
        return _visit_page(request, visit, error=str(error), status=409)
    messages.success(request, _("The amendment is declined: the agreement stays as it was."))
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
        visit=lambda visit: visit,
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
