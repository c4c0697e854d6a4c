from django.core.management.base import BaseCommand

from exchange.visits.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Send the visit reminders that are due (run daily; each reminder goes once)."

    def handle(self, *args, **options):
        sent = send_due_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
