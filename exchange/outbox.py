"""E-mail waiting for the worker (exchange/mail.py). A message can carry a bearer secret (an
invitation, a password-reset or sign-in link): it waits here encrypted, the task that sends it
carries only its id, and the row is deleted once the message is handed to the mail server, so
neither the queue's kept results nor a backup ever holds the link."""

from django.db import models
from django.utils import timezone

from exchange.encryption import EncryptedTextField


class QueuedEmail(models.Model):
    sender = models.CharField(max_length=500)
    recipients = EncryptedTextField()  # a JSON list of addresses
    message = EncryptedTextField()  # the message as it would go on the wire, in base64
    queued_at = models.DateTimeField(default=timezone.now, editable=False)

    def __str__(self) -> str:
        return f"queued e-mail {self.pk}"  # never an address or a word of the message
