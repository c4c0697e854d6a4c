"""The visit's steps, written once: their names (in URLs, the visit page's guidance and the
audit log, as `exchange.visit.<name>`), the state transitions they make and who may make them,
their labels in the audit log, and how the visit page offers the one-click ones. The function
that takes a page step registers itself with `@taken_from_the_page` beside its rules
(services.py, agreements.py): this module sits below them and never imports them."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from exchange import audit
from exchange.visits.models import VisitState
from exchange.visits.models.visits import CANCELLABLE

VISITOR, HOST, COORDINATOR = "visitor", "host", "coordinator"
Service = TypeVar("Service", bound=Callable)


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    target: VisitState
    roles: frozenset[str]


@dataclass(frozen=True)
class Step:
    name: str
    log_label: Promise
    transition: Transition | None = None
    button: Promise | None = None  # a step taken from the visit page with one click
    needs_reason: bool = False  # taken from the visit page with a reason the others read
    done: Promise | None = None  # the message after a step taken from the visit page


def _transition(sources, target, *roles) -> Transition:
    return Transition(tuple(sources), target, frozenset(roles))


STEPS = {
    step.name: step
    for step in [
        Step("propose", _("Visit: proposed")),
        Step(
            "accept",
            _("Visit: accepted"),
            _transition([VisitState.PROPOSED], VisitState.ACCEPTED, HOST),
            button=_("Accept the visit"),
            done=_("accepted"),
        ),
        Step(
            "decline",
            _("Visit: declined"),
            _transition([VisitState.PROPOSED], VisitState.DECLINED, HOST),
            needs_reason=True,
            done=_("declined"),
        ),
        Step("agreement_edit", _("Visit: learning agreement edited")),
        Step(
            "agreement_sign",
            _("Visit: learning agreement signed by one side"),
            button=_("Sign the agreement"),
            done=_("signed"),
        ),
        Step(
            "agree",
            _("Visit: learning agreement signed by both"),
            _transition([VisitState.ACCEPTED], VisitState.AGREED, VISITOR, HOST),
        ),
        Step("amendment_propose", _("Visit: amendment proposed")),
        Step("amendment_confirm", _("Visit: amendment confirmed")),
        Step("amendment_decline", _("Visit: amendment declined")),
        Step("agenda_add", _("Visit: agenda item added")),
        Step("message", _("Visit: message sent between visitor and hosts")),
        Step("agenda_remove", _("Visit: agenda item removed")),
        Step(
            "schedule",
            _("Visit: scheduled"),
            _transition([VisitState.AGREED], VisitState.SCHEDULED, HOST),
            button=_("Schedule the visit (the agenda is set)"),
            done=_("scheduled"),
        ),
        Step(
            "complete",
            _("Visit: completed"),
            _transition([VisitState.SCHEDULED], VisitState.COMPLETED, HOST),
            button=_("Confirm the visit took place"),
            done=_("confirmed"),
        ),
        Step(
            "reflect",
            _("Visit: reflection handed in"),
            _transition([VisitState.COMPLETED], VisitState.REFLECTED, VISITOR),
        ),
        Step(
            "cancel",
            _("Visit: cancelled"),
            _transition(CANCELLABLE, VisitState.CANCELLED, VISITOR, HOST, COORDINATOR),
            needs_reason=True,
            done=_("cancelled"),
        ),
    ]
}
TRANSITIONS = {name: step.transition for name, step in STEPS.items() if step.transition}
# The steps the visit page takes through /visits/<id>/<step>/ (the others have forms of their own).
PAGE_STEPS = {name: step for name, step in STEPS.items() if step.done}
# The function taking each of them, as it registered itself (see taken_from_the_page).
PAGE_SERVICES: dict[str, Callable] = {}
# The one-click buttons above the agreement (the signature sits under the agreement it signs).
BUTTONS = [step for step in STEPS.values() if step.button and step.name != "agreement_sign"]

audit.register({f"exchange.visit.{name}": step.log_label for name, step in STEPS.items()})


def taken_from_the_page(name: str) -> Callable[[Service], Service]:
    """Registers the decorated function as the one /visits/<id>/<name>/ calls, with the visit's
    id, the person and, for a step that `needs_reason`, the reason."""
    if name not in PAGE_STEPS:
        raise ValueError(f"{name!r} is not a step the visit page takes")

    def register(service: Service) -> Service:
        PAGE_SERVICES[name] = service
        return service

    return register
