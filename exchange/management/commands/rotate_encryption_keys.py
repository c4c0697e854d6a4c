"""Re-encrypt everything encrypted at rest under the first of REFLECTION_KEYS: every
EncryptedTextField of every model (found by its type, so a new one is never forgotten) and the
second factors' secrets. To rotate: put a new key first, run this, then drop the old key. The
text itself never changes; one transaction, so a failure leaves every row as it was."""

from django.core.management.base import BaseCommand
from django.db import transaction

from allauth.mfa.models import Authenticator

from exchange import encryption

BATCH = 500


class Command(BaseCommand):
    help = "Re-encrypt every encrypted column and second-factor secret under the first key."

    def handle(self, *args, **options):
        with transaction.atomic():
            for model, names in encryption.encrypted_fields():
                # Loading decrypts with whichever key a value was written with; saving encrypts
                # with the first.
                rows = model._base_manager.select_for_update().only("pk", *names).order_by("pk")
                rotated, batch = 0, []
                for row in rows.iterator(chunk_size=BATCH):
                    batch.append(row)
                    if len(batch) == BATCH:
                        rotated += model._base_manager.bulk_update(batch, names)
                        batch = []
                rotated += model._base_manager.bulk_update(batch, names)
                self.stdout.write(f"{model._meta.label}: {rotated} row(s) ({', '.join(names)})")
            authenticators = list(Authenticator.objects.select_for_update().order_by("pk"))
            for authenticator in authenticators:
                authenticator.data = encryption.rotate_authenticator_data(authenticator.data)
            Authenticator.objects.bulk_update(authenticators, ["data"], batch_size=BATCH)
            self.stdout.write(f"mfa.Authenticator: {len(authenticators)} second factor(s)")
        self.stdout.write("Everything encrypted is now under the first key.")
