"""Django's `flush`, which empties every table, the append-only ones too: their triggers refuse
a DELETE (SQLite) and a TRUNCATE (PostgreSQL), so here they are lifted for the flush and put
back after it (exchange/append_only.py)."""

from django.core.management.commands import flush
from django.db import connections

from exchange import append_only


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options["database"]]
        self._run(connection, append_only.drop_sql)
        try:
            return super().handle(**options)
        finally:
            self._run(connection, append_only.create_sql)

    @staticmethod
    def _run(connection, statements_for):
        existing = set(connection.introspection.table_names())
        with connection.cursor() as cursor:
            for table in append_only.TABLES:
                if table in existing:
                    for statement in statements_for(connection.vendor, table):
                        cursor.execute(statement)
