"""Backups and restores of everything the site keeps: the database, the media files, the
erasure log, and the identifiers of the keys reflections are encrypted with.

A backup is a folder (settings.BACKUP_DIR/<time>/), readable by the site's user only:

- ``database.sqlite3`` (SQLite's online backup API) or ``database.pgdump`` (``pg_dump``),
  through django-dbbackup's connectors, without the rows of sessions and the cache
  (NOT_BACKED_UP);
- ``media.tar.gz``, the uploaded images and documents;
- ``erasures.jsonl``, the erasure log as it was;
- ``manifest.json``: when, from which database, each file's SHA-256, and the identifiers
  (SHA-256 prefixes) of the reflection keys in use. Never the keys: a backup that travels with
  its keys is a backup anyone holding it can read.

A restore checks the files against the manifest, refuses when a key the backup needs is not
configured (its reflections could not be read), puts the database and the media back, and then
erases again everyone the erasure log names: a restore must not bring back a person who asked
to be forgotten after the backup was made. The log kept beside the site is the authority; the
backup's copy is merged into it, for the case where the log itself was lost with the server.
"""

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection

from allauth.usersessions.models import UserSession
from dbbackup.db.base import get_connector

from exchange import encryption
from exchange.personal_data.services import replay_erasures

logger = logging.getLogger(__name__)

CONNECTORS = {
    "sqlite": ("exchange.backups.connectors.SqliteOnlineConnector", "database.sqlite3"),
    "postgresql": ("exchange.backups.connectors.PgDumpConnector", "database.pgdump"),
}
# Tables whose rows no backup holds (their structure stays): a session key read from a backup
# would sign its holder in (past the second factor), and the cache holds rendered pages and PDFs
# whose words may since have been withdrawn or erased. A restore ends every session.
NOT_BACKED_UP = ("django_session", "usersessions_usersession", "cache")
MEDIA = "media.tar.gz"
ERASURES = "erasures.jsonl"
MANIFEST = "manifest.json"


class BackupError(Exception):
    """A backup that cannot be restored here, with the reason in words."""


@dataclass(frozen=True)
class Restored:
    folder: Path
    erased_again: int


def key_identifiers() -> list[str]:
    """Short fingerprints of the reflection keys: enough to tell which key a backup needs."""
    configured = encryption.keys()  # the module's function, not a dict
    return [hashlib.sha256(key).hexdigest()[:16] for key in configured]


def backup(into: Path | None = None) -> Path:
    """Back up the site into a new folder under `into` (settings.BACKUP_DIR); its path."""
    created = dt.datetime.now(dt.UTC)
    folder = Path(into or settings.BACKUP_DIR) / created.strftime("%Y-%m-%dT%H%M%S.%fZ")
    folder.mkdir(mode=0o700, parents=True)
    connector_path, database_file = CONNECTORS[connection.vendor]
    previous_umask = os.umask(0o077)  # every file below: the site's user only
    try:
        connector = get_connector(connector_path=connector_path)
        connector.exclude = list(NOT_BACKED_UP)
        dump = connector.create_dump()
        with open(folder / database_file, "wb") as file:
            shutil.copyfileobj(dump, file)
        with tarfile.open(folder / MEDIA, "w:gz") as archive:
            if Path(settings.MEDIA_ROOT).is_dir():
                archive.add(settings.MEDIA_ROOT, arcname=".")
        if Path(settings.ERASURE_LOG).exists():
            shutil.copyfile(settings.ERASURE_LOG, folder / ERASURES)
        else:
            (folder / ERASURES).touch()
        manifest = {
            "created_at": created.isoformat(),
            "database": connection.vendor,
            "files": {name: sha256(folder / name) for name in (database_file, MEDIA, ERASURES)},
            "reflection_key_ids": key_identifiers(),
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    finally:
        os.umask(previous_umask)
    logger.info("backup written to %s", folder)
    return folder


def restore(folder: Path) -> Restored:
    """Restore the backup in `folder`, then erase again everyone the erasure log names."""
    manifest = read_manifest(folder)
    connector_path, database_file = CONNECTORS[manifest["database"]]
    with open(folder / database_file, "rb") as dump:
        get_connector(connector_path=connector_path).restore_dump(dump)
    connection.close()  # the next query sees the restored database, not a cached state
    restore_media(folder / MEDIA)
    merge_erasure_log(folder / ERASURES)
    end_every_session()
    erased = replay_erasures()
    for alias in ("default", "local"):
        caches[alias].clear()
    # The index on disk describes the site as it was before the restore.
    call_command("update_index", verbosity=0)
    logger.info("restored %s; %d account(s) erased again", folder, erased)
    return Restored(folder=folder, erased_again=erased)


def end_every_session() -> None:
    """Nobody stays signed in across a restore: a backup made before this one left sessions out
    may still hold some, and those open now belong to a database that no longer exists."""
    Session.objects.all().delete()
    UserSession.objects.all().delete()


def read_manifest(folder: Path) -> dict:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(f"{folder} is not a backup: it has no {MANIFEST}.") from None
    if manifest["database"] != connection.vendor:
        raise BackupError(
            f"The backup is of a {manifest['database']} database; this site runs on "
            f"{connection.vendor}."
        )
    for name, digest in manifest["files"].items():
        if not (folder / name).exists() or sha256(folder / name) != digest:
            raise BackupError(f"{name} is missing or changed since the backup was made.")
    missing = set(manifest["reflection_key_ids"]) - set(key_identifiers())
    if missing:
        raise BackupError(
            "The reflections in this backup are encrypted with keys this site does not have "
            f"(identifiers {', '.join(sorted(missing))}): add them to REFLECTION_KEYS first."
        )
    return manifest


def restore_media(archive_path: Path) -> None:
    media = Path(settings.MEDIA_ROOT)
    if media.exists():
        shutil.rmtree(media)
    media.mkdir(parents=True)
    with tarfile.open(archive_path, "r:gz") as archive:
        archive.extractall(media, filter="data")  # no absolute paths, links out or devices


def merge_erasure_log(backup_log: Path) -> None:
    """Add to the site's erasure log the lines only the backup's copy has."""
    log = Path(settings.ERASURE_LOG)
    known = set(log.read_text(encoding="utf-8").splitlines()) if log.exists() else set()
    missing = [
        line
        for line in backup_log.read_text(encoding="utf-8").splitlines()
        if line.strip() and line not in known
    ]
    if missing:
        with open(log, "a", encoding="utf-8") as file:
            file.write("".join(f"{line}\n" for line in missing))


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
