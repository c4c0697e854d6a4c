"""What the reflection pages and the dashboard show: a person's log of a visit phase by phase,
the reflections due, and the entries others shared with them. Read-only. Text is decrypted here
for its author only; anyone else reads through services.entry_read, which logs the read."""

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Count, F, Prefetch, Q
from django.utils import timezone

from exchange.reflections.models import (
    AskedOf,
    Audience,
    EntryRead,
    EntryShare,
    Phase,
    ReflectionEntry,
    ReflectionQuestion,
)
from exchange.reflections.services import (
    OPEN_STATES,
    goals_of,
    role_on,
    visit_days,
    why_closed,
)
from exchange.roles import is_coordinator
from exchange.visits.models import Visit

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# A status tag in words, for each state of an answer and of a phase.
NOT_STARTED, DRAFT, SUBMITTED, CHANGED = "not_started", "draft", "submitted", "changed"
CLOSED, TO_DO, IN_PROGRESS, DONE = "closed", "to_do", "in_progress", "done"


@dataclass
class Slot:
    """One answer a phase asks for, and the author's entry for it if they began one."""

    question_id: int | None
    question_text: str
    help_text: str
    goal: str = ""
    day: date | None = None
    entry: ReflectionEntry | None = None
    text: str = ""  # the author's latest text, draft included
    shared_with: list[str] = field(default_factory=list)  # open audiences
    reads: int = 0
    goal_index: int = 0  # the goal's place in the agreement, for the slot's key
    error: str = ""  # why the answer just posted to it was refused
    agenda: list = field(default_factory=list)  # the day's agenda items, for the during phase

    @property
    def status(self) -> str:
        if self.entry is None:
            return NOT_STARTED
        versions = list(self.entry.versions.all())
        if not any(version.submitted for version in versions):
            return DRAFT
        return SUBMITTED if versions[-1].submitted else CHANGED

    @property
    def key(self) -> str:
        """A stable id for the slot's form on its page."""
        return f"q{self.question_id or 0}-{self.goal_index}-{self.day or ''}"


@dataclass
class PhaseStatus:
    phase: str
    label: str
    why_closed: str
    submitted: int
    total: int

    @property
    def status(self) -> str:
        if self.why_closed and not self.submitted:
            return CLOSED
        if self.total and self.submitted >= self.total:
            return DONE
        return IN_PROGRESS if self.submitted else TO_DO


def _active_questions() -> list[ReflectionQuestion]:
    return list(ReflectionQuestion.objects.filter(is_active=True))


def _expected(visit: Visit, phase: str, questions, goals: list[str], author) -> list[tuple]:
    """(question, goal) for each answer the phase asks of `author`."""
    asked = AskedOf.including(role_on(visit, author))
    slots = []
    for question in questions:
        if question.phase != phase or question.asked_of not in asked:
            continue
        if question.per_goal:
            slots += [(question, goal) for goal in goals or [""]]
        else:
            slots.append((question, ""))
    return slots


def log_of(visit: Visit, user: "User", today: date | None = None) -> list[PhaseStatus]:
    """The four phases of `user`'s log of `visit`, each with how far it is answered."""
    questions, goals = _active_questions(), goals_of(visit)
    submitted = set(
        ReflectionEntry.objects.filter(
            visit=visit, author=user, submitted_at__isnull=False
        ).values_list("phase", "question_id", "goal", "day")
    )
    return [
        _phase_status(visit, user, phase, questions, goals, submitted, today)
        for phase in Phase.values
    ]


def _phase_status(visit, author, phase, questions, goals, submitted, today) -> PhaseStatus:
    # The during phase asks its questions once per day of the visit so far, as its page does:
    # one day's answers do not complete it.
    days = visit_days(visit, today) if phase == Phase.DURING else [None]
    expected = [
        (question.pk, goal, day)
        for day in days
        for question, goal in _expected(visit, phase, questions, goals, author)
    ]
    done = sum((phase, *answer) in submitted for answer in expected)
    label, closed = Phase(phase).label, why_closed(visit, phase, today)
    return PhaseStatus(phase, label, closed, done, len(expected))


def phase_page(visit: Visit, user: "User", phase: str, today: date | None = None) -> list[Slot]:
    """The answers of one phase for its author: the ones asked now (per goal, or per day of
    the visit for the during phase) and any written earlier to a question since changed."""
    entries = {
        (entry.question_id, entry.goal, entry.day): entry
        for entry in ReflectionEntry.objects.filter(visit=visit, author=user, phase=phase)
        .prefetch_related(
            "versions",
            Prefetch("shares", queryset=EntryShare.objects.filter(withdrawn_at__isnull=True)),
        )
        .order_by("day", "pk")
    }
    goals = goals_of(visit)
    days = visit_days(visit, today) if phase == Phase.DURING else [None]
    reads = _read_counts([entry.pk for entry in entries.values()])
    expected = _expected(visit, phase, _active_questions(), goals, user)  # once, not per day
    slots = []
    for day in days:
        for question, goal in expected:
            entry = entries.pop((question.pk, goal, day), None)
            slots.append(_slot(question, goal, day, entry, reads, goals))
    slots += [_slot(None, e.goal, e.day, e, reads, goals) for e in entries.values()]
    if phase != Phase.DURING:
        # Goal by goal, in the agreement's order (what I saw, why it works, what it would take),
        # then the questions about the whole visit.
        slots.sort(key=lambda slot: (not slot.goal, slot.goal_index))
    return slots


def _slot(question, goal, day, entry, reads, goals) -> Slot:
    # An answer keeps its question as it was asked; an empty slot shows the question as it is.
    text = entry.question_text if entry else question.text
    versions = list(entry.versions.all()) if entry else []
    return Slot(
        question_id=question.pk if question else entry.question_id,
        question_text=text,
        help_text=question.help_text if question else "",
        goal=goal,
        goal_index=goals.index(goal) + 1 if goal in goals else 0,
        day=day,
        entry=entry,
        text=versions[-1].text if versions else "",
        shared_with=[share.audience for share in entry.shares.all()] if entry else [],
        reads=reads.get(entry.pk, 0) if entry else 0,
    )


def _read_counts(entry_ids: list[int]) -> dict[int, int]:
    reads = EntryRead.objects.filter(entry_id__in=entry_ids).values("entry_id")
    return {row["entry_id"]: row["reads"] for row in reads.annotate(reads=Count("pk"))}


def visits_with_log(user: "User"):
    """The visits `user` keeps a log of: as visitor, or as the host mentor who signed."""
    states = {state for phase_states in OPEN_STATES.values() for state in phase_states}
    return (
        Visit.objects.filter(Q(visitor=user) | Q(agreement__host_signed_by=user))
        .filter(state__in=states)
        .with_steps()
        .order_by("-starts_on")
    )


@dataclass(frozen=True)
class Due:
    visit: Visit
    phase: PhaseStatus


def due_for(user: "User", today: date | None = None) -> list[Due]:
    """Each phase open now and not yet answered in full, across `user`'s visits: in three
    queries whatever the number of visits."""
    today = today or timezone.localdate()
    visits = list(visits_with_log(user))
    if not visits:
        return []
    questions = _active_questions()
    submitted: dict[int, set] = {}
    for visit_id, *answer in ReflectionEntry.objects.filter(
        author=user, visit__in=[v.pk for v in visits], submitted_at__isnull=False
    ).values_list("visit_id", "phase", "question_id", "goal"):
        submitted.setdefault(visit_id, set()).add(tuple(answer))
    due = []
    for visit in visits:
        goals = goals_of(visit)
        for phase in Phase.values:
            status = _phase_status(
                visit, user, phase, questions, goals, submitted.get(visit.pk, set()), today
            )
            if not status.why_closed and status.status != DONE and _due_now(visit, phase, today):
                due.append(Due(visit, status))
    return due


def _due_now(visit: Visit, phase: str, today: date) -> bool:
    """The notes of the visit's days are due while it lasts; later they may still be written,
    but the after phase is what is due then."""
    return phase != Phase.DURING or visit.starts_on <= today <= visit.ends_on


def shared_with(user: "User", visit: Visit | None = None):
    """The submitted entries others shared with `user` now: as the visit partner, or as a
    coordinator. Without their text."""
    if not user.is_authenticated:
        return ReflectionEntry.objects.none()
    entries = ReflectionEntry.objects.filter(submitted_at__isnull=False).exclude(author=user)
    if visit is not None:
        entries = entries.filter(visit=visit)
    open_to = Q(shares__withdrawn_at__isnull=True)
    as_partner = Q(shares__audience=Audience.PARTNER) & (
        # The partner of the visitor is the host mentor, and the other way round.
        Q(author_id=F("visit__visitor_id"), visit__agreement__host_signed_by=user)
        | Q(visit__visitor=user, author_id=F("visit__agreement__host_signed_by_id"))
    )
    audience = as_partner
    if is_coordinator(user):
        audience |= Q(shares__audience=Audience.COORDINATORS)
    return (
        entries.filter(open_to & audience)
        .distinct()
        .select_related("visit__window__offer__organisation", "author")
        .order_by("-submitted_at")
    )
