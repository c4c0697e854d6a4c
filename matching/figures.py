"""Matching's part of the yearly evaluation report, handed to exchange through the
`report_figures` hook (exchange never imports matching): for the rounds of the year, each
application in the latest run's outcome, matched or not, and why not."""

from collections import Counter

from django.db.models import Max
from django.utils.translation import gettext as _

from matching.models import Miss, Proposal, Run


def matching_outcomes(year: int) -> list[dict]:
    latest = (
        Run.objects.filter(round__year=year, status=Run.Status.DONE)
        .values("round")
        .annotate(last=Max("pk"))
        .values_list("last", flat=True)
    )
    runs = list(latest)
    decided = Counter(
        Proposal.objects.filter(run__in=runs).values_list("decision", flat=True).order_by()
    )
    missed = Counter(Miss.objects.filter(run__in=runs).values_list("reason", flat=True).order_by())
    rows = [_("Matched"), _("Matched, then set aside by the coordinators")]
    counts = [
        [decided[Proposal.Decision.OPEN] + decided[Proposal.Decision.PINNED]],
        [decided[Proposal.Decision.REJECTED]],
    ]
    for reason, count in sorted(missed.items()):
        rows.append(_("Not matched: %(reason)s") % {"reason": reason})
        counts.append([count])
    return [
        {
            "key": "matching",
            "title": _("Applications in the year's matching rounds"),
            "rows": rows,
            "columns": [_("Applications")],
            "counts": counts,
            "totals": True,
        }
    ]
