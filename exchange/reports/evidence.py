"""What the network saw of one practice, for its public page: the visits that observed it and
what their visitors meant to do with it, where it stands in the visitors' organisations at
their latest follow-up, and the colleagues they passed it on to. Counts leave the private layer
only as SafeTables (disclosure.py): no count under 5 is shown, and a hidden count cannot be
worked out from the page's other figures. The visitors' words never leave it."""

from collections import Counter
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from exchange.reports.disclosure import THRESHOLD, SafeTable, protect
from exchange.transfer.models import FollowUp, Intention, PassedOn, PracticeSeen, Status
from exchange.visits.models import VisitState

TOOK_PLACE = (VisitState.COMPLETED, VisitState.REFLECTED)
# An organisation where several visitors followed the practice up counts once, at the
# furthest any of them got.
FURTHEST = [Status.ADOPTED, Status.ADAPTING, Status.STOPPED, Status.NOT_STARTED]
NOT_SAID = ""


@dataclass(frozen=True)
class Counts:
    """The raw counts of one practice: private, never shown as they are."""

    intentions: dict[str, int]  # visits that observed it, by their visitor's intention
    statuses: dict[str, int]  # organisations, by where it stands at their latest follow-up
    passers: int  # visitors who recorded passing it on
    colleagues: int  # the colleagues they said they reached


@dataclass(frozen=True)
class Evidence:
    intentions: SafeTable
    statuses: SafeTable
    passed_on: SafeTable
    colleagues: int | None  # shown only when at least THRESHOLD visitors' numbers add up to it

    @property
    def visits(self) -> int | None:
        return self.intentions.grand_total.value

    @property
    def is_empty(self) -> bool:
        return not self.visits

    @property
    def tables(self) -> list["Answers"]:
        """The tables to show: the organisations' only once some have answered a follow-up."""
        shown = [self.intentions]
        if self.statuses.grand_total.value:
            shown.append(self.statuses)
        return [Answers(table) for table in shown]


@dataclass(frozen=True)
class Answers:
    """A table of one group as the page reads it: a line per answer."""

    table: SafeTable

    @property
    def title(self) -> str:
        return self.table.title

    @property
    def entries(self) -> list:
        """Each answer's name and its cell, in the table's one group."""
        return list(zip(self.table.columns, self.table.body[0], strict=True))


def counts_of(practice_key) -> Counts:
    """Three aggregate queries on the rows of this one practice (indexed by its key), whatever
    the number of visits: the visits by intention, each organisation's latest statuses, and
    what was passed on."""
    seen = PracticeSeen.objects.filter(practice_key=practice_key, visit__state__in=TOOK_PLACE)
    intentions = dict(seen.values_list("intention").annotate(n=Count("pk")).order_by())
    furthest: dict[int, str] = {}
    for organisation, status in (
        seen.exclude(latest_status="")
        .values_list("visit__application__organisation", "latest_status")
        .distinct()
    ):
        if organisation not in furthest or FURTHEST.index(status) < FURTHEST.index(
            furthest[organisation]
        ):
            furthest[organisation] = status
    passed = PassedOn.objects.filter(seen__in=seen).aggregate(
        passers=Count("author", distinct=True), colleagues=Sum("colleagues")
    )
    return Counts(
        intentions,
        dict(Counter(furthest.values())),
        passed["passers"],
        passed["colleagues"] or 0,
    )


def evidence_of(counts: Counts) -> Evidence:
    """The counts made safe to publish (pure: the property test feeds it any counts)."""
    # One group per table (the practice's visits; its visitors' organisations), its answers
    # in columns: the rules for a group apply (fewer than 5 show nothing; all alike, only
    # the group's size, since the answer would then be each one's).
    answers = [*Intention, NOT_SAID]
    intentions = protect(
        _("What the visitors meant to do with it"),
        [_("Visits")],
        [str(answer.label) if answer else _("Not said yet") for answer in answers],
        [[counts.intentions.get(str(answer), 0) for answer in answers]],
    )
    statuses = protect(
        _("Where it stands in the visitors' organisations, at their latest follow-up"),
        [_("Organisations")],
        [str(status.label) for status in FURTHEST],
        [[counts.statuses.get(str(status), 0) for status in FURTHEST]],
    )
    passed_on = protect(
        _("Visitors who passed it on at home"), [_("Visitors")], [_("People")], [[counts.passers]]
    )
    shown = passed_on.body[0][0].value is not None and counts.passers >= THRESHOLD
    return Evidence(intentions, statuses, passed_on, counts.colleagues if shown else None)


# The figures change only when what visitors recorded about the practice does, and making them
# safe solves a few linear programs (10-30 ms): they are worked out when that changes, not when
# the page is read, and kept in the shared cache. A change to a practice seen, a follow-up,
# something passed on, or a visit's state works out the practice's figures again once its
# transaction commits (`refresh`, connected in exchange/apps.py); a reader finds them worked out
# unless the cache dropped them.
KEPT_FOR_S = 24 * 3600  # a day at most, should an entry outlive a change made outside Django


def _cache_key(practice_key) -> str:
    return f"practice-evidence:{practice_key}"


def practice_evidence(practice_key) -> Evidence:
    key = _cache_key(practice_key)
    evidence = cache.get(key)
    if evidence is None:
        evidence = evidence_of(counts_of(practice_key))
        cache.set(key, evidence, KEPT_FOR_S)
    return evidence


def refresh(sender, instance, **kwargs) -> None:
    """A post_save/post_delete receiver: the figures of the practices `instance` touches are
    worked out again and kept, after the change commits."""
    if isinstance(instance, PracticeSeen):
        keys = [instance.practice_key]
    elif isinstance(instance, FollowUp | PassedOn):
        keys = [instance.seen.practice_key] if instance.seen_id else []
    else:  # a visit: its state decides whether it counts
        keys = list(
            PracticeSeen.objects.filter(visit_id=instance.pk).values_list("practice_key", flat=True)
        )
    if keys:
        transaction.on_commit(lambda: _work_out(set(keys)), robust=True)


def _work_out(keys: set) -> None:
    cache.set_many({_cache_key(key): evidence_of(counts_of(key)) for key in keys}, KEPT_FOR_S)
