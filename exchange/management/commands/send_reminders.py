from django.core.management.base import BaseCommand

from exchange.reflections import reminders as reflection_reminders
from exchange.surveys import reminders as survey_reminders
from exchange.visits import reminders as visit_reminders


class Command(BaseCommand):
    help = (
        "Send the reminders that are due, about visits, reflection logs and surveys (run daily; "
        "each reminder goes once)."
    )

    def handle(self, *args, **options):
        sent = visit_reminders.send_due_reminders()
        sent += visit_reminders.send(reflection_reminders.due())
        sent += visit_reminders.send(survey_reminders.due())
        self.stdout.write(f"{sent} reminder(s) sent.")
