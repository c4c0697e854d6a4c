"""Reflection logs: a private journal around each visit, kept by its visitor and its host mentor
(the host who signed the learning agreement). Each function is one step and one transaction. An
entry is its author's alone until they share it with the visit partner or the coordinators;
every read by someone else is logged for good, and the author sees it."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exchange import audit
from exchange.notifications import kinds
from exchange.reflections.models import (
    AskedOf,
    Audience,
    EntryRead,
    EntryShare,
    EntryVersion,
    Phase,
    ReflectionEntry,
    ReflectionQuestion,
)
from exchange.roles import is_coordinator
from exchange.visits import mail
from exchange.visits import services as visits
from exchange.visits.mail import VisitMail
from exchange.visits.models import Visit, VisitState

if TYPE_CHECKING:
    from django.contrib.auth.models import User

MAX_LENGTH = 20_000  # characters of one entry

# The states from which each phase is open (the dates are checked beside them).
OPEN_STATES: dict[str, tuple[str, ...]] = {
    Phase.BEFORE: (VisitState.AGREED, VisitState.SCHEDULED, VisitState.COMPLETED),
    Phase.DURING: (VisitState.SCHEDULED, VisitState.COMPLETED, VisitState.REFLECTED),
    Phase.AFTER: (VisitState.COMPLETED, VisitState.REFLECTED),
    Phase.FOLLOW_UP: (VisitState.COMPLETED, VisitState.REFLECTED),
}


class ReflectionError(Exception):
    """A step that cannot be taken; the message says why, and nothing changed."""


@dataclass(frozen=True)
class Reading:
    entry: ReflectionEntry
    version: EntryVersion
    text: str


def partner_of(visit: Visit, author_id: int) -> int | None:
    """The visitor's partner is the host mentor (who signed the agreement for the host), and
    the host mentor's the visitor."""
    mentor_id = getattr(getattr(visit, "agreement", None), "host_signed_by_id", None)
    if author_id == visit.visitor_id:
        return mentor_id
    if author_id == mentor_id:
        return visit.visitor_id
    return None


def role_on(visit: Visit, user: "User") -> str:
    """Whether `user` keeps the log of `visit` (and answers its surveys) as its visitor or as
    its host mentor: what they are asked depends on it."""
    return AskedOf.VISITOR if user.pk == visit.visitor_id else AskedOf.HOST


def follow_up_opens(visit: Visit) -> date:
    months = settings.REFLECTION_FOLLOW_UP_MONTHS
    month_index = visit.ends_on.month - 1 + months
    year, month = visit.ends_on.year + month_index // 12, month_index % 12 + 1
    day = min(visit.ends_on.day, 28)
    return date(year, month, day)


def keeps_log(visit: Visit, user: "User") -> bool:
    return user.pk is not None and user.pk in (
        visit.visitor_id,
        partner_of(visit, visit.visitor_id or 0),
    )


def why_closed(visit: Visit, phase: str, today: date | None = None) -> str:
    """Why the phase is not open for writing now, or "" when it is."""
    today = today or timezone.localdate()
    if phase not in OPEN_STATES:
        return _("This is not a phase of the reflection log.")
    if visit.state not in OPEN_STATES[phase]:
        return _("“%(phase)s” is not open at this stage of the visit (%(state)s).") % {
            "state": visit.get_state_display().lower(),
            "phase": Phase(phase).label,
        }
    if phase == Phase.DURING and today < visit.starts_on:
        return _("The log of the visit's days opens on its first day, %(date)s.") % {
            "date": date_format(visit.starts_on)
        }
    if phase == Phase.FOLLOW_UP and today < (opens := follow_up_opens(visit)):
        return _("The follow-up opens on %(date)s.") % {"date": date_format(opens)}
    return ""


def check_open(visit: Visit, author: "User", phase: str, today: date | None = None) -> None:
    if not keeps_log(visit, author):
        raise ReflectionError(_("Only the visitor and the host mentor keep a log of this visit."))
    if reason := why_closed(visit, phase, today):
        raise ReflectionError(reason)


def clean_text(text: str) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if "\x00" in text:
        raise ReflectionError(_("The text holds a character that cannot be saved (NUL)."))
    if len(text) > MAX_LENGTH:
        raise ReflectionError(
            _("An entry holds at most %(max)s characters; this one has %(length)s.")
            % {"max": f"{MAX_LENGTH:,}", "length": f"{len(text):,}"}
        )
    return text


def entry_save(
    *,
    visit_id: int,
    user: "User",
    phase: str,
    question_id: int,
    text: str,
    goal: str = "",
    day: date | None = None,
    submit: bool = False,
) -> ReflectionEntry:
    """Save a draft of the author's answer (a new entry, or the draft over the last one), and
    with `submit` make it the entry's next submitted version, in the same step."""
    text = clean_text(text)
    if submit and not text:
        raise ReflectionError(_("Write an answer before submitting it."))
    with transaction.atomic():
        # The visit's row is locked: two saves of one new answer at once (two tabs, a double
        # click) would otherwise both find no entry and both make one.
        visit = (
            Visit.objects.select_for_update(of=("self",))
            .select_related("agreement")
            .filter(pk=visit_id)
            .first()
        )
        if visit is None:
            raise ReflectionError(_("This visit does not exist."))
        check_open(visit, user, phase)
        question = ReflectionQuestion.objects.filter(
            pk=question_id, phase=phase, asked_of__in=AskedOf.including(role_on(visit, user))
        ).first()
        if question is None:
            raise ReflectionError(_("This question is not one of the phase's."))
        slot = {"visit": visit, "author": user, "phase": phase, "question": question}
        entry = ReflectionEntry.objects.filter(**slot, goal=goal, day=day).first()
        if entry is None:
            check_slot(visit, question, goal, day)
            entry = ReflectionEntry.objects.create(
                **slot,
                goal=goal,
                day=day,
                question_text=question.text,  # as asked, in the author's language
                language=translation.get_language() or settings.LANGUAGE_CODE,
            )
        _save_draft(entry, text)
        if submit and entry.versions.filter(submitted=False).exists():
            _submit(entry, user)
    return entry


def check_slot(visit: Visit, question: ReflectionQuestion, goal: str, day: date | None) -> None:
    """A new answer is to a goal of the agreement in force (for a question asked per goal), and
    in the visit's days up to today (for the during phase)."""
    if question.per_goal and goal not in goals_of(visit):
        raise ReflectionError(_("This is not a learning goal of the visit's agreement."))
    if not question.per_goal and goal:
        raise ReflectionError(_("This question is not asked per learning goal."))
    if question.phase == Phase.DURING:
        if day is None or day not in visit_days(visit):
            raise ReflectionError(_("Choose a day of the visit, up to today."))
    elif day is not None:
        raise ReflectionError(_("Only the log of the visit's days is kept by day."))


def visit_days(visit: Visit, today: date | None = None) -> list[date]:
    """The visit's days up to today: the days of its during phase."""
    last = min(visit.ends_on, today or timezone.localdate())
    return [visit.starts_on + timedelta(days=n) for n in range((last - visit.starts_on).days + 1)]


def _save_draft(entry: ReflectionEntry, text: str) -> None:
    draft = entry.versions.filter(submitted=False).first()
    last = entry.versions.filter(submitted=True).order_by("-number").first()
    if last is not None and text == last.text:
        # Back to the submitted text: nothing new, so no draft (a draft is its author's alone
        # and read by nobody, so it may go).
        if draft is not None:
            draft.delete()
        return
    if draft is not None:
        draft.text, draft.saved_at = text, timezone.now()
        draft.save(update_fields=["text", "saved_at"])
        return
    number = (entry.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    EntryVersion.objects.create(entry=entry, number=number, text=text)


def entry_submit(*, entry_id: int, user: "User") -> ReflectionEntry:
    """The draft becomes a version others may read once shared; it is never changed again."""
    with transaction.atomic():
        entry = _own_entry(entry_id, user)
        _submit(entry, user)
    return entry


def _submit(entry: ReflectionEntry, user: "User") -> None:
    draft = entry.versions.filter(submitted=False).first()
    if draft is None:
        raise ReflectionError(_("Nothing new to submit: the last version is submitted."))
    if not draft.text:
        raise ReflectionError(_("Write an answer before submitting it."))
    draft.submitted = True
    draft.save(update_fields=["submitted"])
    if entry.submitted_at is None:
        entry.submitted_at = timezone.now()
        entry.save(update_fields=["submitted_at"])
    audit.record(entry, "exchange.reflection.submit", user)
    visit = entry.visit
    if (
        entry.phase == Phase.AFTER
        and user.pk == visit.visitor_id
        and visit.state == VisitState.COMPLETED
        and phase_complete(visit, user, Phase.AFTER)
    ):
        # The visitor's reflection is in: the visit's cycle is complete.
        visits.visit_mark_reflected(visit_id=visit.pk, user=user)


def goals_of(visit: Visit) -> list[str]:
    """The learning goals of the agreement in force, one per line."""
    agreement = getattr(visit, "agreement", None)
    if agreement is None:
        return []
    lines = agreement.terms()["goals"].splitlines()
    return [goal for line in lines if (goal := line.strip(" \t-*•"))]


def phase_slots(visit: Visit, phase: str, author: "User") -> list[tuple[ReflectionQuestion, str]]:
    """The answers a phase asks of its author: each of their questions once, or once per
    goal."""
    goals = goals_of(visit) or [""]
    slots = []
    for question in ReflectionQuestion.objects.filter(
        phase=phase, is_active=True, asked_of__in=AskedOf.including(role_on(visit, author))
    ):
        slots += [(question, goal) for goal in goals] if question.per_goal else [(question, "")]
    return slots


def phase_complete(visit: Visit, author: "User", phase: str) -> bool:
    submitted = set(
        ReflectionEntry.objects.filter(
            visit=visit, author=author, phase=phase, submitted_at__isnull=False
        ).values_list("question_id", "goal")
    )
    return all(
        (question.pk, goal) in submitted for question, goal in phase_slots(visit, phase, author)
    )


def entry_share(*, entry_id: int, user: "User", audience: str) -> EntryShare:
    if audience not in Audience.values:
        raise ReflectionError(_("Share with the visit partner or the coordinators."))
    with transaction.atomic():
        entry = _own_entry(entry_id, user)
        if entry.submitted_at is None:
            raise ReflectionError(_("Submit the entry before sharing it."))
        share = entry.shares.filter(audience=audience, withdrawn_at__isnull=True).first()
        if share is None:
            share = EntryShare.objects.create(entry=entry, audience=audience)
            audit.record(entry, "exchange.reflection.share", user, audience=audience)
            if audience == Audience.PARTNER:
                _tell_partner(entry, user)
    return share


SHARED = VisitMail(
    "reflection_shared",
    gettext_lazy("A reflection about the visit was shared with you"),
    template="exchange/reflections/email/shared.txt",
    link_label=gettext_lazy("Read it:"),
    notice=kinds.SHARED,
)


def _tell_partner(entry: ReflectionEntry, author: "User") -> None:
    """The partner hears that something was shared, never what: the link leads to it."""
    partner_id = partner_of(entry.visit, author.pk)
    if partner_id is None:
        return
    partner = get_user_model().objects.filter(pk=partner_id, is_active=True)
    mail.send_after_commit(
        entry.visit,
        SHARED,
        list(partner),
        path=reverse("reflection_entry", args=[entry.pk]),
        extra={"author": author.get_full_name()},
    )


def entry_unshare(*, entry_id: int, user: "User", audience: str) -> None:
    with transaction.atomic():
        entry = _own_entry(entry_id, user)
        withdrawn = entry.shares.filter(audience=audience, withdrawn_at__isnull=True).update(
            withdrawn_at=timezone.now()
        )
        if not withdrawn:
            raise ReflectionError(_("This entry is not shared with them."))
        audit.record(entry, "exchange.reflection.unshare", user, audience=audience)


def may_read(entry: ReflectionEntry, user: "User") -> bool:
    if not user.is_authenticated:
        return False
    if entry.author_id == user.pk:
        return True
    audiences = set(
        entry.shares.filter(withdrawn_at__isnull=True).values_list("audience", flat=True)
    )
    if Audience.PARTNER in audiences and partner_of(entry.visit, entry.author_id) == user.pk:
        return True
    return Audience.COORDINATORS in audiences and is_coordinator(user)


def entry_read(*, entry_id: int, user: "User") -> Reading:
    """The entry's text for `user`: its author reads the latest version, draft included; a
    reader it is shared with reads the latest submitted one, and the read is logged."""
    with transaction.atomic():
        entry = (
            ReflectionEntry.objects.select_related("visit__agreement").filter(pk=entry_id).first()
        )
        if entry is None or not may_read(entry, user):
            raise ReflectionError(_("This entry does not exist, or is not shared with you."))
        versions = entry.versions.order_by("-number")
        if entry.author_id != user.pk:
            versions = versions.filter(submitted=True)
        version = versions.first()
        if version is None:
            raise ReflectionError(_("This entry has no text yet."))
        if entry.author_id != user.pk:
            EntryRead.objects.create(
                entry_id=entry.pk,
                author_id=entry.author_id,
                version=version.number,
                reader_id=user.pk,
            )
    return Reading(entry, version, version.text)


def _own_entry(entry_id: int, user: "User") -> ReflectionEntry:
    entry = ReflectionEntry.objects.select_for_update().filter(pk=entry_id).first()
    if entry is None or entry.author_id != user.pk:
        raise ReflectionError(_("This entry does not exist, or is not yours."))
    return entry
