"""What a person was told (their inbox), how they chose to hear of each kind, and the digests
sent. A notification holds a subject and a link, never private text: the same words as the
e-mail's subject, which never quote a reflection, a message or an excerpt."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exchange.notifications.kinds import KINDS, Channel

KIND_CHOICES = [(kind.key, kind.label) for kind in KINDS]


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES)
    subject = models.CharField(_("subject"), max_length=300)  # in the recipient's language
    topic = models.CharField(max_length=300, blank=True)  # what digests group by: the visit
    link = models.CharField(max_length=500, blank=True)  # a path on the site
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set when it left by e-mail, at once or in a digest: a digest takes only what has not.
    emailed_at = models.DateTimeField(null=True, blank=True)
    # The channel chosen when it was made: a digest takes what was meant for it.
    channel = models.CharField(max_length=10, choices=Channel.choices)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["channel", "emailed_at"], name="notification_for_digest"),
        ]

    def __str__(self) -> str:
        return f"notification {self.pk} ({self.kind})"  # never the subject in a log line


class NotificationChoice(models.Model):
    """A person's channel for one kind; without a row, the kind's default."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_choices"
    )
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    channel = models.CharField(max_length=10, choices=Channel.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="one_channel_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.channel}"


class DigestSent(models.Model):
    """One digest per person, period and slot (the local date of a daily digest, the Monday of
    a weekly one): two workers building the same slot send it once."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests_sent"
    )
    period = models.CharField(max_length=10, choices=Channel.choices)
    slot = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    items = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "period", "slot"], name="one_digest_per_slot"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} digest {self.slot}"
