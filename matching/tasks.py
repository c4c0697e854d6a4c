"""Background work of matching rounds (django-tasks: run at once by the default backend, by a
worker process when TASKS points at the database backend)."""

from django.contrib.auth import get_user_model

from django_tasks import task

from matching import services
from matching.models import Round


@task()
def run_round(round_id: int, user_id: int | None) -> int:
    """Run the engine on the round; the run's id. Its state is on the Run row meanwhile."""
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    return services.round_run(round_=Round.objects.get(pk=round_id), user=user).pk
