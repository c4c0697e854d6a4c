"""The coordinators' evaluation report in the Wagtail admin: a year's figures as they would be
published, each hidden cell with its reason; the form that publishes (freezes) the report, and
once it is published, the form of a corrected version. Either is confirmed on a second page
that shows what will become public."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from cms.models import EvaluationReportPage
from exchange.reports import services
from exchange.reports.figures import figures_for
from exchange.roles import is_coordinator


class ReportWordsForm(forms.Form):
    """What a coordinator writes for the public page: its title and narrative."""

    title = forms.CharField(label=gettext_lazy("Title"), max_length=255)
    narrative = forms.CharField(
        label=gettext_lazy("Narrative"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=20000,
        help_text=gettext_lazy("What the figures mean; paragraphs separated by a blank line."),
    )


class ReportForm(ReportWordsForm):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    provisional = forms.BooleanField(
        label=gettext_lazy("Provisional: the year has not ended"),
        required=False,
        help_text=gettext_lazy(
            "Publishes the figures so far; the final report replaces them after the year."
        ),
    )
    field_order = ["year", "title", "narrative", "provisional"]


class CorrectionForm(ReportWordsForm):
    year = forms.IntegerField(widget=forms.HiddenInput, min_value=2000, max_value=2100)
    note = forms.CharField(
        label=gettext_lazy("What the correction changes"),
        max_length=1000,
        help_text=gettext_lazy("Shown to readers beside the report, with the date."),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def report(request):
    if not is_coordinator(request.user):
        raise PermissionDenied
    try:  # the year shown: asked for, else last year
        year = int(request.GET.get("year") or request.POST.get("year") or 0)
    except ValueError:
        year = 0
    year = min(max(year, 2000), 2100) if year else timezone.localdate().year - 1
    published = EvaluationReportPage.objects.filter(year=year).first()
    correcting = request.POST.get("action") == "correct"
    form_class = CorrectionForm if correcting else ReportForm
    form = form_class(request.POST or None, initial=_initial(year, published))
    status = 200
    if request.method == "POST" and form.is_valid() and "edit" not in request.POST:
        if "confirmed" not in request.POST:
            return _confirmation(request, form, year, published, correcting)
        try:
            if correcting:
                page = services.report_correct(user=request.user, **form.cleaned_data)
            else:
                page = services.report_publish(user=request.user, **form.cleaned_data)
        except services.ReportError as error:
            form.add_error(None, str(error))
            status = 409
        else:
            done = (
                _("The corrected version is published.")
                if correcting
                else _("The report is published and frozen.")
            )
            messages.success(request, done)
            return redirect(page.url)
    elif request.method == "POST" and "edit" not in request.POST:
        status = 400
    return _page(request, year, published, form, correcting, status)


def _initial(year: int, published) -> dict:
    if published is None:
        return {"year": year, "title": _("Evaluation report %(year)s") % {"year": year}}
    return {
        "year": year,
        "title": published.title,
        "narrative": services.narrative_text(published.narrative),
    }


def _page(request, year, published, form, correcting, status):
    title = _("Evaluation report")
    final_due = published is not None and published.provisional and services.year_has_ended(year)
    publishable = published is None or final_due
    # The form posted stays, with its errors; the other is shown if its step is open.
    if correcting:
        publish_form = ReportForm(initial=_initial(year, published)) if publishable else None
        correct_form = form
    else:
        publish_form = form if form.is_bound or publishable else None
        correct_form = CorrectionForm(initial=_initial(year, published)) if published else None
    context = {
        "year": year,
        "figures": [
            (figure, list(zip([*figure.table.rows, _("Total")], figure.table.cells, strict=True)))
            for figure in figures_for(year)
        ],
        "published": EvaluationReportPage.objects.order_by("-year"),
        "published_page": published,
        "publish_form": publish_form,
        "correct_form": correct_form,
        "final_due": final_due,
        "posted_form": form if form.is_bound else None,
        "form_anchor": "correct" if correcting else "publish",
        "page_title": title,
        "header_title": title,
        "header_icon": "doc-full",
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": "", "label": title},
        ],
    }
    return render(request, "exchange/reports/report.html", context, status=status)


def _confirmation(request, form, year, published, correcting):
    """What will become public, before it does: the words as the page will show them, and
    the figures (frozen as they are now, or kept as frozen for a correction)."""
    data = form.cleaned_data
    figures = [] if correcting else figures_for(year)
    title = _("Confirm what becomes public")
    context = {
        "form": form,
        "year": year,
        "correcting": correcting,
        "published_page": published,
        "title_shown": data["title"],
        "narrative_shown": services.narrative_html(data.get("narrative", "")),
        "provisional": data.get("provisional", False),
        "tables": [
            (figure.table.title, sum(c.hidden for row in figure.table.cells for c in row))
            for figure in figures
        ],
        "page_title": title,
        "header_title": title,
        "header_icon": "doc-full",
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("evaluation_report"), "label": _("Evaluation report")},
            {"url": "", "label": title},
        ],
    }
    return render(request, "exchange/reports/confirm.html", context)
