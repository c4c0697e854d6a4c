"""The exchange's scheduled work (its times: settings.SCHEDULE), run by the worker."""

from django_tasks import task

from cms.background.schedule import scheduled
from exchange.notifications import digests
from exchange.personal_data import retention
from exchange.reflections import reminders as reflection_reminders
from exchange.surveys import reminders as survey_reminders
from exchange.transfer import reminders as transfer_reminders
from exchange.visits import reminders as visit_reminders


@scheduled("send-reminders")
@task()
def send_reminders() -> int:
    """Reminders about visits, reflection logs (follow-ups included) and surveys that are due;
    each goes once. The number sent."""
    sent = visit_reminders.send_due_reminders()
    sent += visit_reminders.send(reflection_reminders.due())
    sent += visit_reminders.send(survey_reminders.due())
    sent += visit_reminders.send(transfer_reminders.due())
    return sent


@scheduled("send-digests")
@task()
def send_digests() -> int:
    """The daily and weekly notification digests that are due; the number sent."""
    return digests.send_digests()


@scheduled("apply-retention")
@task()
def apply_retention() -> list[int]:
    """The retention schedule: owners warned of what goes soon, then what is due removed.
    [warnings sent, items removed]."""
    return list(retention.apply())
