"""Re-encrypt every reflection version under the first of REFLECTION_KEYS. To rotate: put a new
key first, run this, then drop the old key. The text itself never changes."""

from django.core.management.base import BaseCommand
from django.db import transaction

from exchange import encryption
from exchange.models import EntryVersion

BATCH = 500


class Command(BaseCommand):
    help = "Re-encrypt every reflection under the first of REFLECTION_KEYS (after adding a key)."

    def handle(self, *args, **options):
        rotated = 0
        with transaction.atomic():
            versions = EntryVersion.objects.select_for_update().only("pk", "ciphertext")
            batch = []
            for version in versions.iterator(chunk_size=BATCH):
                version.ciphertext = encryption.rotate(version.ciphertext)
                batch.append(version)
                if len(batch) == BATCH:
                    rotated += EntryVersion.objects.bulk_update(batch, ["ciphertext"])
                    batch = []
            rotated += EntryVersion.objects.bulk_update(batch, ["ciphertext"])
        self.stdout.write(f"{rotated} reflection version(s) re-encrypted under the first key.")
