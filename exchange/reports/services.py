"""Publishing the yearly evaluation report: the coordinators freeze the year's safe figures,
with the year before's beside them, into a public report page (cms renders what it stores)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

from wagtail.models import Site

from cms.models import EvaluationReportPage
from exchange.models import Visit
from exchange.reports.disclosure import NOT_ADDITIVE
from exchange.reports.figures import SCALE_POINTS, Figure, figures_for
from exchange.roles import is_coordinator


class ReportError(Exception):
    """Why the report cannot be published, for the coordinator."""


def frozen(figure: Figure) -> dict:
    """What a report page stores of a figure: the shown values only (hidden cells as null, no
    reason), and each group's mean on a scale when the whole group is shown."""
    table = figure.table
    return {
        "key": figure.key,
        "title": table.title,
        "level": figure.level,
        "scale": figure.scale,
        "totals": table.grand_total.reason != NOT_ADDITIVE,
        "rows": list(table.rows),
        "columns": list(table.columns),
        "cells": [[cell.value for cell in row] for row in table.cells],
        "means": [
            table.mean(i, SCALE_POINTS) if figure.scale else None for i in range(len(table.rows))
        ],
    }


def figures_before(year: int) -> list[dict]:
    """The year before's figures as they were published, if its report was; else made now."""
    published = EvaluationReportPage.objects.filter(year=year - 1).first()
    if published is not None:
        return published.figures
    if not Visit.objects.filter(ends_on__year=year - 1).exists():
        return []
    return [frozen(figure) for figure in figures_for(year - 1)]


def report_publish(*, year: int, user, title: str, narrative: str) -> EvaluationReportPage:
    if not is_coordinator(user):
        raise PermissionDenied
    title = (title or "").strip() or _("Evaluation report %(year)s") % {"year": year}
    with transaction.atomic():
        if EvaluationReportPage.objects.filter(year=year).exists():
            raise ReportError(
                _("The report for %(year)s is published already; it stays as it is.")
                % {"year": year}
            )
        if not Visit.objects.filter(ends_on__year=year).exists():
            raise ReportError(
                _("There is nothing to report for %(year)s: no visit ended in that year.")
                % {"year": year}
            )
        home = Site.objects.get(is_default_site=True).root_page
        page = home.add_child(
            instance=EvaluationReportPage(
                title=title[:255],
                slug=f"evaluation-report-{year}",
                year=year,
                narrative=linebreaks(escape(narrative or "")),
                figures=[frozen(figure) for figure in figures_for(year)],
                figures_before=figures_before(year),
                frozen_at=timezone.now(),
                owner=user,
            )
        )
        page.save_revision(user=user).publish(user=user)
    return page
