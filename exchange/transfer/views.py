"""The take-home page of a visit (the practices it showed; for the visitor, what they mean to
do with each, the follow-ups and what they passed on), its steps, and the form to report a
concern about a practice. What a person may not see answers 404; a refused step comes back on
the page with its reason and what was typed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from cms.models import PracticePage
from exchange.reflections.services import goals_of
from exchange.roles import is_coordinator
from exchange.transfer import selectors, services
from exchange.transfer.forms import (
    ConcernForm,
    FollowUpForm,
    IntentionForm,
    PassedOnForm,
    PracticeForm,
)
from exchange.transfer.models import Concern
from exchange.transfer.services import TransferError
from exchange.visits.models import Visit
from exchange.visits.rules import roles_of
from exchange.visits.steps import HOST, VISITOR


def _visit_for(user, pk: int) -> Visit:
    """The visit, for its visitor and its hosts (the take-home is not the coordinators')."""
    visit = get_object_or_404(Visit.objects.with_details(), pk=pk)
    if not roles_of(visit, user) & {VISITOR, HOST}:
        raise Http404
    return visit


def _query(request) -> str:
    return request.GET.get("q", "").strip()[:200]


def _choices(request, visit, seen) -> tuple[list, list]:
    """The host's practices not listed yet, and those the title search found."""
    listed = {item.row.practice_key for item in seen}
    suggested = selectors.suggested(visit, listed)
    found = [
        page
        for page in selectors.found(_query(request), listed)
        if page.translation_key not in {p.translation_key for p in suggested}
    ]
    return suggested, found


@require_safe
@never_cache
@login_required
def take_home(request, pk: int):
    return _page(request, _visit_for(request.user, pk))


def _page(request, visit, *, forms=None, error="", status=200):
    forms = forms or {}
    seen = selectors.practices_of(visit)
    is_visitor = visit.visitor_id == request.user.pk
    can_list = (
        visit.state in (services.LISTS_PRACTICES if is_visitor else services.BEFORE)
        and visit.visitor_id is not None
    )
    took_place = visit.state in services.TOOK_PLACE
    suggested, found = _choices(request, visit, seen) if can_list else ([], [])
    context = {
        "visit": visit,
        "seen": seen,
        "is_visitor": is_visitor,
        "can_list": can_list,
        "took_place": took_place,
        "query": _query(request),
        "found": found,
        "practice_form": forms.get("practice_form")
        or PracticeForm(practices=suggested + found, goals=goals_of(visit) if is_visitor else []),
        "error": error,
        # The one summary at the top: the refused form's errors, each linked to its field.
        "invalid_form": next((form for form in forms.values() if form.errors), None),
    }
    if is_visitor and took_place:
        for item in seen:
            item.form = forms.get(("intention", item.row.pk)) or IntentionForm(
                prefix=f"intention-{item.row.pk}",
                initial={"intention": item.row.intention, "why": item.row.intention_why},
            )
        context |= {
            "follow_ups": selectors.follow_up_steps(visit) if seen else [],
            "passed_on": selectors.passed_on_of(visit, request.user),
            "passed_on_form": forms.get("passed_on_form") or PassedOnForm(practices=seen),
        }
    return render(request, "exchange/transfer/take_home.html", context, status=status)


@require_POST
@login_required
def practice_add(request, pk: int):
    visit = _visit_for(request.user, pk)
    seen = selectors.practices_of(visit)
    listed = {item.row.practice_key for item in seen}
    # Every practice of the library may be posted: the form offers those the page showed.
    form = PracticeForm(
        request.POST,
        practices=PracticePage.objects.live()
        .exclude(translation_key__in=listed)
        .filter(pk=_int(request.POST.get("practice"))),
        goals=goals_of(visit) if visit.visitor_id == request.user.pk else [],
    )
    if not form.is_valid():
        suggested, found = _choices(request, visit, seen)
        form.fields["practice"].choices = [(page.pk, page.title) for page in suggested + found]
        return _page(request, visit, forms={"practice_form": form}, status=400)
    try:
        added = services.practice_add(
            visit_id=visit.pk,
            user=request.user,
            practice_id=form.cleaned_data["practice"],
            goal=form.cleaned_data.get("goal", ""),
        )
    except TransferError as error:
        return _page(request, visit, error=str(error), status=409)
    messages.success(request, _("“%s” is on the list.") % added.practice.title)
    return redirect("transfer_take_home", pk=visit.pk)


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


@require_POST
@login_required
def practice_remove(request, pk: int, seen: int):
    visit = _visit_for(request.user, pk)
    try:
        services.practice_remove(visit_id=visit.pk, user=request.user, seen_id=seen)
    except TransferError as error:
        return _page(request, visit, error=str(error), status=409)
    messages.success(request, _("The practice is off the list."))
    return redirect("transfer_take_home", pk=visit.pk)


@require_POST
@login_required
def intention(request, pk: int, seen: int):
    visit = _visit_for(request.user, pk)
    form = IntentionForm(request.POST, prefix=f"intention-{seen}")
    if not form.is_valid():
        return _page(request, visit, forms={("intention", seen): form}, status=400)
    try:
        services.intention_record(
            visit_id=visit.pk,
            user=request.user,
            seen_id=seen,
            intention=form.cleaned_data["intention"],
            why=form.cleaned_data["why"],
        )
    except TransferError as error:
        forms = {("intention", seen): form}
        return _page(request, visit, forms=forms, error=str(error), status=409)
    messages.success(request, _("Saved."))
    return redirect(reverse("transfer_take_home", args=[visit.pk]) + f"#practice-{seen}")


@never_cache
@login_required
def follow_up(request, pk: int, month: int):
    visit = _visit_for(request.user, pk)
    if visit.visitor_id != request.user.pk or month not in services.FOLLOW_UP_MONTHS:
        raise Http404
    if request.method not in ("GET", "HEAD", "POST"):
        raise Http404
    asked = services.asked_at_follow_up(visit)
    pages = selectors.in_reader_language(asked)
    # Each practice with its answer at this follow-up, once answered.
    answered = [
        (item, item.answers[month])
        for item in selectors.practices_of(visit)
        if month in item.answers
    ]
    forms = [
        (
            seen,
            pages.get(seen.practice_key) or seen.practice,
            FollowUpForm(
                request.POST if request.method == "POST" else None, prefix=f"practice-{seen.pk}"
            ),
        )
        for seen in asked
    ]
    error, status = services.why_follow_up_closed(visit, month), 200
    if request.method == "POST" and not answered and not error:
        if all(form.is_valid() for _seen, _page, form in forms):
            try:
                services.follow_up_answer(
                    visit_id=visit.pk,
                    user=request.user,
                    month=month,
                    answers={seen.pk: form.cleaned_data for seen, _page, form in forms},
                )
            except TransferError as refused:
                error, status = str(refused), 409
            else:
                messages.success(request, _("Thank you: your follow-up is saved."))
                return redirect("transfer_take_home", pk=visit.pk)
        else:
            status = 400
    elif request.method == "POST":
        status = 409
    context = {
        "visit": visit,
        "month": month,
        "opens": services.opens_on(visit, month),
        "forms": forms,
        "answered": answered,
        "error": error,
        "has_errors": status == 400,
    }
    return render(request, "exchange/transfer/follow_up.html", context, status=status)


@require_POST
@login_required
def passed_on_add(request, pk: int):
    visit = _visit_for(request.user, pk)
    form = PassedOnForm(request.POST, practices=selectors.practices_of(visit))
    if not form.is_valid():
        return _page(request, visit, forms={"passed_on_form": form}, status=400)
    try:
        services.passed_on_add(
            visit_id=visit.pk,
            user=request.user,
            kind=form.cleaned_data["kind"],
            on=form.cleaned_data["on"],
            colleagues=form.cleaned_data["colleagues"],
            seen_id=form.cleaned_data["seen"],
            note=form.cleaned_data["note"],
        )
    except TransferError as error:
        return _page(request, visit, forms={"passed_on_form": form}, error=str(error), status=409)
    messages.success(request, _("Added to what you passed on."))
    return redirect(reverse("transfer_take_home", args=[visit.pk]) + "#passed-on")


@require_POST
@login_required
def passed_on_remove(request, pk: int, item: int):
    visit = _visit_for(request.user, pk)
    try:
        services.passed_on_remove(visit_id=visit.pk, user=request.user, item_id=item)
    except TransferError as error:
        return _page(request, visit, error=str(error), status=409)
    return redirect(reverse("transfer_take_home", args=[visit.pk]) + "#passed-on")


@never_cache
@login_required
def concern(request, page_id: int):
    practice = get_object_or_404(PracticePage.objects.live(), pk=page_id)
    if request.method not in ("GET", "HEAD", "POST"):
        raise Http404
    form = ConcernForm(request.POST if request.method == "POST" else None)
    error, status = "", 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.concern_report(
                    practice=practice, user=request.user, text=form.cleaned_data["text"]
                )
            except TransferError as refused:
                error, status = str(refused), 409
            else:
                sent = "exchange/transfer/concern_sent.html"
                return render(request, sent, {"practice": practice})
        else:
            status = 400
    context = {"practice": practice, "form": form, "error": error}
    return render(request, "exchange/transfer/concern.html", context, status=status)


@require_safe
@never_cache
def concerns(request):
    """The coordinators' list of concerns (in the admin)."""
    if not is_coordinator(request.user):
        raise PermissionDenied
    title = _("Concerns about practices")
    context = {
        "concerns": Concern.objects.select_related("reporter", "practice", "handled_by"),
        "page_title": title,
        "header_title": title,
        "header_icon": "warning",
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": "", "label": title},
        ],
    }
    return render(request, "exchange/transfer/concerns.html", context)


@require_POST
def concern_handled(request, concern_id: int):
    if not is_coordinator(request.user):
        raise PermissionDenied
    with transaction.atomic():
        Concern.objects.filter(pk=concern_id, handled_at__isnull=True).update(
            handled_at=timezone.now(), handled_by=request.user
        )
    return redirect("transfer_concerns")
