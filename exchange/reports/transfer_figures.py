"""The report's transfer section: what visitors did at home with the practices they saw, in the
year's follow-ups (answered in the year, whatever year the visit was), and what they passed on
to colleagues in the year. Counts of people, made safe like every other figure; the sums of
colleagues reached show only where at least 5 people's numbers make them."""

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from exchange.reports.disclosure import SafeTable, protect, sums_beside
from exchange.transfer.models import FOLLOW_UP_MONTHS, FollowUp, PassedOn, PassedOnKind, Status


def transfer_tables(year: int) -> list[tuple[str, SafeTable]]:
    statuses = list(Status)
    by_month = {
        (month, status): n
        for month, status, n in FollowUp.objects.filter(answered_at__year=year)
        .values_list("month", "status")
        .annotate(n=Count("seen__visitor", distinct=True))
        .order_by()
    }
    follow_ups = protect(
        _("Where visitors' practices stood at each follow-up (people; one can count at several)"),
        [_("After %(months)s months") % {"months": month} for month in FOLLOW_UP_MONTHS],
        [str(status.label) for status in statuses],
        [[by_month.get((month, status), 0) for status in statuses] for month in FOLLOW_UP_MONTHS],
        totals=False,  # one person's practices can stand at several statuses
    )
    kinds = list(PassedOnKind)
    passed = {
        kind: (people, colleagues)
        for kind, people, colleagues in PassedOn.objects.filter(on__year=year)
        .values_list("kind")
        .annotate(people=Count("author", distinct=True), colleagues=Sum("colleagues"))
        .order_by()
    }
    people = protect(
        _("People who passed on what they learned, by what they did"),
        [str(kind.label) for kind in kinds],
        [_("People")],
        [[passed.get(kind, (0, 0))[0]] for kind in kinds],
        totals=False,  # one person can do several things
    )
    colleagues = sums_beside(
        _("Colleagues they reached, by what they did"),
        people,
        _("Colleagues"),
        [passed.get(kind, (0, 0))[1] or 0 for kind in kinds],
    )
    return [
        ("transfer_follow_ups", follow_ups),
        ("transfer_passed_on", people),
        ("transfer_colleagues", colleagues),
    ]
