"""What the reports publish, worked out ahead: a practice's figures from the network's visits
(evidence.py), stored when what they count changes, read by its page."""

from django.db import models


class PracticeFigures(models.Model):
    """One practice's figures (across its languages: its pages' translation key), already made
    safe to publish: cells of SafeTables, never a raw count that the disclosure control hid."""

    practice_key = models.UUIDField(unique=True)
    figures = models.JSONField()
    worked_out_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "practice figures"
        verbose_name_plural = "practice figures"

    def __str__(self) -> str:
        return f"figures of practice {self.practice_key}"
