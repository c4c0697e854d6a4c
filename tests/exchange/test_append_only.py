"""The read log only grows: the model refuses a change or a deletion, and so does the database
when the model is bypassed; flushing the whole database (as transactional tests do) still works
and leaves the guard in place."""

from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

import pytest

from exchange.append_only import AppendOnlyError
from exchange.reflections.models import EntryRead


def read_row() -> EntryRead:
    return EntryRead.objects.create(entry_id=1, author_id=2, version=1, reader_id=3)


@pytest.mark.django_db
def test_the_model_refuses_to_change_or_delete_a_read():
    read = read_row()
    read.version = 2
    with pytest.raises(AppendOnlyError):
        read.save()
    with pytest.raises(AppendOnlyError):
        read.delete()
    with pytest.raises(AppendOnlyError):
        EntryRead.objects.filter(pk=read.pk).update(version=2)
    with pytest.raises(AppendOnlyError):
        EntryRead.objects.all().delete()
    assert EntryRead.objects.get().version == 1


def refuses(sql: str, params: list) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError as error:
        assert "append-only" in str(error)
        return True
    return False


@pytest.mark.django_db
def test_the_database_refuses_what_the_model_is_bypassed_for():
    read = read_row()
    assert refuses("UPDATE exchange_entryread SET reader_id = 9 WHERE id = %s", [read.pk])
    assert refuses("DELETE FROM exchange_entryread WHERE id = %s", [read.pk])
    assert EntryRead.objects.get().reader_id == 3
    EntryRead.objects.create(entry_id=1, author_id=2, version=2, reader_id=3)  # it still grows
    assert EntryRead.objects.count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_flush_empties_the_read_log_and_the_guard_stays():
    read_row()
    # As the test framework flushes: without post_migrate (whose content types would come back
    # with new ids, leaving ContentType's cache stale) and keeping the sequences (reset, they
    # would hand out the ids that the next test's restored rows hold again, on PostgreSQL).
    call_command(
        "flush",
        interactive=False,
        verbosity=0,
        inhibit_post_migrate=True,
        reset_sequences=False,
    )
    assert not EntryRead.objects.exists()
    read = read_row()
    assert refuses("DELETE FROM exchange_entryread WHERE id = %s", [read.pk])


@pytest.mark.django_db
def test_the_database_refuses_a_replace_or_a_truncate():
    """SQLite's INSERT OR REPLACE deletes the row it replaces without a DELETE trigger firing;
    PostgreSQL's TRUNCATE fires no row trigger: both rewrote the ledger."""
    read = read_row()
    if connection.vendor == "sqlite":
        assert refuses(
            "INSERT OR REPLACE INTO exchange_entryread (id, entry_id, author_id, version, "
            "reader_id, read_at) VALUES (%s, 1, 2, 1, 99, CURRENT_TIMESTAMP)",
            [read.pk],
        )
    else:
        assert refuses("TRUNCATE exchange_entryread", [])
        assert refuses("TRUNCATE exchange_consentevent", [])
    assert EntryRead.objects.get().reader_id == 3
