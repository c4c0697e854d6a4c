"""Erase again the accounts erased since a backup was taken: run it after every restore."""

from django.core.management.base import BaseCommand

from exchange.personal_data.services import replay_erasures


class Command(BaseCommand):
    help = "Erase again the logged accounts (settings.ERASURE_LOG) a restored backup brought back."

    def handle(self, *args, **options):
        erased = replay_erasures()
        self.stdout.write(f"Erased {erased} account(s) again.")
