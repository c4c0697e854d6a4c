"""The read log refuses, in the database, to change or delete a row (exchange/append_only.py)."""

from django.db import migrations

from exchange import append_only

TABLE = "exchange_entryread"


def create_triggers(apps, schema_editor):
    for statement in append_only.create_sql(schema_editor.connection.vendor, TABLE):
        schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    for statement in append_only.drop_sql(schema_editor.connection.vendor, TABLE):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("exchange", "0007_reflection_questions")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
