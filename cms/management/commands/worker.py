"""The background worker: runs queued tasks (django-tasks-db's worker) and ticks the schedule
(cms/background/schedule.py) in a second thread. Two or more may run, on one host or several:
each task runs once (rows are claimed with SELECT ... FOR UPDATE SKIP LOCKED) and each
scheduled slot is enqueued once."""

import logging
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils.crypto import get_random_string

from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker

from cms.background import schedule

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run queued tasks and the schedule (TASKS_BACKEND=database). Stop with Ctrl+C."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between looks at the queue."
        )
        parser.add_argument(
            "--schedule-interval",
            type=float,
            default=30.0,
            help="Seconds between ticks of the schedule.",
        )
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Tick the schedule once, run every task that is ready, then stop (for cron "
            "and tests).",
        )

    def handle(self, *args, interval, schedule_interval, batch, **options):
        if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
            raise CommandError(
                "The worker runs the database queue: set TASKS_BACKEND=database. With the default "
                "(immediate) tasks run inside the request and need no worker."
            )
        worker = Worker(
            queue_names=["*"],
            interval=interval,
            batch=batch,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=not batch,
            max_tasks=None,
            worker_id=get_random_string(32),
            excluded_queue_names=[],
        )
        if batch:
            schedule.tick()
            worker.run()
            return
        logger.info("worker started; schedule: %s", ", ".join(settings.SCHEDULE))
        threading.Thread(
            target=tick_forever, args=(schedule_interval,), daemon=True, name="schedule"
        ).start()
        worker.configure_signals()
        worker.run()


def tick_forever(interval: float) -> None:
    while True:
        close_old_connections()
        try:
            schedule.tick()
        except Exception:  # a failed tick is logged and retried; the worker keeps running
            logger.exception("the schedule's tick failed")
        close_old_connections()
        time.sleep(interval)
