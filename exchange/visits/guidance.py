"""What a person can do about a visit now, and what comes next: the one answer the visit page,
the dashboard and the lists give. The visit page shows only the steps possible now; for the next
step that is not possible yet, it says why and from when. Once the visit's own steps are done,
the capabilities above answer (a reflection to write, a survey to answer: VISIT_NEXT_STEPS); a
declined or cancelled visit points onward. Each step is checked again when it is taken
(services.py and agreements.py refuse with the same reasons): this module only decides what to
offer, from the same rules (rules.py)."""

from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wagtail import hooks

from cms import plugins
from exchange.visits.models import Visit, VisitState
from exchange.visits.models.visits import HOLDS_PLACE
from exchange.visits.rules import (
    AMENDABLE,
    EDITS_AGREEMENT,
    HOST,
    VISITOR,
    allowed,
    roles_of,
)


@dataclass(frozen=True)
class Guidance:
    next_step: str  # what this person does next, or what they wait for, in a few words
    why_not_yet: str = ""  # for a next step that cannot be taken yet: why, and when it can
    steps: frozenset[str] = field(default_factory=frozenset)  # the forms to show now
    # Whose move it is, for the status tag beside the visit: "todo" (this person's), "waiting"
    # (someone else's) or "none" (nothing left to do).
    turn: str = "todo"
    link: str = ""  # where the next step is taken, when it is not on the visit's page

    @property
    def tag_class(self) -> str:
        return {"todo": "status-tag--progress", "none": "status-tag--closed"}.get(self.turn, "")


def guidance(visit: Visit, user, today: date | None = None) -> Guidance:
    roles = roles_of(visit, user)
    steps = {"cancel"} if allowed(visit, "cancel", user) else set()
    state = visit.state
    if state == VisitState.PROPOSED:
        return _proposed(visit, roles, steps)
    if not roles & {VISITOR, HOST}:
        summary = _state_summary(state)
        turn = "none" if summary == _("Nothing to do") else "waiting"
        return Guidance(summary, steps=frozenset(steps), turn=turn)
    if state in EDITS_AGREEMENT:
        return _accepted(visit, roles, steps)
    if state in AMENDABLE:
        steps |= _amendment_steps(visit, roles)
        if HOST in roles:
            found = _agenda_step(visit, today or timezone.localdate(), steps)
        elif state == VisitState.AGREED:
            found = Guidance(_("Waiting for the host's agenda"), turn="waiting")
        else:
            found = Guidance(_("Get ready for the visit"))
        if "amendment_confirm" in steps:
            return Guidance(_("Confirm or decline the amendment"), steps=frozenset(steps))
        why = found.why_not_yet
        if "amendment_propose" not in steps:  # this side's own amendment is waiting
            why = why or _("Your amendment waits for the other side to confirm it.")
        return Guidance(found.next_step, why, frozenset(steps), found.turn)
    if state in (VisitState.COMPLETED, VisitState.REFLECTED):
        for hook in hooks.get_hooks(plugins.VISIT_NEXT_STEPS):
            if (onward := hook(visit, user, today or timezone.localdate())) is not None:
                return onward
    if state == VisitState.COMPLETED:
        return Guidance(
            _("Waiting for the visitor's reflection"), steps=frozenset(steps), turn="waiting"
        )
    if state in (VisitState.DECLINED, VisitState.CANCELLED) and VISITOR in roles:
        return _onward(visit)
    return Guidance(_("Nothing to do"), steps=frozenset(steps), turn="none")


def _onward(visit: Visit) -> Guidance:
    """After a declined or cancelled visit, the visitor's way on: the application waits for the
    next matching round (unless withdrawn), and any other offer can be asked."""
    if visit.application.withdrawn_at:
        why = _("You withdrew the application. Another offer can be asked with a new one.")
    else:
        why = _(
            "Your application waits for the next matching round. You can also ask another "
            "host directly."
        )
    return Guidance(
        _("Find another offer"),
        why,
        turn="none",
        link=reverse("offer_list"),
    )


def _state_summary(state: str) -> str:
    """For a coordinator, who takes no step between the visitor and the host but cancelling."""
    if state in (VisitState.ACCEPTED, VisitState.AGREED, VisitState.SCHEDULED):
        return _("Under way between the visitor and the host")
    if state == VisitState.COMPLETED:
        return _("Waiting for the visitor's reflection")
    return _("Nothing to do")


def _proposed(visit: Visit, roles: set[str], steps: set[str]) -> Guidance:
    if not visit.has_host:  # annotated by with_details; a request then waits for a host
        return Guidance(
            _("Waiting for a host"),
            _(
                "%(organisation)s has nobody hosting visitors on the platform at the moment. "
                "The coordinators know: they will look for a host there, or help find another "
                "offer. The request can also be cancelled, and another organisation asked."
            )
            % {"organisation": visit.host_organisation.title},
            frozenset(steps),
            "waiting",
        )
    if HOST not in roles:
        return Guidance(_("Waiting for the host"), steps=frozenset(steps), turn="waiting")
    steps.add("decline")
    if visit.window.places_left <= 0:
        why = _(
            "The window %(window)s has no place left: raise its number of visitors in the offer "
            "to accept this request."
        ) % {"window": visit.window}
    elif clash := _other_visit_of_visitor(visit):
        why = _(
            "The visitor has another visit on overlapping days (%(start)s – %(end)s): the "
            "request can be accepted if that one is cancelled."
        ) % {
            "start": date_format(clash.starts_on, "SHORT_DATE_FORMAT"),
            "end": date_format(clash.ends_on, "SHORT_DATE_FORMAT"),
        }
    else:
        steps.add("accept")
        return Guidance(_("Accept or decline the request"), steps=frozenset(steps))
    return Guidance(_("Decline the request, or wait"), why, frozenset(steps))


def _other_visit_of_visitor(visit: Visit) -> Visit | None:
    """The visitor's visit holding a place on overlapping days, which an accept would clash with."""
    if visit.visitor_id is None or getattr(visit, "visitor_has_clash", None) is False:
        return None  # with_steps() has found none already
    return (
        Visit.objects.filter(
            state__in=HOLDS_PLACE,
            visitor_id=visit.visitor_id,
            starts_on__lte=visit.ends_on,
            ends_on__gte=visit.starts_on,
        )
        .exclude(pk=visit.pk)
        .first()
    )


def _accepted(visit: Visit, roles: set[str], steps: set[str]) -> Guidance:
    steps.add("agreement_edit")
    agreement = visit.agreement
    signed = agreement.visitor_signed_at if VISITOR in roles else agreement.host_signed_at
    if signed:
        other = _("the host's") if VISITOR in roles else _("the visitor's")
        waiting = _("Waiting for %(other)s signature") % {"other": other}
        return Guidance(waiting, steps=frozenset(steps), turn="waiting")
    missing = agreement.missing_terms()
    if missing:
        return Guidance(
            _("Complete the learning agreement"),
            _("It can be signed once it has: %(fields)s.") % {"fields": ", ".join(missing)},
            frozenset(steps),
        )
    steps.add("agreement_sign")
    return Guidance(_("Sign the learning agreement"), steps=frozenset(steps))


def _agenda_step(visit: Visit, today: date, steps: set[str]) -> Guidance:
    """The host's step while the visit is agreed or scheduled: the agenda, then the visit."""
    steps.add("agenda_add")
    if visit.state == VisitState.AGREED and not visit.agenda.all():
        return Guidance(
            _("Set the agenda"),
            _("The visit can be scheduled once its agenda has at least one activity."),
        )
    if visit.state == VisitState.AGREED:
        steps.add("schedule")
        return Guidance(_("Schedule the visit when the agenda is complete"))
    if today < visit.starts_on:
        return Guidance(
            _("Receive the visitor"),
            _("You can confirm the visit took place from its first day, %(date)s.")
            % {"date": date_format(visit.starts_on, "SHORT_DATE_FORMAT")},
        )
    steps.add("complete")
    return Guidance(_("Confirm the visit took place"))


def _pending_amendment(visit: Visit):
    return next((a for a in visit.agreement.amendments.all() if a.is_open), None)


def _amendment_steps(visit: Visit, roles: set[str]) -> set[str]:
    """Propose one when none is waiting; confirm or decline the one waiting for this side."""
    pending = _pending_amendment(visit)
    if pending is None:
        return {"amendment_propose"}
    confirmed = pending.visitor_confirmed_at if VISITOR in roles else pending.host_confirmed_at
    return set() if confirmed else {"amendment_confirm", "amendment_decline"}
