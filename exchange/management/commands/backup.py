"""Back up the database, the media files, the erasure log and the reflection keys' identifiers
(exchange/backups/services.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from exchange.backups import services


class Command(BaseCommand):
    help = "Write a backup folder under BACKUP_DIR (or --into): database, media, erasure log."

    def add_arguments(self, parser):
        parser.add_argument("--into", type=Path, help="The folder to write the backup under.")

    def handle(self, *args, into, **options):
        folder = services.backup(into)
        self.stdout.write(f"Backup written to {folder}")
