"""Jobs that run at a set time, enqueued by whichever worker ticks first. A task becomes a job
with `@scheduled(name)` beside its code (cms/background/jobs.py, exchange/tasks.py); its times
are settings.SCHEDULE[name], so a deployment moves them without touching code.

Each job has slots: every N minutes ("every": N, counted from midnight), or once a day at a
local time ("daily": "HH:MM"). A tick enqueues the task of every job whose latest slot has not
been claimed yet; the claim is a row unique on (job, slot), inserted in the same transaction as
the task's row in the queue, so two workers ticking together enqueue it once, and a crash leaves
neither. A worker that was down enqueues only the latest missed slot, not every one it missed:
each job catches up on everything due (reminders not yet sent, deleted documents not yet purged).
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.checks import Error, register
from django.db import IntegrityError, transaction
from django.utils import timezone

from django_tasks.base import Task

from cms.models import ScheduledRun

logger = logging.getLogger(__name__)

_TASKS: dict[str, Task] = {}  # job name → the task it enqueues, filled by @scheduled


def scheduled(name: str):
    """Enqueue this task at the times settings.SCHEDULE gives `name`."""

    def register(task: Task) -> Task:
        _TASKS[name] = task
        return task

    return register


@dataclass(frozen=True)
class Job:
    name: str
    task: Task
    every: int | None = None  # minutes
    daily: str | None = None  # "HH:MM", local time

    def latest_slot(self, now: dt.datetime) -> dt.datetime:
        """The latest time at or before `now` the job was due."""
        local = timezone.localtime(now)
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        if self.every:
            minutes = (local - midnight) // dt.timedelta(minutes=self.every) * self.every
            return midnight + dt.timedelta(minutes=minutes)
        hour, minute = (int(part) for part in (self.daily or "").split(":"))
        today = midnight.replace(hour=hour, minute=minute)
        return today if today <= local else today - dt.timedelta(days=1)


def jobs() -> list[Job]:
    """The jobs settings.SCHEDULE times, in its order (a name without a task: check_schedule)."""
    return [
        Job(name=name, task=_TASKS[name], **spec)
        for name, spec in settings.SCHEDULE.items()
        if name in _TASKS
    ]


def tick(now: dt.datetime | None = None) -> list[str]:
    """Enqueue every job whose latest slot is unclaimed; the names of those this call enqueued."""
    now = now or timezone.now()
    enqueued = []
    for job in jobs():
        slot = job.latest_slot(now)
        if ScheduledRun.objects.filter(job=job.name, slot=slot).exists():
            continue
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(job=job.name, slot=slot)
                result = job.task.enqueue()
                run.task_result_id = str(result.id)
                run.save(update_fields=["task_result_id"])
        except IntegrityError:
            continue  # another worker claimed this slot first
        logger.info("scheduled %s for %s", job.name, slot.isoformat())
        enqueued.append(job.name)
    return enqueued


def check_schedule() -> list[str]:
    """What is wrong with settings.SCHEDULE, in words (a system check reports it)."""
    problems = []
    for name, spec in settings.SCHEDULE.items():
        if name not in _TASKS:
            problems.append(f"{name}: no task is @scheduled under this name.")
            continue
        if set(spec) - {"every", "daily"} or ("every" in spec) == ("daily" in spec):
            problems.append(f"{name}: give either 'every' (minutes) or 'daily'.")
            continue
        if "every" in spec and not (isinstance(spec["every"], int) and 0 < spec["every"] <= 1440):
            problems.append(f"{name}: 'every' is a number of minutes from 1 to 1440.")
        if "daily" in spec:
            try:
                dt.time.fromisoformat(spec["daily"])
            except (TypeError, ValueError):
                problems.append(f"{name}: 'daily' is a local time, HH:MM.")
    return problems


@register()
def schedule_is_valid(app_configs, **kwargs) -> list[Error]:
    return [Error(problem, id="cms.E002") for problem in check_schedule()]
