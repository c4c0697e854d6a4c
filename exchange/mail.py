"""E-mail out of the request: the message waits encrypted in the outbox (QueuedEmail), a task
carrying only its id is queued, and the worker sends it through the backend EMAIL_URL chose
(settings.QUEUED_EMAIL_BACKEND), then deletes it. Queued inside the transaction that decided to
send it, so a rolled-back step sends nothing. The task's arguments, kept a week with its result,
name no address and hold no link."""

import base64
import json
from email import message_from_bytes
from email.message import Message

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend

from django_tasks import task

from exchange.outbox import QueuedEmail


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        for email in email_messages:
            queued = QueuedEmail.objects.create(
                sender=email.from_email,
                recipients=json.dumps(email.recipients()),
                # The message as it would go on the wire: attachments, alternatives, headers.
                message=base64.b64encode(email.message().as_bytes()).decode("ascii"),
            )
            send_queued_email.enqueue(email_id=queued.pk)
        return len(email_messages)


class StoredMessage(Message):
    """A parsed message that writes itself with the line ends a backend asks for (SMTP: CRLF),
    as Django's own message classes do."""

    def as_bytes(self, unixfrom: bool = False, linesep: str = "\n") -> bytes:  # type: ignore[override]
        return super().as_bytes(unixfrom, policy=self.policy.clone(linesep=linesep))


class RawEmail(EmailMessage):
    """An already-built message, for the backends that take EmailMessage objects."""

    def __init__(self, *, sender: str, recipients: list[str], raw: bytes):
        self._parsed = message_from_bytes(raw, _class=StoredMessage)
        super().__init__(subject=str(self._parsed["Subject"]), from_email=sender, to=recipients)

    def message(self, **kwargs):  # type: ignore[override]
        return self._parsed

    def recipients(self) -> list[str]:
        return self.to


@task()
def send_queued_email(*, email_id: int) -> int:
    """Send one queued message, then delete it; 0 when it is gone already. No transaction
    around the sending: SQLite's write lock would wait on the mail server. A failed send raises
    before the delete (the task fails, and the message stays encrypted in the outbox)."""
    queued = QueuedEmail.objects.filter(pk=email_id).first()
    if queued is None:
        return 0
    email = RawEmail(
        sender=queued.sender,
        recipients=json.loads(queued.recipients),
        raw=base64.b64decode(queued.message),
    )
    with get_connection(settings.QUEUED_EMAIL_BACKEND) as connection:
        sent = connection.send_messages([email])
    queued.delete()
    return sent
