"""The kinds of notification a person chooses a channel for, and the channels.

Each capability tags what it sends with one of these kinds (a visit's e-mail with its
VisitMail's `kind`); a person picks, per kind, to be e-mailed at once, in a daily or weekly
digest, or only on the site. The kinds that protect the person (their account and data) always
come at once, and say why.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    AT_ONCE = "at_once", _("E-mail at once")
    DAILY = "daily", _("In a daily digest")
    WEEKLY = "weekly", _("In a weekly digest")
    SITE = "site", _("Only on the site")


@dataclass(frozen=True)
class Kind:
    key: str
    label: Promise
    default: str = Channel.AT_ONCE
    # Set for the kinds that cannot be turned off: why they always come at once.
    fixed_because: Promise | None = None
    coordinators_only: bool = False  # offered only to the coordinators, who receive it


REQUEST = Kind("request", _("A visit request for your organisation"))
VISIT = Kind("visit", _("A step on your visit: accepted, signed, scheduled, changed or cancelled"))
MESSAGE = Kind("message", _("A message about your visit"))
SHARED = Kind("shared", _("A reflection shared with you"), Channel.DAILY)
EXCERPT = Kind("excerpt", _("An excerpt of your writing: a suggested edit to decide on"))
# Reminders and surveys come from a daily job already: at once, by default, is once a day.
SURVEY = Kind("survey", _("A survey to answer"))
REMINDER = Kind(
    "reminder",
    _(
        "Reminders: a request waiting, an agreement to sign, a visit soon, a reflection or a "
        "follow-up due"
    ),
)
PUBLICATION = Kind("publication", _("The themes publication: your chapters and their quotes"))
COORDINATION = Kind(
    "coordination",
    _("For coordinators: visit requests that nobody can answer, concerns about practices"),
    coordinators_only=True,
)
ACCOUNT = Kind(
    "account",
    _("Your account and your data: what will be deleted, and when"),
    fixed_because=_(
        "It protects your account and your data, so it always comes at once and cannot be "
        "turned off."
    ),
)

KINDS = [
    REQUEST,
    VISIT,
    MESSAGE,
    SHARED,
    EXCERPT,
    SURVEY,
    REMINDER,
    PUBLICATION,
    COORDINATION,
    ACCOUNT,
]
BY_KEY = {kind.key: kind for kind in KINDS}


def kinds_for(person) -> list[Kind]:
    """The kinds `person` can receive, so the ones to offer them."""
    from exchange.roles import is_coordinator

    coordinator = is_coordinator(person)
    return [kind for kind in KINDS if coordinator or not kind.coordinators_only]
