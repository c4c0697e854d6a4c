"""The SQLite database file is the site's user's alone: it holds every member's account and the
encrypted reflections' tokens, and Django creates it with the process's umask (commonly world-
readable). SQLite gives its -wal and -shm files the database file's permissions, so the file's
are the ones to set; any of the three already there is set too."""

import os
import stat
from pathlib import Path

from django.db.backends.signals import connection_created

PRIVATE = stat.S_IRUSR | stat.S_IWUSR  # 0o600


def private_sqlite_files(sender, connection, **kwargs) -> None:
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
        return
    for path in (Path(name), Path(f"{name}-wal"), Path(f"{name}-shm")):
        try:
            if path.exists() and stat.S_IMODE(path.stat().st_mode) != PRIVATE:
                os.chmod(path, PRIVATE)
        except PermissionError:  # another user's file: not ours to change
            continue


def connect() -> None:
    connection_created.connect(private_sqlite_files, dispatch_uid="private-sqlite-files")
