"""Publishing the yearly evaluation report: the coordinators freeze the year's safe figures,
with the year before's beside them, into a public report page (cms renders what it stores)."""

from html import unescape

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from wagtail.models import Site

from cms.models import EvaluationReportPage
from exchange.reports.disclosure import NOT_ADDITIVE
from exchange.reports.figures import SCALE_POINTS, Figure, figures_for
from exchange.roles import is_coordinator
from exchange.visits.models import Visit


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


def frozen_figures(year: int) -> list[dict] | None:
    """A year's figures as they were first frozen, if they were: by its own final report, or
    as "the year before" of the next year's report. A year's figures are computed once:
    computed again after a late answer, the two versions' difference would give that answer
    away."""
    own = EvaluationReportPage.objects.filter(year=year, provisional=False).first()
    if own is not None:
        return own.figures
    following = EvaluationReportPage.objects.filter(year=year + 1).first()
    if following is not None:
        first = following.earlier_versions[0] if following.earlier_versions else None
        before = first["figures_before"] if first else following.figures_before
        if before:
            return before
    return None


def figures_before(year: int) -> list[dict]:
    """The year before's figures: as first frozen, else frozen now (and then reused by its own
    report when it is published)."""
    frozen_copy = frozen_figures(year - 1)
    if frozen_copy is not None:
        return frozen_copy
    if not Visit.objects.filter(ends_on__year=year - 1).exists():
        return []
    return [frozen(figure) for figure in figures_for(year - 1)]


def year_has_ended(year: int) -> bool:
    return year < timezone.localdate().year


def report_publish(
    *, year: int, user, title: str, narrative: str, provisional: bool = False
) -> EvaluationReportPage:
    """Publish the year's report, freezing its figures; a provisional one (before the year
    ended) is replaced, as a new version, by the final report once the year has ended."""
    if not is_coordinator(user):
        raise PermissionDenied
    title = _required_title(title)
    if not year_has_ended(year) and not provisional:
        raise ReportError(
            _(
                "%(year)s has not ended: its figures are not final yet. Publish the report "
                "after the year, or mark it as provisional."
            )
            % {"year": year}
        )
    if year_has_ended(year) and provisional:
        raise ReportError(
            _("%(year)s has ended: publish its final report, not a provisional one.")
            % {"year": year}
        )
    with transaction.atomic():
        page = EvaluationReportPage.objects.select_for_update().filter(year=year).first()
        if page is not None and not (page.provisional and not provisional):
            raise ReportError(
                _(
                    "The report for %(year)s is published already; it stays as it is. "
                    "Publish a corrected version instead."
                )
                % {"year": year}
            )
        if not Visit.objects.filter(ends_on__year=year).exists():
            raise ReportError(
                _("There is nothing to report for %(year)s: no visit ended in that year.")
                % {"year": year}
            )
        figures = None if provisional else frozen_figures(year)
        if figures is None:
            figures = [frozen(figure) for figure in figures_for(year)]
        content = {
            "title": title,
            "narrative": narrative_html(narrative),
            "figures": figures,
            "figures_before": figures_before(year),
            "provisional": provisional,
        }
        if page is not None:  # the final report replaces the provisional one
            note = _("The final figures replace the provisional ones.")
            return _new_version(page, user, note=note, **content)
        home = Site.objects.get(is_default_site=True).root_page
        page = home.add_child(
            instance=EvaluationReportPage(
                slug=f"evaluation-report-{year}",
                year=year,
                frozen_at=timezone.now(),
                owner=user,
                **content,
            )
        )
        page.save_revision(user=user).publish(user=user)
    return page


def report_correct(
    *, year: int, user, title: str, narrative: str, note: str
) -> EvaluationReportPage:
    """A corrected version of a published report: new words, the same frozen figures (figures
    computed again would give hidden cells away by their difference). The version it replaces
    stays readable, and the page says what changed and when."""
    if not is_coordinator(user):
        raise PermissionDenied
    title = _required_title(title)
    note = (note or "").strip()
    if not note:
        raise ReportError(_("Say what the correction changes: readers see it beside the report."))
    with transaction.atomic():
        page = EvaluationReportPage.objects.select_for_update().filter(year=year).first()
        if page is None:
            raise ReportError(
                _("There is no published report for %(year)s to correct.") % {"year": year}
            )
        narrative = narrative_html(narrative)
        if title == page.title and narrative == page.narrative:
            raise ReportError(
                _("The title and the narrative are as published: there is nothing to correct.")
            )
        return _new_version(
            page,
            user,
            note=note[:1000],
            title=title,
            narrative=narrative,
            figures=page.figures,
            figures_before=page.figures_before,
            provisional=page.provisional,
        )


def narrative_html(narrative: str) -> str:
    """The narrative as the page stores and shows it: escaped text, in paragraphs (safe to
    show as HTML, since every character of the text was escaped first)."""
    return mark_safe(linebreaks(escape(narrative or "")))  # noqa: S308 (escaped above)


def narrative_text(narrative: str) -> str:
    """A stored narrative back as the text the form took (the inverse of narrative_html)."""
    paragraphs = narrative.replace("<br>", "\n").split("</p>")
    return "\n\n".join(unescape(strip_tags(p)).strip() for p in paragraphs if strip_tags(p).strip())


def _required_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ReportError(_("Give the report a title: it is the public page's heading."))
    return title[:255]


def _new_version(page: EvaluationReportPage, user, *, note: str, **content) -> EvaluationReportPage:
    """The page's current version joins the earlier ones, and `content` becomes the next."""
    page.earlier_versions = [*page.earlier_versions, page.as_published()]
    for name, value in content.items():
        setattr(page, name, value)
    page.version += 1
    page.note = note
    page.frozen_at = timezone.now()
    page.save_revision(user=user).publish(user=user)
    return page
