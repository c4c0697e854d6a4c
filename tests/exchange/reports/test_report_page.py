"""Publishing the yearly report: a coordinator previews the year's figures (with the reasons
for what is hidden), publishes, and the public page stores and shows only what is safe; later
data changes nothing on it; a second publication, an empty year and other people are refused
with a message; the CSV and the PDF hold the same tables, hidden cells as a dash."""

import csv
import io
import os

from django.urls import reverse

import openpyxl
import pytest
from pypdf import PdfReader

from cms.models import EvaluationReportPage
from exchange.reports import services
from tests.exchange.factories import advance
from tests.exchange.reports.test_figures import year_of_visits  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db
URL = reverse("evaluation_report")


def publish(client, year, **fields):
    data = {"year": str(year), "title": "", "narrative": "Visits went well.\n\nMore next year."}
    return client.post(URL, {**data, **fields})


def test_a_coordinator_previews_and_publishes_a_frozen_report(
    client,
    coordinator,
    network,
    year_of_visits,  # noqa: F811
):
    client.force_login(coordinator)
    preview = client.get(URL, {"year": year_of_visits}).content.decode()
    assert "Visits by where they stand" in preview and "fewer than 5 people" in preview
    response = publish(client, year_of_visits)
    assert response.status_code == 302
    page = EvaluationReportPage.objects.get(year=year_of_visits)
    html = client.get(page.url).content.decode()
    assert "Visits went well." in html and "<svg" in html and "Across a border" in html
    assert "(fewer than 5 people)" not in html  # reasons stay with the coordinators
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
    response = publish(client, 2001)
    assert response.status_code == 409 and "nothing to report for 2001" in response.content.decode()
    assert publish(client, "not a year").status_code == 400
    client.force_login(network.visitor)
    assert client.get(URL)["Location"] == reverse("wagtailadmin_home")
    with pytest.raises(services.PermissionDenied):
        services.report_publish(year=2026, user=network.visitor, title="", narrative="")


def test_the_csv_and_pdf_hold_the_same_safe_tables(client, coordinator, year_of_visits):  # noqa: F811
    page = services.report_publish(
        year=year_of_visits, user=coordinator, title="Evaluation report (test)", narrative=""
    )
    rows = list(csv.reader(io.StringIO(client.get(f"{page.url}csv/").content.decode())))
    assert [str(year_of_visits), "Visits across a border"] in rows
    data = [row for row in rows if len(row) > 2 and row[0]]  # not titles nor column headings
    cells = [value for row in data for value in row[1:]]
    assert "–" in cells
    assert not any(value.isdigit() and 0 < int(value) < 5 for value in cells)
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(f"{page.url}xlsx/").content)).active
    in_sheet = [[str(v) for v in row if v is not None] for row in sheet.iter_rows(values_only=True)]
    in_csv = [[v for v in row if v != ""] for row in rows]
    assert [row for row in in_sheet if row] == [row for row in in_csv if row]
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
):
    """Had the year before been recomputed after late changes, its figures could differ from
    those published, and the difference would give hidden cells away."""
    assert services.figures_before(year_of_visits + 1)  # made now: nothing published yet
    page = services.report_publish(year=year_of_visits, user=coordinator, title="", narrative="")
    advance(network, "completed")  # a late change to that year's data
    assert services.figures_before(year_of_visits + 1) == page.figures
    recomputed = [services.frozen(f) for f in services.figures_for(year_of_visits)]
    assert recomputed != page.figures
