"""The coding workbench in the Wagtail admin, for the coordinators: the excerpts to code (with
filters), an excerpt's page where a span of its words gets codes, the codebook, a code's page
(rename, describe, memo, merge) and the REFI-QDA exports. Everyone else is refused."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from exchange.coding import refi, selectors, services
from exchange.coding.forms import CodeForm, MergeForm, SpanForm
from exchange.coding.models import Code, CodedSpan
from exchange.coding.services import CodingError
from exchange.excerpts import services as excerpts
from exchange.excerpts.models import FlagsConfirmation, consented, live_consent, live_consents
from exchange.roles import is_coordinator


def _page(request, template: str, title: str, context: dict, status: int = 200, crumbs=()):
    """A page of the workbench in the admin's frame, with its breadcrumbs."""
    items = [
        {"url": reverse("wagtailadmin_home"), "label": _("Home")},
        {"url": reverse("coding:workbench"), "label": _("Coding")},
        *({"url": url, "label": label} for url, label in crumbs),
        {"url": "", "label": title},
    ]
    context = {
        **context,
        "page_title": title,
        "header_title": title,
        "header_icon": "openquote",
        "breadcrumbs_items": items[:-1] if title == _("Coding") else items,
    }
    return render(request, template, context, status=status)


def coordinators_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise PermissionDenied  # Wagtail's admin answers with its "no permission" message
        return view(request, *args, **kwargs)

    return wrapper


@require_safe
@coordinators_only
def workbench(request):
    filters = selectors.WorkbenchFilters(request.GET or None)
    page = Paginator(selectors.workbench(filters), 25).get_page(request.GET.get("p"))
    consents = live_consents(page.object_list)
    context = {
        "filters": filters,
        "page": page,
        "rows": [(excerpt, consents.get(excerpt.pk)) for excerpt in page.object_list],
        "query": request.GET.urlencode(),
    }
    return _page(request, "exchange/coding/workbench.html", _("Coding"), context)


def segments(text: str, spans: list[CodedSpan]) -> list[tuple[str, list[str]]]:
    """The text cut where a coded span starts or ends, each piece with the codes on it."""
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        codes = sorted({s.tag.name for s in spans if s.start <= start and end <= s.end})
        pieces.append((text[start:end], codes))
    return pieces


@require_http_methods(["GET", "HEAD", "POST"])
@coordinators_only
def excerpt(request, pk: int):
    found = consented().select_related("challenge", "visit").filter(pk=pk).first()
    consent = live_consent(found) if found else None
    if found is None or consent is None:
        raise Http404
    form, error, status = SpanForm(), "", 200
    if request.method == "POST":
        try:
            if "confirm_flags" in request.POST:
                excerpts.flags_confirm(excerpt_id=pk, user=request.user)
                messages.success(request, _("Confirmed: pages may show this quote."))
                return redirect("coding:excerpt", pk=pk)
            if "uncode" in request.POST:
                services.span_uncode(span_id=_int(request.POST["uncode"]), user=request.user)
                messages.success(request, _("The code is taken off."))
                return redirect("coding:excerpt", pk=pk)
            form = SpanForm(request.POST)
            if not form.is_valid():
                raise CodingError(_("Check the fields marked below."))
            services.span_code(
                excerpt_id=pk,
                user=request.user,
                passage=form.cleaned_data["passage"],
                start=form.cleaned_data["start"],
                codes=form.cleaned_data["codes"],
            )
        except (CodingError, excerpts.ExcerptError) as refusal:
            error, status = str(refusal), 400 if form.errors else 409
        else:
            messages.success(request, _("Coded."))
            return redirect("coding:excerpt", pk=pk)
    spans = list(
        CodedSpan.objects.filter(version=consent.version).select_related("tag", "coded_by")
    )
    for span in spans:
        span.words = consent.text[span.start : span.end]
    confirmation = (
        FlagsConfirmation.objects.filter(version=consent.version).select_related("confirmed_by")
    ).first()
    context = {
        "excerpt": found,
        "consent": consent,
        "segments": segments(consent.text, spans),
        "spans": spans,
        "form": form,
        "error": error,
        "known_codes": Code.objects.values_list("name", flat=True),
        "flags": excerpts.flags_with_reasons(consent),
        "confirmation": confirmation,
        "waiting": consent.version.asks_for_confirmation and confirmation is None,
    }
    title = _("Excerpt %(id)s") % {"id": found.pk}
    return _page(request, "exchange/coding/excerpt.html", title, context, status)


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise CodingError(_("This code was already taken off.")) from None


@require_safe
@coordinators_only
def codebook(request):
    context = {"rows": selectors.codebook()}
    return _page(request, "exchange/coding/codebook.html", _("Codebook"), context)


@require_http_methods(["GET", "HEAD", "POST"])
@coordinators_only
def code(request, pk: int):
    found = Code.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    form = CodeForm(
        initial={"name": found.name, "description": found.description, "memo": found.memo}
    )
    merge_form, error, status = MergeForm(exclude=found), "", 200
    if request.method == "POST":
        try:
            if request.POST.get("action") == "merge":
                merge_form = MergeForm(request.POST, exclude=found)
                if not merge_form.is_valid():
                    raise CodingError(_("Choose the code to merge this one into."))
                target = services.code_merge(
                    source_id=found.pk,
                    target_id=merge_form.cleaned_data["target"].pk,
                    user=request.user,
                )
                messages.success(request, _("Merged into “%(name)s”.") % {"name": target.name})
                return redirect("coding:code", pk=target.pk)
            form = CodeForm(request.POST)
            if not form.is_valid():
                raise CodingError(_("Check the fields marked below."))
            services.code_edit(code_id=found.pk, user=request.user, **form.cleaned_data)
            messages.success(request, _("The code is saved."))
            return redirect("coding:code", pk=pk)
        except CodingError as refusal:
            error, status = str(refusal), 400 if form.errors or merge_form.errors else 409
    spans = list(found.spans.select_related("content_object__visit", "version")[:200])
    for span in spans:  # the coded words themselves, not their character offsets
        span.words = span.version.text[span.start : span.end]
    context = {
        "code": found,
        "form": form,
        "merge_form": merge_form,
        "error": error,
        "spans": spans,
    }
    crumbs = [(reverse("coding:codebook"), _("Codebook"))]
    title = _("Code: %(name)s") % {"name": found.name}
    return _page(request, "exchange/coding/code.html", title, context, status, crumbs)


@require_safe
@coordinators_only
def export_project(request):
    filters = selectors.WorkbenchFilters(request.GET or None)
    excerpts = selectors.workbench(filters).filter(coded_spans__isnull=False).distinct()
    if not excerpts.exists():
        messages.warning(request, _("Nothing to export: no coded excerpt matches these filters."))
        return redirect(f"{reverse('coding:workbench')}?{request.GET.urlencode()}")
    year = filters.cleaned_data.get("year") if filters.is_valid() else None
    name = f"practice-exchange-{year or 'all-years'}"
    response = HttpResponse(refi.project(excerpts, name), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}.qdpx"'
    return response


@require_safe
@coordinators_only
def export_codebook(request):
    if not Code.objects.exists():
        messages.warning(request, _("Nothing to export: there are no codes yet."))
        return redirect("coding:codebook")
    response = HttpResponse(refi.codebook_xml(), content_type="application/xml")
    response["Content-Disposition"] = 'attachment; filename="practice-exchange-codebook.qdc"'
    return response
