"""Member pages of the excerpts: proposing one from an answer (through the de-identification
gate), an excerpt's page (its author revises, approves a suggested version, withdraws; a
coordinator suggests an edit), and the list with the author's consent receipts. Only the author
and the coordinators ever see an excerpt here; anyone else gets 404. Never cached."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from exchange.excerpts import deidentify, selectors, services
from exchange.excerpts.forms import ApproveForm, ExcerptForm, SuggestForm, reasons_of
from exchange.excerpts.services import ExcerptError
from exchange.models import Excerpt, ReflectionEntry
from exchange.reflections import services as reflections
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
    context = {
        "excerpt": excerpt,
        "versions": versions,
        "consent": consent,
        "is_author": is_author,
        "waiting": waiting,
        "error": error,
        "revise_form": forms.get("revise_form") or ExcerptForm(initial=current),
        "suggest_form": forms.get("suggest_form")
        or SuggestForm(initial={"text": current.get("text", "")}),
        "can_suggest": is_coordinator(request.user) and not is_author,
    }
    if is_author and waiting is not None:
        approve_form = forms.get("approve_form") or ApproveForm(
            initial={"number": waiting.number, "digest": waiting.digest}
        )
        context["approve_form"] = approve_form
        context.update(_gate_context(waiting.text, approve_form.data))
    return render(request, "exchange/excerpts/detail.html", context, status=status)


@require_POST
@login_required
def revise(request, pk: int):
    excerpt = _excerpt_for(request.user, pk)
    form = ExcerptForm(request.POST)
    if not form.is_valid():
        return _detail_page(
            request, excerpt, _("Check the fields marked below."), 400, revise_form=form
        )
    data = form.cleaned_data
    try:
        services.excerpt_revise(
            excerpt_id=excerpt.pk,
            user=request.user,
            text=data["text"],
            attribution=data["attribution"],
            reasons=reasons_of(request.POST),
            checklist=set(data["checklist"]),
        )
    except ExcerptError as error:
        return _detail_page(request, excerpt, str(error), 409, revise_form=form)
    messages.success(request, _("Your new version is saved, and your consent is to it now."))
    return redirect("excerpt_detail", pk=pk)


@require_POST
@login_required
def approve(request, pk: int):
    excerpt = _excerpt_for(request.user, pk)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, excerpt, _("Reload the page and try again."), 400)
    data = form.cleaned_data
    try:
        services.excerpt_approve(
            excerpt_id=excerpt.pk,
            user=request.user,
            number=data["number"],
            digest=data["digest"],
            reasons=reasons_of(request.POST),
            checklist=set(data["checklist"]),
        )
    except ExcerptError as error:
        return _detail_page(request, excerpt, str(error), 409, approve_form=form)
    messages.success(request, _("You consented to the suggested version."))
    return redirect("excerpt_detail", pk=pk)


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


@require_POST
@login_required
def suggest(request, pk: int):
    excerpt = _excerpt_for(request.user, pk)
    form = SuggestForm(request.POST)
    if not form.is_valid():
        return _detail_page(
            request, excerpt, _("Check the fields marked below."), 400, suggest_form=form
        )
    try:
        services.excerpt_suggest(
            excerpt_id=excerpt.pk,
            user=request.user,
            text=form.cleaned_data["text"],
            reason=form.cleaned_data["reason"],
        )
    except ExcerptError as error:
        return _detail_page(request, excerpt, str(error), 409, suggest_form=form)
    messages.success(request, _("Your suggestion is sent to the author, who decides."))
    return redirect("excerpt_detail", pk=pk)


# --- the list ----------------------------------------------------------------------------------


@require_safe
@never_cache
@login_required
def excerpt_list(request):
    own = Excerpt.objects.filter(author=request.user).select_related("visit", "challenge")
    context = {
        "own": [(excerpt, services.live_consent(excerpt)) for excerpt in own],
        "receipts": selectors.receipts(request.user),
    }
    if is_coordinator(request.user):
        others = Excerpt.objects.exclude(author=request.user).select_related(
            "visit", "challenge", "author"
        )
        context["network"] = [(excerpt, services.live_consent(excerpt)) for excerpt in others]
    return render(request, "exchange/excerpts/list.html", context)
