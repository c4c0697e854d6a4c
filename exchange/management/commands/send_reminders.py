from django.core.management.base import BaseCommand

from exchange.tasks import send_reminders


class Command(BaseCommand):
    help = (
        "Send the reminders that are due, about visits, reflection logs and surveys (the "
        "worker's schedule runs this daily; each reminder goes once)."
    )

    def handle(self, *args, **options):
        sent = send_reminders.call()
        self.stdout.write(f"{sent} reminder(s) sent.")
