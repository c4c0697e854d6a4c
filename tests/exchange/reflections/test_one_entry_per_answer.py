"""Migrations 0022 and 0023: duplicate entries of one answer, left by saves that raced before
entry_save locked the visit, are merged as serialised saves would have left them, and the
database then refuses a second entry for one answer."""

from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

import pytest

from demo.factories import advance
from exchange.reflections.models import EntryShare, EntryVersion, Phase, ReflectionEntry
from tests.exchange.conftest import make_network
from tests.exchange.reflections.test_services import question

BEFORE = [("exchange", "0021_append_only_against_replace_and_truncate")]


def latest():
    """Every app's last migration: what the other tests expect, whatever comes after 0023."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_duplicates_are_merged_and_then_refused(home_page):
    network = make_network(home_page)
    visit = advance(network, "agreed")
    asked = question(Phase.BEFORE)
    old = migrate(BEFORE)
    try:
        Entry = old.get_model("exchange", "ReflectionEntry")
        Version = old.get_model("exchange", "EntryVersion")
        Share = old.get_model("exchange", "EntryShare")
        slot = {
            "visit_id": visit.pk,
            "author_id": network.visitor.pk,
            "phase": Phase.BEFORE,
            "question_id": asked.pk,
            "goal": "",
            "day": None,
            "question_text": asked.text,
        }
        first, second = Entry.objects.create(**slot), Entry.objects.create(**slot)
        Version.objects.create(entry=first, number=1, text="t-first-sent", submitted=True)
        Version.objects.create(entry=first, number=2, text="t-first-draft")
        Version.objects.create(entry=second, number=1, text="t-second-sent", submitted=True)
        Version.objects.create(entry=second, number=2, text="t-second-draft")
        Share.objects.create(entry=second, audience="partner")
    finally:
        migrate(latest())  # the schema the other tests expect, even if this one failed

    (entry,) = ReflectionEntry.objects.filter(visit=visit, author=network.visitor)
    assert entry.pk == first.pk
    versions = list(EntryVersion.objects.filter(entry=entry).order_by("number"))
    # Both submitted versions kept in order, one draft (the newest) last.
    assert [v.text for v in versions] == ["t-first-sent", "t-second-sent", "t-second-draft"]
    assert [v.submitted for v in versions] == [True, True, False]
    assert [v.number for v in versions] == [1, 2, 3]
    assert EntryShare.objects.get().entry_id == entry.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        ReflectionEntry.objects.create(
            visit=visit,
            author=network.visitor,
            phase=Phase.BEFORE,
            question=asked,
            goal="",
            question_text=asked.text,
        )
    assert EntryVersion.objects.filter(entry=entry).count() == 3
