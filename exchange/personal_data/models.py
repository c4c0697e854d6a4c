"""What the retention schedule told whom (exchange/personal_data/retention.py): each warning
once, for an item and the day it goes. Kept until the item has gone, then deleted with it (an
erased account's warnings go with its row)."""

from django.conf import settings
from django.db import models


class RetentionWarning(models.Model):
    kind = models.CharField(max_length=32)
    key = models.PositiveBigIntegerField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="retention_warnings"
    )
    due_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key", "owner", "due_on"], name="one_warning_per_item_and_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} of {self.owner_id}, due {self.due_on}"
