"""The site's own scheduled tasks (their times: settings.SCHEDULE); other apps' jobs live beside
their code."""

import datetime as dt

from django.core.management import call_command
from django.utils import timezone

from django_tasks import task

from cms.background.schedule import scheduled

KEEP_RESULTS_DAYS = 7


@scheduled("purge-search-index")
@task()
def purge_search_index() -> None:
    """Rewrite the index segments that still hold deleted documents (cms/search)."""
    call_command("purge_search_index")


@scheduled("prune-task-results")
@task()
def prune_task_results() -> int:
    """Delete finished task results older than a week, and the schedule's matching records."""
    from django_tasks_db.models import DBTaskResult

    from cms.models import ScheduledRun

    cutoff = timezone.now() - dt.timedelta(days=KEEP_RESULTS_DAYS)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    ScheduledRun.objects.filter(slot__lt=cutoff).delete()
    return deleted
