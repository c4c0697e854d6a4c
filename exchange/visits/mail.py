"""The e-mail about a visit: each kind names its subject, its template and who hears of it.
The visits' own kinds are here; the capabilities above declare theirs the same way (reflection
and survey reminders, an excerpt's suggested edit, the matching round's proposal) and send them
through `tell`, `send_after_commit` or the reminders. Never to the person who took the step."""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from exchange import notifications
from exchange.membership.selectors import hosts_by_organisation
from exchange.notifications import kinds
from exchange.visits.models import Visit
from exchange.visits.titles import visit_title

VISITOR, HOSTS = "visitor", "hosts"


@dataclass(frozen=True)
class VisitMail:
    kind: str  # in the template's switch and in ReminderSent.kind
    subject: Promise  # formatted with %(organisation)s and %(visitor)s
    audience: tuple[str, ...] = ()  # who `tell` mails: VISITOR, HOSTS
    template: str = "exchange/visits/email/visit.txt"
    link_label: Promise = _("The visit:")
    page: Callable[[Visit], str] = Visit.get_absolute_url  # where the link leads
    # To anyone but the visitor, where the visitor's subject would speak of "your visit to" the
    # reader's own organisation (a host who is shadowed is not visiting).
    host_subject: Promise | None = None
    # The kind of notification it is, whose channel each person chooses.
    notice: kinds.Kind = kinds.VISIT


def _mail(kind: str, subject: Promise, *audience: str, notice=kinds.VISIT) -> VisitMail:
    return VisitMail(kind, subject, audience, notice=notice)


PROPOSED = _mail("proposed", _("New visit request from %(visitor)s"), HOSTS, notice=kinds.REQUEST)
# A visit the coordinators' matching round proposed: the visitor did not ask this host.
ROUND_PROPOSED = _mail(
    "round_proposed",
    _("The matching round proposes a visit by %(visitor)s"),
    HOSTS,
    notice=kinds.REQUEST,
)
ACCEPTED = _mail("accepted", _("Your visit to %(organisation)s is accepted"), VISITOR)
DECLINED = _mail("declined", _("Your visit request to %(organisation)s was declined"), VISITOR)
SIGNED = _mail(
    "signed",
    _("Please sign the learning agreement for the visit to %(organisation)s"),
    VISITOR,
    HOSTS,
)
AGREED = _mail("agreed", _("Learning agreement signed: visit to %(organisation)s"), VISITOR, HOSTS)
SCHEDULED = _mail("scheduled", _("Your visit to %(organisation)s is scheduled"), VISITOR, HOSTS)
COMPLETED = _mail(
    "completed", _("Thank you for the visit to %(organisation)s: time to reflect"), VISITOR
)
CANCELLED = _mail("cancelled", _("Visit to %(organisation)s cancelled"), VISITOR, HOSTS)
AMENDMENT_PROPOSED = _mail(
    "amendment_proposed", _("A change to the learning agreement waits for you"), VISITOR, HOSTS
)
AMENDMENT_DECLINED = _mail(
    "amendment_declined", _("A change to the learning agreement was declined"), VISITOR, HOSTS
)
AMENDMENT_CONFIRMED = _mail(
    "amendment_confirmed", _("The learning agreement is amended"), VISITOR, HOSTS
)
MESSAGE = _mail(
    "message", _("A new message about the visit to %(organisation)s"), notice=kinds.MESSAGE
)
REMINDER_PENDING = _mail(
    "reminder_pending",
    _("Reminder: a visit request waits for your answer"),
    notice=kinds.REMINDER,
)
REMINDER_UNSIGNED = _mail(
    "reminder_unsigned", _("Reminder: please sign the learning agreement"), notice=kinds.REMINDER
)
REMINDER_BEFORE = _mail(
    "reminder_before",
    _("Your visit to %(organisation)s starts in a few days"),
    notice=kinds.REMINDER,
)
HOST_MISSING = _mail("host_missing", _("Your visit request to %(organisation)s waits for a host"))
HOST_MISSING_COORDINATOR = _mail(
    "host_missing_coordinator",
    _("A visit request to %(organisation)s has nobody to answer it"),
    notice=kinds.COORDINATION,
)
HOST_FOUND = _mail(
    "host_found",
    _("A visit request from %(visitor)s waits for your answer"),
    notice=kinds.REQUEST,
)


def hosts_of(visit) -> list:
    """The active members who host for the visit's organisation."""
    organisation_id = visit.window.offer.organisation_id
    return hosts_by_organisation([organisation_id]).get(organisation_id, [])


def recipients(visit, audience, actor=None) -> list:
    people = []
    if VISITOR in audience and visit.visitor and visit.visitor.is_active:
        people.append(visit.visitor)
    if HOSTS in audience:
        people += hosts_of(visit)
    actor_pk = getattr(actor, "pk", None)
    seen, unique = set(), []
    for person in people:
        if person.pk != actor_pk and person.pk not in seen and person.email:
            seen.add(person.pk)
            unique.append(person)
    return unique


def tell(visit, mail: VisitMail, *, actor=None) -> None:
    """Tell the mail's audience, but the actor, about `visit` (after the commit)."""
    send_after_commit(visit, mail, recipients(visit, mail.audience, actor))


def send_after_commit(
    visit, mail: VisitMail, people: list, path: str = "", extra: dict | None = None
) -> None:
    notifications.send_after_commit(
        [message(visit, mail, person, path, extra) for person in people]
    )


def message(
    visit, mail: VisitMail, person, path: str = "", extra: dict | None = None
) -> EmailMessage:
    """The e-mail of kind `mail` to `person`, leading to `path` (else the mail's own page);
    `extra` adds to the template's context."""
    as_host = person.pk != visit.visitor_id
    context = {
        "visit": visit,
        "kind": mail.kind,
        "as_host": as_host,
        "organisation": visit.window.offer.organisation.title,
        "visitor": visit.visitor.get_full_name() if visit.visitor else _("an erased member"),
        "link": settings.BASE_URL + (path or mail.page(visit)),
        "link_label": mail.link_label,
        **(extra or {}),
    }
    subject = mail.host_subject if as_host and mail.host_subject else mail.subject
    with translation.override(notifications.language_of(person)):
        topic = visit_title(visit, person)  # what the person's digest groups it under
    return notifications.email(
        person, subject, mail.template, context, kind=mail.notice, topic=topic
    )
