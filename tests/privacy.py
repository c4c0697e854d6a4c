"""Where private words could leak, for the privacy tests: every public page, every row of the
database, every search index file on disk, and (the `all_logs` fixture, in tests/conftest.py)
every log record."""

import logging
import sqlite3
from pathlib import Path

from django.conf import settings
from django.core import mail
from django.db import connection

from wagtail.models import Page


class Everything(logging.Handler):
    """Every log record of every logger, formatted as a log file would hold it."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


def public_pages(marker: str) -> list[str]:
    """Every live public page, and the searches for `marker`."""
    urls = [page.url for page in Page.objects.live().public().specific() if page.url]
    return urls + [
        f"/search/?q={marker}",
        f"/search/autocomplete/?q={marker[:6]}",
        f"/practices/?q={marker}",
    ]


def leaks_to_public_pages(client, marker: str) -> list[str]:
    """The public pages that show `marker` more often than they repeat a search for it (a
    search page echoes its query: a word no page holds shows as often on its own search)."""
    found, unknown = [], "qq0nothing0here"
    client.logout()
    for url in public_pages(marker):
        echoed = client.get(url.replace(marker, unknown)).content.decode().count(unknown)
        if client.get(url).content.decode().count(marker) > echoed:
            found.append(f"public page {url}")
    return found


def database_rows() -> str:
    """Every row of every table, as text."""
    dumped = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            dumped += [repr(row) for row in cursor.fetchall()]
    return "\n".join(dumped)


def index_files() -> list[Path]:
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]
    if "PATH" not in backend:
        return []
    return [path for path in Path(backend["PATH"]).rglob("*") if path.is_file()]


def leaks_behind_the_scenes(marker: str, log_lines: list[str], tmp_path: Path) -> list[str]:
    """Where `marker` shows outside the pages: every e-mail sent, every log record, every search
    index file, every database row and, on SQLite, the raw database file (a copy made with the
    backup API, as a backup would hold it)."""
    found = [f"the e-mail {m.subject!r}" for m in mail.outbox if marker in m.subject + m.body]
    found += [f"a log record: {line[:120]}" for line in log_lines if marker in line]
    found += [f"the index file {p}" for p in index_files() if marker.encode() in p.read_bytes()]
    if marker in database_rows():
        found.append("a database row")
    if connection.vendor == "sqlite":
        copy = tmp_path / "copy.sqlite3"
        with sqlite3.connect(copy) as target:
            connection.connection.backup(target)
        if marker.encode() in copy.read_bytes():
            found.append("the database file")
    return found
