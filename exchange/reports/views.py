"""The coordinators' evaluation report in the Wagtail admin: a year's figures as they would be
published, each hidden cell with its reason, and the form that publishes (freezes) the report."""

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


class ReportForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=255, required=False)
    narrative = forms.CharField(
        label=gettext_lazy("Narrative"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=20000,
        help_text=gettext_lazy("What the figures mean; paragraphs separated by a blank line."),
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
    form = ReportForm(request.POST or None, initial={"year": year})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            page = services.report_publish(user=request.user, **form.cleaned_data)
        except services.ReportError as error:
            form.add_error(None, str(error))
            status = 409
        else:
            messages.success(request, _("The report is published and frozen."))
            return redirect(page.url)
    elif request.method == "POST":
        status = 400
    title = _("Evaluation report")
    context = {
        "form": form,
        "year": year,
        "figures": [
            (figure, list(zip([*figure.table.rows, _("Total")], figure.table.cells, strict=True)))
            for figure in figures_for(year)
        ],
        "published": EvaluationReportPage.objects.order_by("-year"),
        # Published once and frozen: the page, instead of a form that would be refused.
        "published_page": EvaluationReportPage.objects.filter(year=year).first(),
        "page_title": title,
        "header_title": title,
        "header_icon": "doc-full",
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": "", "label": title},
        ],
    }
    return render(request, "exchange/reports/report.html", context, status=status)
