"""The yearly evaluation report as a public page. Its figures are frozen into the page when the
coordinators publish it: tables already made safe for publication (hidden cells stored as empty,
with no reason), this year's and the year before's. The page renders what it stores, so later
changes to the data never change a published report, and cms needs nothing from exchange."""

import csv
import io

from django.db import models
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

import xlsxwriter

from cms.pdf import pdf_for_page

HIDDEN = "–"  # a hidden cell, whatever hid it


class EvaluationReportPage(RoutablePageMixin, Page):
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    narrative = RichTextField(
        _("narrative"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )
    # [{"key", "title", "level", "scale", "totals", "rows", "columns", "cells", "means"}, ...]:
    # cells (a value, or null when hidden) with a last row of column totals and a last column
    # of row totals (shown when "totals"); "means" per row for a five-point scale, or null.
    figures = models.JSONField(default=list, editable=False)
    figures_before = models.JSONField(default=list, editable=False)
    frozen_at = models.DateTimeField(null=True, editable=False)

    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    template = "cms/evaluation_report_page.html"
    content_panels = [*Page.content_panels, FieldPanel("narrative")]
    search_fields = [*Page.search_fields, index.SearchField("narrative")]

    class Meta:
        verbose_name = _("evaluation report")

    def tables(self) -> list[dict]:
        """Each figure ready to render (its lines: label, cells, mean), with the year before's
        figure of the same key beside it, where there is one."""
        before = {figure["key"]: figure for figure in self.figures_before}
        tables = []
        for figure in self.figures:
            earlier = before.get(figure["key"])
            if earlier is not None:
                earlier = {
                    **_lines(earlier),
                    "before_of": True,  # its own anchor, beside this year's
                    "title": _("%(title)s, the year before") % {"title": earlier["title"]},
                }
            tables.append({**_lines(figure), "before": earlier})
        return tables

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tables"] = self.tables()
        return context

    def rows_out(self):
        """Every stored table as rows of cells, for the CSV and the spreadsheet: a title row,
        the column headings, the groups (hidden cells as a dash) and a blank row."""
        for year, figures in ((self.year, self.figures), (self.year - 1, self.figures_before)):
            for figure in figures:
                yield [year, figure["title"]]
                yield ["", *figure["columns"], *([str(_("Total"))] if figure["totals"] else [])]
                for label, cells, _mean in _lines(figure)["lines"]:
                    yield [str(label), *(HIDDEN if v is None else v for v in cells)]
                yield []

    @path("csv/", name="csv")
    def csv(self, request):
        buffer = io.StringIO()
        csv.writer(buffer).writerows(self.rows_out())
        return _download(buffer.getvalue(), "text/csv; charset=utf-8", f"{self.slug}.csv")

    @path("xlsx/", name="xlsx")
    def xlsx(self, request):
        buffer = io.BytesIO()
        with xlsxwriter.Workbook(buffer, {"in_memory": True}) as workbook:
            sheet = workbook.add_worksheet(str(self.year))
            bold = workbook.add_format({"bold": True})
            for n, row in enumerate(self.rows_out()):
                sheet.write_row(n, 0, row, bold if len(row) == 2 else None)
            sheet.set_column(0, 0, 40)
        return _download(
            buffer.getvalue(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            f"{self.slug}.xlsx",
        )

    def pdf_document(self) -> tuple[str, dict, str]:
        """What `cms.pdf.render_pdf` makes the PDF from."""
        return (
            "cms/evaluation_report_pdf.html",
            {"page": self, "tables": self.tables()},
            f"evaluation-report-{self.year}.pdf",
        )

    @path("pdf/", name="pdf")
    def pdf(self, request):
        response = pdf_for_page(request, self)
        patch_cache_control(response, public=True, max_age=3600)
        return response


def _download(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _lines(figure: dict) -> dict:
    """The figure's rows as (label, cells, mean), without the totals when it has none."""
    totals = figure["totals"]
    labels = [*figure["rows"], *([_("Total")] if totals else [])]
    means = [*figure.get("means", []), None]
    lines = [
        (label, cells if totals else cells[:-1], means[n] if n < len(means) else None)
        for n, (label, cells) in enumerate(zip(labels, figure["cells"], strict=False))
    ]
    return {**figure, "lines": lines}
