"""E-mail out of the request: the message is queued as a task and the worker sends it through
the backend EMAIL_URL chose (settings.QUEUED_EMAIL_BACKEND). Queued inside the transaction that
decided to send it, so a rolled-back step sends nothing."""

import base64
from email import message_from_bytes
from email.message import Message

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend

from django_tasks import task


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        for email in email_messages:
            send_queued_email.enqueue(
                sender=email.from_email,
                recipients=email.recipients(),
                # The message as it would go on the wire: attachments, alternatives, headers.
                raw=base64.b64encode(email.message().as_bytes()).decode("ascii"),
            )
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
def send_queued_email(*, sender: str, recipients: list[str], raw: str) -> int:
    email = RawEmail(sender=sender, recipients=recipients, raw=base64.b64decode(raw))
    with get_connection(settings.QUEUED_EMAIL_BACKEND) as connection:
        return connection.send_messages([email])
