"""Migrate once, clone per worker: the test database of every pytest-xdist worker is a copy of
one migrated template, as Django's own parallel test runner clones its first database.

Migrating costs about 40 seconds of one core (some 250 migrations, most of it Django rendering
model states again); each worker did it on its own, every run. The template is kept between runs
under a key: a hash of every migration of every installed app, of the project's modules those
migrations import (and the modules they import in turn), of the lock files and of the settings.
Change any of them and the next run migrates a new template; nothing else can change what
`migrate` builds. On SQLite the template is a file beside the test databases, copied with
SQLite's backup API; on PostgreSQL it is a database, cloned with CREATE DATABASE ... TEMPLATE.
A lock file makes the first worker build it while the others wait.
"""

import ast
import fcntl
import hashlib
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connections
from django.db.backends.base.base import BaseDatabaseWrapper

PROJECT_PACKAGES = ("cms", "exchange", "matching", "config")
ALSO_DECIDES_THE_SCHEMA = (
    "requirements/test.txt",
    "requirements/run.txt",
    "config/settings.py",
    "tests/settings.py",
    "tests/databases.py",
)
LOCK = Path(tempfile.gettempdir()) / "practice-exchange-test-template.lock"
KEPT_SQLITE_TEMPLATES = 3


def template_key() -> str:
    base = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    for path in sorted(schema_sources()):
        # Named from the checkout (its .venv too): two clones of one commit share a template.
        digest.update(str(path.relative_to(base) if path.is_relative_to(base) else path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def schema_sources() -> set[Path]:
    base = Path(settings.BASE_DIR)
    migrations = {
        path
        for app in apps.get_app_configs()
        for path in (Path(app.path) / "migrations").glob("*.py")
    }
    project_migrations = {path for path in migrations if path.is_relative_to(base)}
    return (
        migrations
        | project_imports(project_migrations, base)
        | {base / name for name in ALSO_DECIDES_THE_SCHEMA}
    )


def project_imports(sources: set[Path], base: Path) -> set[Path]:
    """The project's modules that `sources` import, and the modules those import, found by
    reading the code (a data migration may import a function that decides what it writes)."""
    found: set[Path] = set()
    pending = list(sources)
    while pending:
        tree = ast.parse(pending.pop().read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            for name in names:
                if name.split(".")[0] not in PROJECT_PACKAGES:
                    continue
                for path in module_files(base, name):
                    if path not in found:
                        found.add(path)
                        pending.append(path)
    return found


def module_files(base: Path, name: str) -> list[Path]:
    """The file of module `name` and the __init__ of each package on its way."""
    parts = name.split(".")
    files = [base.joinpath(*parts[:n], "__init__.py") for n in range(1, len(parts) + 1)]
    files.append(base.joinpath(*parts).with_suffix(".py"))
    return [path for path in files if path.is_file()]


@contextmanager
def locked() -> Iterator[None]:
    with LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def clone_template(alias: str = "default") -> str:
    """Give this worker its test database, a copy of the migrated template (built first if no
    run has built it for this key), and point the connection at it. Returns the name it had."""
    connection = connections[alias]
    old_name = connection.settings_dict["NAME"]
    worker_name = connection.creation._get_test_db_name()
    with locked():
        template = ensure_template(connection)
        if connection.vendor == "sqlite":
            copy_sqlite(template, Path(worker_name))
            restore_serialized_from(connection, template)
        else:
            clone_postgres(connection, template, worker_name)
    connection.close()
    settings.DATABASES[alias]["NAME"] = worker_name
    connection.settings_dict["NAME"] = worker_name
    connection.ensure_connection()
    return old_name


def ensure_template(connection: BaseDatabaseWrapper):
    """The template for this key (a file on SQLite, a database's name on PostgreSQL), migrated
    now if no run has built it. Called under the lock."""
    key = template_key()
    if connection.vendor == "sqlite":
        test_name = connection.creation._get_test_db_name()
        template = Path(test_name).with_name(f"practice-exchange-template-{key}.sqlite3")
        if not template.exists():
            build_sqlite_template(connection, template)
        return template
    name = f"{connection.settings_dict['NAME']}_template_{key}"[:63]
    if not postgres_database_exists(connection, name):
        build_postgres_template(connection, name)
    return name


def prepare_template(alias: str = "default") -> None:
    """Build the template if it is missing, in a process of its own that the test run starts
    beside its workers (tests/conftest.py): they run the tests that need no database meanwhile,
    where the first to need one used to migrate while the other waited (20 s of one core idle
    on a fresh clone)."""
    with locked():
        ensure_template(connections[alias])


def build_with_django(connection: BaseDatabaseWrapper, name: str) -> None:
    """Migrate a new database `name` exactly as Django's test runner creates one (migrate with
    run_syncdb, then the cache table), then leave the connection as it was."""
    old_test_name = connection.settings_dict["TEST"]["NAME"]
    old_name = connection.settings_dict["NAME"]
    connection.settings_dict["TEST"]["NAME"] = name
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    finally:
        connection.close()
        connection.settings_dict["TEST"]["NAME"] = old_test_name
        connection.settings_dict["NAME"] = old_name
        settings.DATABASES[connection.alias]["NAME"] = old_name


def build_sqlite_template(connection: BaseDatabaseWrapper, template: Path) -> None:
    building = template.with_suffix(".building")
    build_with_django(connection, str(building))
    with sqlite3.connect(building) as database:  # fold the write-ahead log into the file
        database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    building.replace(template)  # whole, or not there: a run stopped half-way leaves no template
    for stale in sorted(
        template.parent.glob("practice-exchange-template-*.sqlite3"),
        key=lambda path: path.stat().st_mtime,
    )[:-KEPT_SQLITE_TEMPLATES]:
        stale.unlink(missing_ok=True)


def copy_sqlite(template: Path, target: Path) -> None:
    for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)
    source, copy = sqlite3.connect(template), sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        source.close()
        copy.close()
    target.chmod(0o600)


def restore_serialized_from(connection: BaseDatabaseWrapper, template: Path) -> None:
    """A test with serialized_rollback starts from the migrated database: on SQLite, the template
    copied back over it (a few milliseconds) instead of Django reloading every row it serialized
    (half a second a test, 5 % of the suite's time). The template is exactly what was serialized:
    this worker's database is a copy of it, taken just before. PostgreSQL reloads the rows, as
    Django does: its template cannot be copied into a database that has connections open."""

    def restore(serialized: str) -> None:
        connection.ensure_connection()
        source = sqlite3.connect(template)
        try:
            source.backup(connection.connection)
        finally:
            source.close()

    connection.creation.deserialize_db_from_string = restore


def postgres_database_exists(connection: BaseDatabaseWrapper, name: str) -> bool:
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def build_postgres_template(connection: BaseDatabaseWrapper, template: str) -> None:
    building = f"{template[:54]}_building"
    build_with_django(connection, building)
    quote = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"ALTER DATABASE {quote(building)} RENAME TO {quote(template)}")
        # Templates of earlier keys: dropped unless another run is using one.
        cursor.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s AND datname <> %s",
            [f"{template.rsplit('_template_', 1)[0]}_template_%", template],
        )
        for (stale,) in cursor.fetchall():
            with suppress(DatabaseError):  # in use by another run: left for a later one
                cursor.execute(f"DROP DATABASE IF EXISTS {quote(stale)}")


def clone_postgres(connection: BaseDatabaseWrapper, template: str, target: str) -> None:
    quote = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(target)}")
        cursor.execute(f"CREATE DATABASE {quote(target)} TEMPLATE {quote(template)}")


if __name__ == "__main__":
    import django

    django.setup()
    prepare_template()
