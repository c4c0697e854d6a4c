"""Messages between a visit's visitor and its hosts, on the visit's page: the way the two sides
reach each other without either seeing the other's e-mail address. Only they may write or read
(coordinators see that messages exist, in the audit log, never their text)."""

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from exchange.visits import mail
from exchange.visits.models import Visit, VisitMessage
from exchange.visits.models.visits import ENDED
from exchange.visits.rules import HOST, VISITOR, VisitError, roles_of
from exchange.visits.services import locked, record

if TYPE_CHECKING:
    from django.contrib.auth.models import User

MAX_LENGTH = 4000


def may_talk(visit: Visit, user: "User") -> bool:
    """Reads the messages: the visitor and the hosts, as long as the visit lasts and after."""
    return bool(roles_of(visit, user) & {VISITOR, HOST})


def may_write(visit: Visit, user: "User") -> bool:
    """A declined or cancelled visit keeps its messages, but takes no more."""
    return may_talk(visit, user) and visit.state not in ENDED


def messages_of(visit: Visit, user: "User") -> list[VisitMessage]:
    if not may_talk(visit, user):
        return []
    return list(visit.messages.select_related("author"))


def message_send(*, visit_id: int, user: "User", text: str) -> VisitMessage:
    text = (text or "").strip()
    if not text:
        raise VisitError(_("Write a message first."))
    if len(text) > MAX_LENGTH:
        raise VisitError(_("A message holds at most %(max)d characters.") % {"max": MAX_LENGTH})
    with transaction.atomic():
        visit = locked(visit_id)
        if not may_talk(visit, user):
            raise VisitError(_("Only the visitor and the visit's hosts write here."))
        if not may_write(visit, user):
            raise VisitError(_("This visit has ended: it takes no more messages."))
        message = VisitMessage.objects.create(visit=visit, author=user, text=text)
        record(visit, "message", user)
        # The other side, and the other hosts; never the author.
        people = mail.recipients(visit, (mail.VISITOR, mail.HOSTS), actor=user)
        path = visit.get_absolute_url() + "#messages"
        mail.send_after_commit(visit, mail.MESSAGE, people, path)
    return message
