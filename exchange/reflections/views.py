"""Member pages of the reflection logs: a person's log of a visit (its phases as a task list),
the page of one phase, one entry (its author's controls, or a partner's logged read), and the
overview of what is due and what others shared. No text ever goes into a URL: it is posted.
Pages that show text are never cached. What a person may not see answers 404."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.forms import BooleanField
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from exchange.reflections import selectors, services
from exchange.reflections.forms import EntryForm, ShareForm
from exchange.reflections.models import Audience, EntryRead, Phase
from exchange.reflections.services import ReflectionError
from exchange.visits.models import Visit


def _visit_for(user, pk: int) -> Visit:
    return get_object_or_404(Visit.objects.visible_to(user).with_steps(), pk=pk)


@require_safe
@never_cache
@login_required
def overview(request):
    return render(
        request,
        "exchange/reflections/overview.html",
        {
            "due": selectors.due_for(request.user),
            "shared": selectors.shared_with(request.user),
        },
    )


@require_safe
@never_cache
@login_required
def reflection_log(request, pk: int):
    visit = _visit_for(request.user, pk)
    keeps = services.keeps_log(visit, request.user)
    shared = list(selectors.shared_with(request.user, visit))
    if not keeps and not shared:
        raise Http404
    context = {
        "visit": visit,
        "phases": selectors.log_of(visit, request.user) if keeps else [],
        "shared": shared,
        "partner": _partner_name(visit, request.user),
    }
    return render(request, "exchange/reflections/log.html", context)


@never_cache
@login_required
def phase_edit(request, pk: int, phase: str):
    visit = _visit_for(request.user, pk)
    if phase not in Phase.values or not services.keeps_log(visit, request.user):
        raise Http404
    if request.method == "POST":
        return _save(request, visit, phase)
    if request.method not in ("GET", "HEAD"):
        raise Http404
    return _phase_page(request, visit, phase)


def _save(request, visit: Visit, phase: str):
    """Every answer the phase's form posts, as drafts or submitted, in one step: all are saved,
    or none and the page comes back with each text as typed and each refusal at its answer. A
    post of one answer (unprefixed fields) is a phase of one."""
    forms = [EntryForm(request.POST, prefix=key) for key in request.POST.getlist("slot") or [None]]
    submit = BooleanField(required=False).to_python(request.POST.get("submit"))
    wants_json = "application/json" in request.headers.get("Accept", "")
    invalid = {form: _error_of(form) for form in forms if not form.is_valid()}
    if invalid:
        return _refused(request, visit, phase, forms, invalid, 400, wants_json)
    written = [form for form in forms if form.cleaned_data["text"]]  # an empty box is left be
    entries = []
    try:
        with transaction.atomic():
            for form in written:
                data = form.cleaned_data
                entries.append(
                    services.entry_save(
                        visit_id=visit.pk,
                        user=request.user,
                        phase=phase,
                        question_id=data["question"],
                        text=data["text"],
                        goal=data["goal"],
                        day=data["day"],
                        submit=submit,
                    )
                )
    except ReflectionError as error:
        failed = written[len(entries)]  # the answer being saved when the step was refused
        return _refused(request, visit, phase, forms, {failed: str(error)}, 409, wants_json)
    saved = _("Draft saved at %(time)s.") % {"time": time_format(timezone.localtime(), "H:i")}
    if wants_json:  # the page's autosave script
        return JsonResponse({"saved": saved})
    if not entries:
        messages.info(request, _("Nothing to save yet: every answer is empty."))
    else:
        messages.success(request, _("Submitted.") if submit else saved)
    url = reverse("reflection_phase", args=[visit.pk, phase])
    return redirect(f"{url}#entry-{entries[0].pk}" if len(entries) == 1 else url)


def _error_of(form) -> str:
    if "text" in form.errors:
        return " ".join(form.errors["text"])
    return _("This answer could not be saved: reload the page and try again.")


def _refused(request, visit, phase, forms, errors: dict, status: int, wants_json: bool):
    """The page again, with every answer as typed and each refusal at its answer: nothing the
    author wrote is lost."""
    if wants_json:
        return JsonResponse({"error": " ".join(errors.values())}, status=status)
    return _phase_page(request, visit, phase, failed=(forms, errors), status=status)


def _phase_page(request, visit, phase, failed=None, status=200):
    slots = selectors.phase_page(visit, request.user, phase)
    error, unplaced = "", []
    if failed:
        forms, errors = failed
        error = " ".join(errors.values())
        by_place = {(str(slot.question_id), slot.goal, str(slot.day or "")): slot for slot in slots}
        for form in forms:
            posted = tuple(
                form.data.get(form.add_prefix(name)) or "" for name in ("question", "goal", "day")
            )
            text = form.data.get(form.add_prefix("text"), "")
            slot = by_place.get(posted)
            if slot is None:
                unplaced += [text] if text else []
                continue
            slot.text, slot.error = text, errors.get(form, "")
    if phase == Phase.DURING:  # kept by agenda day: each day shows what was planned for it
        agenda = _agenda_by_day(visit)
        for slot in slots:
            slot.agenda = agenda.get(slot.day, [])
    context = {
        "visit": visit,
        "phase": Phase(phase),
        "why_closed": services.why_closed(visit, phase),
        "slots": slots,
        # Headed by day or by learning goal when the phase asks per day or per goal.
        "grouped": any(slot.day or slot.goal for slot in slots),
        "error": error,
        "unplaced": "\n\n".join(unplaced),  # refused text that fits no answer: shown to copy
        "partner": _partner_name(visit, request.user),
        "max_length": services.MAX_LENGTH,
    }
    return render(request, "exchange/reflections/phase.html", context, status=status)


def _agenda_by_day(visit: Visit) -> dict:
    days: dict = {}
    for item in visit.agenda.all():  # prefetched by with_steps
        days.setdefault(item.day, []).append(item)
    return days


def _partner_name(visit: Visit, user) -> str:
    partner_id = services.partner_of(visit, user.pk)
    partner = get_user_model().objects.filter(pk=partner_id, is_active=True).first()
    return partner.get_full_name() if partner else ""


@require_safe
@never_cache
@login_required
def entry_detail(request, entry_id: int):
    return _entry_page(request, entry_id)


def _entry_page(request, entry_id: int, error: str = "", status: int = 200):
    try:
        reading = services.entry_read(entry_id=entry_id, user=request.user)
    except ReflectionError:
        raise Http404 from None
    entry = reading.entry
    context = {"reading": reading, "entry": entry, "visit": entry.visit, "error": error}
    if entry.author_id == request.user.pk:
        context.update(_author_controls(entry, request.user))
    return render(request, "exchange/reflections/entry.html", context, status=status)


def _author_controls(entry, user) -> dict:
    open_shares = set(
        entry.shares.filter(withdrawn_at__isnull=True).values_list("audience", flat=True)
    )
    reads = list(EntryRead.objects.filter(entry_id=entry.pk))
    names = {
        person.pk: person.get_full_name()
        for person in get_user_model().objects.filter(pk__in={r.reader_id for r in reads})
    }
    audiences = [
        (value, label, value in open_shares)
        for value, label in Audience.choices
        if value != Audience.PARTNER or services.partner_of(entry.visit, user.pk)
    ]
    return {
        "is_author": True,
        "audiences": audiences,
        "partner": _partner_name(entry.visit, user),
        "reads": [(read, names.get(read.reader_id, _("an erased member"))) for read in reads],
        "versions": entry.versions.all(),
    }


@require_POST
@login_required
def entry_share(request, entry_id: int):
    form = ShareForm(request.POST)
    if not form.is_valid():  # the page's own buttons always send one of the audiences
        return HttpResponseBadRequest(_("Share with the visit partner or the coordinators."))
    audience, share = form.cleaned_data["audience"], form.cleaned_data["share"]
    step = services.entry_share if share else services.entry_unshare
    try:
        step(entry_id=entry_id, user=request.user, audience=audience)
    except ReflectionError as error:
        return _entry_page(request, entry_id, error=str(error), status=409)
    label = Audience(audience).label
    messages.success(
        request,
        (_("Shared with %(audience)s.") if share else _("No longer shared with %(audience)s."))
        % {"audience": label},
    )
    return redirect("reflection_entry", entry_id=entry_id)
