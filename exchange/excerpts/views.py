"""Member pages of the excerpts: proposing one from an answer (through the de-identification
gate), an excerpt's page (its author revises, approves a suggested version, withdraws; a
coordinator suggests an edit), and the list with the author's consent receipts. Only the author
and the coordinators ever see an excerpt here; anyone else gets 404. Never cached."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from exchange.excerpts import deidentify, selectors, services
from exchange.excerpts.forms import ApproveForm, ExcerptForm, SuggestForm, reasons_of
from exchange.excerpts.models import Excerpt, live_consents
from exchange.excerpts.services import ExcerptError
from exchange.reflections import services as reflections
from exchange.reflections.models import ReflectionEntry
from exchange.roles import is_coordinator


def marked(text: str, findings: list[deidentify.Finding]) -> list[tuple[str, object]]:
    """The text in segments, each finding on its own (to show it in place): (words, finding or
    None)."""
    segments, position = [], 0
    for finding in findings:
        segments.append((text[position : finding.start], None))
        segments.append((text[finding.start : finding.end], finding))
        position = finding.end
    segments.append((text[position:], None))
    return [segment for segment in segments if segment[0]]


def _gate_context(text: str, data) -> dict:
    """The flags of `text` for the page: each in place, numbered, with the reason given."""
    reasons = reasons_of(data) if data else {}
    findings = services.findings(text) if text else []
    return {
        "segments": marked(text, findings),
        "flags": [
            (
                n,
                finding,
                services.finding_key(finding),
                reasons.get(services.finding_key(finding), ""),
            )
            for n, finding in enumerate(findings, start=1)
        ],
    }


# --- proposing ---------------------------------------------------------------------------------


@never_cache
@login_required
def propose(request, entry_id: int):
    entry = ReflectionEntry.objects.filter(
        pk=entry_id, author=request.user, submitted_at__isnull=False
    ).first()
    if entry is None:
        raise Http404
    if request.method == "POST":
        form = ExcerptForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                excerpt = services.excerpt_propose(
                    entry_id=entry.pk,
                    user=request.user,
                    text=data["text"],
                    attribution=data["attribution"],
                    reasons=reasons_of(request.POST),
                    checklist=set(data["checklist"]),
                )
            except ExcerptError as error:
                return _propose_page(request, entry, form, str(error), 409)
            messages.success(request, _("Your excerpt is proposed, and your consent recorded."))
            return redirect("excerpt_detail", pk=excerpt.pk)
        return _propose_page(request, entry, form, _("Check the fields marked below."), 400)
    if request.method not in ("GET", "HEAD"):
        raise Http404
    text = reflections.entry_read(entry_id=entry.pk, user=request.user).text
    return _propose_page(request, entry, ExcerptForm(initial={"text": text}))


def _propose_page(request, entry, form, error: str = "", status: int = 200):
    text = form.data.get("text", "") if form.is_bound else form.initial.get("text", "")
    context = {"entry": entry, "form": form, "error": error, **_gate_context(text, form.data)}
    return render(request, "exchange/excerpts/propose.html", context, status=status)


# --- an excerpt --------------------------------------------------------------------------------


def _excerpt_for(user, pk: int) -> Excerpt:
    excerpt = Excerpt.objects.select_related("visit", "challenge", "author").filter(pk=pk).first()
    if excerpt is None or not services.may_read(excerpt, user):
        raise Http404
    return excerpt


@require_safe
@never_cache
@login_required
def detail(request, pk: int):
    return _detail_page(request, _excerpt_for(request.user, pk))


def _detail_page(request, excerpt, error: str = "", status: int = 200, **forms):
    versions = list(excerpt.versions.all())
    latest = versions[-1] if versions else None
    consent = services.live_consent(excerpt)
    is_author = excerpt.author_id == request.user.pk
    # A coordinator's version the author has not consented to yet.
    waiting = (
        latest
        if latest
        and latest.written_by_id != excerpt.author_id
        and (consent is None or consent.version.pk != latest.pk)
        else None
    )
    current = {"text": latest.text, "attribution": latest.attribution} if latest else {}
    quoted = selectors.quoted_in(excerpt.pk)
    context = {
        "excerpt": excerpt,
        "quoted_in": quoted,
        "final": selectors.final_publication(quoted),
        "withdraw_until": min(
            (p.freeze_date - timedelta(days=1) for _c, p in quoted), default=None
        ),
        "versions": versions,
        "consent": consent,
        "is_author": is_author,
        "waiting": waiting,
        "error": error,
        "revise_form": forms.get("revise_form") or ExcerptForm(initial=current),
        # A coordinator reads the words only while a consent covers them: the box starts from
        # the consented text, and after a withdrawal there is neither text nor box.
        "suggest_form": forms.get("suggest_form")
        or SuggestForm(initial={"text": consent.text if consent else ""}),
        "can_suggest": is_coordinator(request.user) and not is_author and consent is not None,
        "withdrawn_for_coordinator": is_coordinator(request.user)
        and not is_author
        and consent is None,
    }
    if is_author and waiting is not None:
        approve_form = forms.get("approve_form") or ApproveForm(
            initial={"number": waiting.number, "digest": waiting.digest}
        )
        context["approve_form"] = approve_form
        context.update(_gate_context(waiting.text, approve_form.data))
    return render(request, "exchange/excerpts/detail.html", context, status=status)


def _form_step(request, pk: int, form_class, form_name: str, step, done: str):
    """A step of the excerpt's page fed by a form: 400 with the form's errors, 409 with the
    step's refusal (the form as posted, so nothing typed is lost), else back to the page."""
    excerpt = _excerpt_for(request.user, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        error = _("Check the fields marked below.")
        return _detail_page(request, excerpt, error, 400, **{form_name: form})
    try:
        step(excerpt, form.cleaned_data, reasons_of(request.POST))
    except ExcerptError as error:
        return _detail_page(request, excerpt, str(error), 409, **{form_name: form})
    messages.success(request, done)
    return redirect("excerpt_detail", pk=pk)


@require_POST
@login_required
def revise(request, pk: int):
    def step(excerpt, data, reasons):
        services.excerpt_revise(
            excerpt_id=excerpt.pk,
            user=request.user,
            text=data["text"],
            attribution=data["attribution"],
            reasons=reasons,
            checklist=set(data["checklist"]),
        )

    done = _("Your new version is saved, and your consent is to it now.")
    return _form_step(request, pk, ExcerptForm, "revise_form", step, done)


@require_POST
@login_required
def approve(request, pk: int):
    def step(excerpt, data, reasons):
        services.excerpt_approve(
            excerpt_id=excerpt.pk,
            user=request.user,
            number=data["number"],
            digest=data["digest"],
            reasons=reasons,
            checklist=set(data["checklist"]),
        )

    done = _("You consented to the suggested version.")
    return _form_step(request, pk, ApproveForm, "approve_form", step, done)


@require_POST
@login_required
def suggest(request, pk: int):
    def step(excerpt, data, reasons):
        services.excerpt_suggest(
            excerpt_id=excerpt.pk, user=request.user, text=data["text"], reason=data["reason"]
        )

    done = _("Your suggestion is sent to the author, who decides.")
    return _form_step(request, pk, SuggestForm, "suggest_form", step, done)


@require_POST
@login_required
def withdraw(request, pk: int):
    excerpt = _excerpt_for(request.user, pk)
    try:
        services.excerpt_withdraw(excerpt_id=excerpt.pk, user=request.user)
    except ExcerptError as error:
        return _detail_page(request, excerpt, str(error), 409)
    messages.success(request, _("Your consent is withdrawn: the excerpt will not be published."))
    return redirect("excerpt_detail", pk=pk)


# --- the list ----------------------------------------------------------------------------------


@require_safe
@never_cache
@login_required
def excerpt_list(request):
    own = _named(Excerpt.objects.filter(author=request.user).select_related("visit", "challenge"))
    consents = live_consents(own)
    context = {
        "own": [(excerpt, consents.get(excerpt.pk)) for excerpt in own],
        "receipts": selectors.receipts(request.user),
    }
    if is_coordinator(request.user):
        others = _named(
            Excerpt.objects.exclude(author=request.user).select_related(
                "visit", "challenge", "author"
            )
        )
        consents = live_consents(others)
        context["network"] = [(excerpt, consents.get(excerpt.pk)) for excerpt in others]
    return render(request, "exchange/excerpts/list.html", context)


OPENING_WORDS = 10


def _named(excerpts) -> list[Excerpt]:
    """Each excerpt named by the first words of its latest version, as its readers (its author,
    the coordinators) know it, rather than by a date."""
    excerpts = list(excerpts.prefetch_related("versions"))
    for excerpt in excerpts:
        latest = max(excerpt.versions.all(), key=lambda version: version.number, default=None)
        words = latest.text.split() if latest else []
        excerpt.opening = " ".join(words[:OPENING_WORDS]) + (
            "…" if len(words) > OPENING_WORDS else ""
        )
    return excerpts
