"""`/health/`: whether this process can serve, for a load balancer or a monitor.

It checks what every page needs: the database, the shared cache and the search index, and with
the task queue (TASKS_BACKEND=database) that a worker empties it. The answer
names each part `ok` or `error` and never says why (the reason is in the log): it is public.
"""

import datetime as dt
import logging
import secrets

from django.core.cache import caches
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wagtail.models import Page

from modelsearch.backends import get_search_backend
from modelsearch.query import MATCH_ALL

logger = logging.getLogger(__name__)


def database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def cache() -> None:
    probe = secrets.token_hex(8)
    caches["default"].set("health-probe", probe, timeout=10)
    if caches["default"].get("health-probe") != probe:
        raise RuntimeError("the shared cache did not keep a value")


def search_index() -> None:
    get_search_backend().search(MATCH_ALL, Page).count()


# A queued task older than this means no worker is running (TASKS_BACKEND=database).
QUEUE_STALLED_AFTER = dt.timedelta(minutes=10)


def task_queue() -> None:
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        return  # tasks run inside the request: there is no queue to fall behind
    stalled = timezone.now() - QUEUE_STALLED_AFTER
    if DBTaskResult.objects.ready().filter(enqueued_at__lt=stalled).exists():
        raise RuntimeError("a task has waited for a worker for more than ten minutes")


CHECKS = {"database": database, "cache": cache, "search": search_index, "tasks": task_queue}


@never_cache
@require_GET
def health(request) -> JsonResponse:
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:
            logger.exception("Health check failed: %s", name)
            results[name] = "error"
        else:
            results[name] = "ok"
    healthy = all(result == "ok" for result in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": results},
        status=200 if healthy else 503,
    )
