"""The worker and its schedule: tasks wait in the database queue until a worker runs them, and
each scheduled slot is enqueued once, told by a fake clock (e-mail: tests/exchange/test_mail.py)."""

import datetime as dt
import threading
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

import pytest
from django_tasks_db.models import DBTaskResult

from cms.background import schedule
from cms.models import ScheduledRun

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
BRUSSELS = ZoneInfo("Europe/Brussels")
SCHEDULE = {"purge-search-index": {"every": 15}, "send-reminders": {"daily": "07:00"}}


def at(day: int, hour: int, minute: int) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=BRUSSELS)


def queued() -> list[str]:
    return sorted(result.task_path.rsplit(".", 1)[-1] for result in DBTaskResult.objects.ready())


@pytest.fixture
def queue(settings):
    settings.TASKS = DATABASE_QUEUE
    settings.SCHEDULE = SCHEDULE


@pytest.mark.django_db
def test_the_clock_decides_and_each_slot_is_enqueued_once(queue):
    # The first tick catches up: yesterday's 07:00 reminders were never sent.
    assert schedule.tick(at(20, 6, 50)) == ["purge-search-index", "send-reminders"]
    assert schedule.tick(at(20, 6, 55)) == []  # same slots: nothing new
    assert schedule.tick(at(20, 7, 0)) == ["purge-search-index", "send-reminders"]
    assert schedule.tick(at(20, 7, 14)) == []
    assert schedule.tick(at(20, 7, 15)) == ["purge-search-index"]
    assert schedule.tick(at(20, 23, 59)) == ["purge-search-index"]
    assert schedule.tick(at(21, 6, 59)) == ["purge-search-index"]
    assert schedule.tick(at(21, 7, 0)) == ["purge-search-index", "send-reminders"]

    slots = ScheduledRun.objects.filter(job="send-reminders").order_by("slot")
    assert [run.slot for run in slots] == [at(19, 7, 0), at(20, 7, 0), at(21, 7, 0)]
    assert queued().count("send_reminders") == 3 and queued().count("purge_search_index") == 6
    assert all(run.task_result_id for run in ScheduledRun.objects.all())


@pytest.mark.django_db
def test_a_daily_job_follows_local_time_across_the_clock_change(queue):
    # 25 October 2026: Brussels goes from UTC+2 to UTC+1. 07:00 local is 05:00 then 06:00 UTC.
    schedule.tick(dt.datetime(2026, 10, 24, 5, 0, tzinfo=dt.UTC))
    assert schedule.tick(dt.datetime(2026, 10, 25, 5, 30, tzinfo=dt.UTC)) == ["purge-search-index"]
    assert "send-reminders" in schedule.tick(dt.datetime(2026, 10, 25, 6, 0, tzinfo=dt.UTC))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_ticking_at_the_same_moment_enqueue_each_slot_once(queue):
    """Two threads, each with its own database connection, as two worker processes have."""
    start = threading.Barrier(2)
    enqueued: list[list[str]] = []

    def worker() -> None:
        try:
            start.wait()
            enqueued.append(schedule.tick(at(20, 7, 0)))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(name for names in enqueued for name in names) == sorted(SCHEDULE)
    assert queued() == ["purge_search_index", "send_reminders"]


# Committed: the worker closes a connection it finds inside a transaction.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_ticks_the_schedule_and_runs_what_it_enqueued(queue):
    call_command("worker", "--batch", stdout=StringIO())  # at the real time
    assert queued() == []
    results = DBTaskResult.objects.successful()
    assert sorted(result.task_path.rsplit(".", 1)[-1] for result in results) == [
        "purge_search_index",
        "send_reminders",
    ]


@pytest.mark.django_db
def test_the_worker_refuses_to_start_without_the_database_queue():
    with pytest.raises(CommandError, match="TASKS_BACKEND=database"):
        call_command("worker", "--batch")


def test_a_wrong_schedule_is_a_system_check_error(settings):
    settings.SCHEDULE = {
        "purge-search-index": {"every": 5, "daily": "07:00"},
        "send-reminders": {"daily": "25:00"},
        "no-such-job": {"every": 5},
    }
    problems = schedule.check_schedule()
    assert [problem.split(":")[0] for problem in problems] == [
        "purge-search-index",
        "send-reminders",
        "no-such-job",
    ]
    with override_settings(SCHEDULE=SCHEDULE):
        assert schedule.check_schedule() == []
