"""django-dbbackup's connectors, with an online restore for SQLite."""

import sqlite3
import tempfile
from pathlib import Path
from shutil import copyfileobj

from dbbackup.db.sqlite import SqliteBackupConnector


class SqliteOnlineConnector(SqliteBackupConnector):
    """Dumps with SQLite's online backup API (django-dbbackup's own), and restores with it too,
    page by page into the open database, instead of writing over the file: a write over the
    file would leave the WAL beside it describing another database."""

    def restore_dump(self, dump) -> None:
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "restore.sqlite3"
            with open(copy, "wb") as file:
                copyfileobj(dump, file)
            self.connection.ensure_connection()
            with sqlite3.connect(copy) as source:
                source.backup(self.connection.connection)
