"""Restore a backup folder written by `manage.py backup`, then erase again everyone the erasure
log names (exchange/backups/services.py). Stop the site and the worker first."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.backups import services


class Command(BaseCommand):
    help = "Restore a backup folder over the current database and media, then replay erasures."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="Do not ask to confirm."
        )

    def handle(self, *args, folder, interactive, **options):
        try:
            services.read_manifest(folder)
        except services.BackupError as error:
            raise CommandError(str(error)) from None
        if interactive:
            answer = input(
                f"This replaces the database and the media files with the backup in {folder}. "
                "Type 'yes' to go on: "
            )
            if answer != "yes":
                raise CommandError("Nothing restored.")
        restored = services.restore(folder)
        self.stdout.write(
            f"Restored {restored.folder}; {restored.erased_again} account(s) erased again."
        )
