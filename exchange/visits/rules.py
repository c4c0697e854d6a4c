"""The visit's rules, as pure decisions: how a person stands to a visit, which transitions they
may make from its state, and the refusals' reasons. The steps (exchange/visits/services.py and
agreements.py) check them inside their transactions; the visit page (guidance.py) asks them
which steps to offer."""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exchange.roles import is_coordinator
from exchange.visits.models import OfferWindow, Visit, VisitState
from exchange.visits.steps import COORDINATOR, HOST, TRANSITIONS, VISITOR


class VisitError(Exception):
    """A step that cannot be taken; the message says why."""


class WindowFull(VisitError):
    pass


ROLE_NAMES = {
    VISITOR: gettext_lazy("the visitor"),
    HOST: gettext_lazy("a host of the organisation"),
    COORDINATOR: gettext_lazy("a coordinator"),
}

# What the agreement and agenda steps need, outside the state machine's own transitions.
EDITS_AGREEMENT = (VisitState.ACCEPTED,)
AMENDABLE = (VisitState.AGREED, VisitState.SCHEDULED)
HAS_AGENDA = (VisitState.AGREED, VisitState.SCHEDULED)


def hosted_organisation_id(user) -> int | None:
    """The organisation `user` hosts for, if any."""
    profile = getattr(user, "profile", None)
    return profile.organisation_id if profile and profile.hosts_now else None


def own_organisation_id(user) -> int | None:
    profile = getattr(user, "profile", None)
    return profile.organisation_id if profile else None


def roles_of(visit: Visit, user) -> set[str]:
    """How `user` stands to `visit`: its visitor, a host of its organisation, a coordinator."""
    if not user.is_authenticated:
        return set()
    roles = set()
    if visit.visitor_id == user.pk:
        roles.add(VISITOR)
    if hosted_organisation_id(user) == visit.window.offer.organisation_id:
        roles.add(HOST)
    if is_coordinator(user):
        roles.add(COORDINATOR)
    return roles


def allowed(visit: Visit, name: str, user) -> bool:
    transition = TRANSITIONS[name]
    return visit.state in transition.sources and bool(roles_of(visit, user) & transition.roles)


def check(visit: Visit, name: str, user) -> None:
    """Refuse, with the reason, a transition this user may not make from this state."""
    transition = TRANSITIONS[name]
    if not roles_of(visit, user) & transition.roles:
        who = _(" or ").join(str(ROLE_NAMES[role]) for role in sorted(transition.roles))
        raise VisitError(
            _("Only %(who)s can mark this visit %(target)s.")
            % {"who": who, "target": transition.target.label}
        )
    if visit.state not in transition.sources:
        raise VisitError(
            _("This visit is %(state)s: it cannot be marked %(target)s now.")
            % {"state": visit.get_state_display(), "target": transition.target.label}
        )


def check_dates(window: OfferWindow, starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        raise VisitError(_("The last day cannot be before the first day."))
    if not window.contains(starts_on, ends_on):
        raise VisitError(
            _("The visit must fall inside the offer's window: %(window)s.") % {"window": window}
        )
