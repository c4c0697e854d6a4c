"""The schedule's record: one row per job and time slot it ran for (cms/background/schedule.py)."""

from django.db import models
from django.utils import timezone


class ScheduledRun(models.Model):
    """A job's slot, claimed by the worker that enqueued it. The unique pair is what makes a
    slot run at most once, however many workers tick at the same moment."""

    job = models.CharField(max_length=100)
    slot = models.DateTimeField(help_text="The time the job was due.")
    enqueued_at = models.DateTimeField(auto_now_add=True)
    task_result_id = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="one_run_per_slot")]
        indexes = [models.Index(fields=["job", "-slot"])]

    def __str__(self) -> str:
        return f"{self.job} at {timezone.localtime(self.slot):%Y-%m-%d %H:%M}"
