"""Background work of matching rounds (django-tasks: run at once by the default backend, by a
worker process when TASKS points at the database backend)."""

from django_tasks import task

from matching import services
from matching.models import Run


@task()
def run_round(run_id: int) -> int:
    """Run the engine for a queued run (`services.round_queue`); the run's id. The run's
    status shows its stage meanwhile."""
    run = Run.objects.select_related("round", "started_by").get(pk=run_id)
    return services.round_run(round_=run.round, user=run.started_by, run=run).pk
