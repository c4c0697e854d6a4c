"""The append-only tables also refuse SQLite's INSERT OR REPLACE (which deletes the row it
replaces without firing DELETE triggers) and PostgreSQL's TRUNCATE (exchange/append_only.py)."""

from django.db import migrations

from exchange import append_only


def renew_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in append_only.TABLES:
        for statement in [*append_only.drop_sql(vendor, table), *append_only.create_sql(vendor, table)]:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("exchange", "0020_outbox")]

    operations = [migrations.RunPython(renew_triggers, migrations.RunPython.noop)]
