"""Tables that only grow (the reflections' read log, the consent ledger): the database itself
refuses to change or delete a row, so no code path, admin action or shell session can rewrite
what was recorded. The models refuse too (AppendOnlyModel), with a clearer message.

PostgreSQL: a row trigger per table before UPDATE or DELETE, and a statement trigger before
TRUNCATE (which row triggers do not see). SQLite: triggers that RAISE before UPDATE or DELETE,
and before an INSERT whose id is taken: SQLite's INSERT OR REPLACE deletes the row it replaces
without firing DELETE triggers (unless recursive triggers are on), so it would rewrite a row.
Emptying the whole database (`manage.py flush`, which tests run between transactional tests)
is the one deliberate way past them: exchange's `flush` command lifts the triggers for the
length of the flush, on both databases.
"""

from django.db import models

MESSAGE = "append-only: a row of this table is never changed or deleted"

# Each table is listed once: the migrations that create the triggers and the flush command
# that lifts them on SQLite both read it.
TABLES = ("exchange_entryread", "exchange_consentevent")


class AppendOnlyError(Exception):
    pass


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(MESSAGE)

    def delete(self):
        raise AppendOnlyError(MESSAGE)


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(MESSAGE)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(MESSAGE)


def create_sql(vendor: str, table: str) -> list[str]:
    if vendor == "postgresql":
        return [
            # One function for every append-only table; CREATE OR REPLACE keeps it idempotent.
            "CREATE OR REPLACE FUNCTION exchange_refuse_change() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN "
            # No '%' placeholder: the driver would read it as a query parameter.
            f"RAISE EXCEPTION USING MESSAGE = TG_TABLE_NAME || ': {MESSAGE}', "
            "ERRCODE = 'restrict_violation'; "
            "END $$",
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION exchange_refuse_change()",
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION exchange_refuse_change()",
        ]
    if vendor == "sqlite":
        return [
            *(
                f"CREATE TRIGGER IF NOT EXISTS {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table}: {MESSAGE}'); END"
                for verb in ("UPDATE", "DELETE")
            ),
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_replace BEFORE INSERT ON {table} "  # noqa: S608 (our own table names)
            f"WHEN EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id) "
            f"BEGIN SELECT RAISE(ABORT, '{table}: {MESSAGE}'); END",
        ]
    return []  # another database: the models still refuse


def drop_sql(vendor: str, table: str) -> list[str]:
    if vendor == "postgresql":
        return [
            f"DROP TRIGGER IF EXISTS {table}_{name} ON {table}"
            for name in ("append_only", "no_truncate")
        ]
    if vendor == "sqlite":
        return [
            f"DROP TRIGGER IF EXISTS {table}_no_{verb}" for verb in ("update", "delete", "replace")
        ]
    return []
