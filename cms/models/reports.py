"""The yearly evaluation report as a public page. Its figures are frozen into the page when the
coordinators publish it: tables already made safe for publication (hidden cells stored as empty,
with no reason), this year's and the year before's. The page renders what it stores, so later
changes to the data never change a published report, and cms needs nothing from exchange."""

import copy
import csv
import io

from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

import xlsxwriter

from cms.pdf import pdf_for_page

HIDDEN = "–"  # a hidden cell, whatever hid it
# What the spreadsheet's notes say about every report.
NOTES = (
    _(
        "A count about fewer than five people is hidden (–), with any count that would give "
        "it away."
    ),
    _(
        "Each table counts what its columns say: visits, organisations, people who wrote, or "
        "people who answered a survey question. Their totals differ: an organisation can visit "
        "and host, and not everyone answers every question."
    ),
    _("Each of the following sheets is one table, as on the report's page."),
)


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
    # Published before the year ended: its figures are replaced by the final ones once it has.
    provisional = models.BooleanField(_("provisional"), default=False, editable=False)
    # A published report is never edited: a correction is a new version, saying what it
    # changed (`note`), and every earlier version stays readable at versions/<n>/ as it was
    # ({"version", "frozen_at", "provisional", "title", "narrative", "figures",
    # "figures_before", "note"}, oldest first).
    version = models.PositiveSmallIntegerField(default=1, editable=False)
    note = models.TextField(blank=True, editable=False)
    earlier_versions = models.JSONField(default=list, editable=False)

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

    def as_published(self) -> dict:
        """This version as the list of earlier versions keeps it."""
        return {
            "version": self.version,
            "frozen_at": self.frozen_at.isoformat() if self.frozen_at else None,
            "provisional": self.provisional,
            "title": self.title,
            "narrative": self.narrative,
            "figures": self.figures,
            "figures_before": self.figures_before,
            "note": self.note,
        }

    def earlier(self, number: int) -> "EvaluationReportPage":
        """Version `number` as it was published: a copy of this page with its words and figures
        (never saved)."""
        stored = next((v for v in self.earlier_versions if v["version"] == number), None)
        if stored is None:
            raise Http404
        shown = copy.copy(self)
        for name in ("title", "narrative", "figures", "figures_before", "provisional", "note"):
            setattr(shown, name, stored[name])
        shown.version = number
        shown.frozen_at = parse_datetime(stored["frozen_at"]) if stored["frozen_at"] else None
        shown.superseded = True
        return shown

    def history(self) -> list[dict]:
        """Every version, newest first: its number, when, provisional or not, and its note."""
        earlier = [
            {**v, "frozen_at": parse_datetime(v["frozen_at"]) if v["frozen_at"] else None}
            for v in self.earlier_versions
        ]
        return [self.as_published() | {"frozen_at": self.frozen_at}, *reversed(earlier)]

    @path("versions/<int:number>/", name="version")
    def version_page(self, request, number: int):
        if number == self.version:
            return redirect(self.url)
        shown = self.earlier(number)
        return shown.serve_version(request)

    def serve_version(self, request):
        context = self.get_context(request)
        context["page"] = self
        context["superseded"] = True
        response = TemplateResponse(request, self.template, context)
        patch_cache_control(response, public=True, max_age=3600)
        return response

    def tables_out(self):
        """Every stored table, this year's then the year before's: (year, figure, rows), the
        rows as the page shows them (the column headings, then each group with its cells, a
        hidden cell as None)."""
        for year, figures in ((self.year, self.figures), (self.year - 1, self.figures_before)):
            for figure in figures:
                lined = _lines(figure)
                total = [str(_("Total"))] if lined["row_totals"] else []
                columns = [*figure["columns"], *total]
                rows = [(str(label), cells) for label, cells, _mean in lined["lines"]]
                yield year, figure, columns, rows

    @path("csv/", name="csv")
    def csv(self, request):
        """One row per count (year, table, group, column, count, shown): numbers stay numbers,
        and any tool reads every table from the one file. A hidden count is empty."""
        buffer = io.StringIO()
        out = csv.writer(buffer)
        out.writerow(["year", "table", "group", "column", "count", "shown"])
        for year, figure, columns, rows in self.tables_out():
            for label, cells in rows:
                for column, value in zip(columns, cells, strict=False):
                    row = [year, figure["title"], label, column, "" if value is None else value]
                    out.writerow([as_text_in_a_spreadsheet(v) for v in row] + [value is not None])
        return _download(buffer.getvalue(), "text/csv; charset=utf-8", f"{self.slug}.csv")

    @path("xlsx/", name="xlsx")
    def xlsx(self, request):
        """A sheet of notes (what the report is, how hidden counts are marked, what each kind
        of table counts), then one sheet per table, its counts as numbers."""
        buffer = io.BytesIO()
        # A title or label that starts with "=" stays text, never a formula a spreadsheet runs.
        options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
        with xlsxwriter.Workbook(buffer, options) as workbook:
            bold = workbook.add_format({"bold": True})
            notes = workbook.add_worksheet(str(_("Notes")))
            for n, line in enumerate(self.notes()):
                notes.write(n, 0, line, bold if n == 0 else None)
            notes.set_column(0, 0, 100)
            names: set[str] = set()
            for year, figure, columns, rows in self.tables_out():
                sheet = workbook.add_worksheet(_sheet_name(year, figure["title"], names))
                sheet.write(0, 0, figure["title"], bold)
                sheet.write_row(1, 1, columns, bold)
                for n, (label, cells) in enumerate(rows, start=2):
                    sheet.write(n, 0, label)
                    sheet.write_row(n, 1, [HIDDEN if v is None else v for v in cells])
                sheet.set_column(0, 0, 40)
        return _download(
            buffer.getvalue(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            f"{self.slug}.xlsx",
        )

    def notes(self) -> list[str]:
        published = date_format(self.frozen_at, "DATE_FORMAT") if self.frozen_at else ""
        return [
            self.title,
            str(_("Figures of %(year)s, version %(version)s, published on %(date)s."))
            % {"year": self.year, "version": self.version, "date": published},
            *(str(note) for note in NOTES),
        ]

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


# What a spreadsheet opening a CSV reads as the start of a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text_in_a_spreadsheet(value):
    """A text cell that a spreadsheet would run as a formula, quoted as text (a leading
    apostrophe, as the spreadsheets themselves write it); numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _download(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _lines(figure: dict) -> dict:
    """The figure's rows as (label, cells, mean), without the totals when it has none. A table
    of one column shows no column of row totals: each would repeat its one cell."""
    totals = figure["totals"]
    row_totals = totals and len(figure["columns"]) > 1
    labels = [*figure["rows"], *([_("Total")] if totals else [])]
    means = [*figure.get("means", []), None]
    lines = [
        (label, cells if row_totals else cells[:-1], means[n] if n < len(means) else None)
        for n, (label, cells) in enumerate(zip(labels, figure["cells"], strict=False))
    ]
    return {**figure, "lines": lines, "row_totals": row_totals}


def _sheet_name(year: int, title: str, taken: set[str]) -> str:
    """A worksheet name of at most 31 characters, without the characters sheets refuse, unique
    in the workbook."""
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in f"{year} {title}")
    name, n = cleaned[:31].strip(), 2
    while name in taken:
        suffix = f" ({n})"
        name, n = cleaned[: 31 - len(suffix)].strip() + suffix, n + 1
    taken.add(name)
    return name
