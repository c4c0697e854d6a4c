"""django-dbbackup's connectors: SQLite's with an online restore and without the tables a
backup must not hold (exchange.backups.services.NOT_BACKED_UP), PostgreSQL's told to leave their
rows out (pg_dump --exclude-table-data)."""

import sqlite3
import tempfile
from pathlib import Path
from shutil import copyfileobj
from tempfile import SpooledTemporaryFile

from dbbackup.db.postgresql import PgDumpBinaryConnector
from dbbackup.db.sqlite import SqliteBackupConnector


class SqliteOnlineConnector(SqliteBackupConnector):
    """Dumps with SQLite's online backup API (django-dbbackup's own), and restores with it too,
    page by page into the open database, instead of writing over the file: a write over the
    file would leave the WAL beside it describing another database. The dump is emptied of the
    excluded tables' rows, and vacuumed so that no freed page still holds them."""

    exclude: list[str]

    def create_dump(self):
        dump = super().create_dump()
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "backup.sqlite3"
            with open(copy, "wb") as file:
                copyfileobj(dump, file)
            database = sqlite3.connect(copy)
            try:
                tables = {
                    name
                    for (name,) in database.execute(
                        "SELECT name FROM sqlite_master WHERE type = 'table'"
                    )
                }
                for table in sorted(tables & set(self.exclude)):
                    database.execute(f'DELETE FROM "{table}"')  # noqa: S608 (our own table names)
                database.commit()
                database.execute("VACUUM")
            finally:
                database.close()
            emptied = SpooledTemporaryFile()  # noqa: SIM115 (returned open, as the parent does)
            with open(copy, "rb") as file:
                copyfileobj(file, emptied)
        emptied.seek(0)
        return emptied

    def restore_dump(self, dump) -> None:
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "restore.sqlite3"
            with open(copy, "wb") as file:
                copyfileobj(dump, file)
            self.connection.ensure_connection()
            with sqlite3.connect(copy) as source:
                source.backup(self.connection.connection)


class PgDumpConnector(PgDumpBinaryConnector):
    """django-dbbackup's pg_dump connector, whose `exclude` leaves a table's rows out."""

    exclude: list[str]
