"""What the network saw of one practice, for its public page: the visits that observed it and
what their visitors meant to do with it, where it stands in the visitors' organisations at
their latest follow-up, and the colleagues they passed it on to. Counts leave the private layer
only as SafeTables (disclosure.py): no count under 5 is shown, and a hidden count cannot be
worked out from the page's other figures. The visitors' words never leave it."""

import functools
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from exchange.reports.disclosure import THRESHOLD, SafeTable, protect
from exchange.reports.models import PracticeFigures
from exchange.transfer.models import FollowUp, Intention, PassedOn, PracticeSeen, Status
from exchange.visits.models import VisitState

TOOK_PLACE = (VisitState.COMPLETED, VisitState.REFLECTED)
# An organisation where several visitors followed the practice up counts once, at the
# furthest any of them got.
FURTHEST = [Status.ADOPTED, Status.ADAPTING, Status.STOPPED, Status.NOT_STARTED]
NOT_SAID = ""
INTENTIONS = [*Intention, NOT_SAID]


@dataclass(frozen=True)
class Counts:
    """The raw counts of one practice: private, never shown as they are."""

    intentions: dict[str, int]  # visits that observed it, by their visitor's intention
    statuses: dict[str, int]  # organisations, by where it stands at their latest follow-up
    passers: int  # visitors who recorded passing it on
    colleagues: int  # the colleagues they said they reached


def _intention_labels() -> list[str]:
    return [str(answer.label) if answer else _("Not said yet") for answer in INTENTIONS]


def _status_labels() -> list[str]:
    return [str(status.label) for status in FURTHEST]


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
        """The tables to show, named in the reader's language (the stored figures are cells
        only): the organisations' only once some have answered a follow-up."""
        shown = [
            Answers(
                _("What the visitors meant to do with it"), _intention_labels(), self.intentions
            )
        ]
        if self.statuses.grand_total.value:
            title = _("Where it stands in the visitors' organisations, at their latest follow-up")
            shown.append(Answers(title, _status_labels(), self.statuses))
        return shown

    def as_data(self) -> dict:
        return {
            "intentions": self.intentions.as_data(),
            "statuses": self.statuses.as_data(),
            "passed_on": self.passed_on.as_data(),
            "colleagues": self.colleagues,
        }

    @classmethod
    def from_data(cls, data: dict) -> "Evidence":
        return cls(
            SafeTable.from_data(data["intentions"]),
            SafeTable.from_data(data["statuses"]),
            SafeTable.from_data(data["passed_on"]),
            data["colleagues"],
        )


@dataclass(frozen=True)
class Answers:
    """A table of one group as the page reads it: a line per answer, and the total."""

    title: str
    labels: list[str]
    table: SafeTable

    @property
    def entries(self) -> list:
        return list(zip(self.labels, self.table.body[0], strict=True))

    @property
    def total(self):
        return self.table.grand_total


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
    intentions = protect(
        "intentions",
        ["visits"],
        [str(answer) for answer in INTENTIONS],  # named in the reader's language when shown
        [[counts.intentions.get(str(answer), 0) for answer in INTENTIONS]],
    )
    statuses = protect(
        "statuses",
        ["organisations"],
        [str(status) for status in FURTHEST],
        [[counts.statuses.get(str(status), 0) for status in FURTHEST]],
    )
    passed_on = protect("passed on", ["visitors"], ["people"], [[counts.passers]])
    shown = passed_on.body[0][0].value is not None and counts.passers >= THRESHOLD
    return Evidence(intentions, statuses, passed_on, counts.colleagues if shown else None)


# The figures change only when what visitors recorded about the practice does, and making them
# safe solves a few linear programs (10-30 ms): they are worked out when that changes, not when
# the page is read, and stored (PracticeFigures). A change to a practice seen, a follow-up,
# something passed on, or a visit's state works them out again once its transaction commits
# (`refresh`, connected in exchange/apps.py). A practice without stored figures has had nothing
# recorded about it: its page says there are no figures yet.


def practice_evidence(practice_key) -> Evidence:
    stored = PracticeFigures.objects.filter(practice_key=practice_key).first()
    return Evidence.from_data(stored.figures) if stored else nothing_yet()


@functools.cache
def nothing_yet() -> Evidence:
    return evidence_of(Counts({}, {}, 0, 0))


def refresh(sender, instance, **kwargs) -> None:
    """A post_save/post_delete receiver: the figures of the practices `instance` touches are
    worked out again and stored, after the change commits."""
    if isinstance(instance, PracticeSeen):
        keys = [instance.practice_key]
    elif isinstance(instance, FollowUp | PassedOn):
        keys = list(
            PracticeSeen.objects.filter(pk=instance.seen_id).values_list("practice_key", flat=True)
        )
    else:  # a visit: its state decides whether it counts
        keys = list(
            PracticeSeen.objects.filter(visit_id=instance.pk).values_list("practice_key", flat=True)
        )
    if keys:
        transaction.on_commit(lambda: work_out(set(keys)), robust=True)


def work_out(keys) -> None:
    """Store the figures of these practices (by key), as they stand now."""
    for key in keys:
        PracticeFigures.objects.update_or_create(
            practice_key=key, defaults={"figures": evidence_of(counts_of(key)).as_data()}
        )


def work_out_all() -> int:
    """Every practice's figures that visitors recorded something about (after a bulk load)."""
    keys = set(PracticeSeen.objects.values_list("practice_key", flat=True).distinct())
    work_out(keys)
    return len(keys)
