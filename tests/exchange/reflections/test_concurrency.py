"""One answer slot saved from several requests at once (two tabs, a double click, an autosave
racing a submit): one entry, one draft, no error, on SQLite and on PostgreSQL (CI runs both).
Each thread on its own database connection."""

import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import connection

import pytest

from demo.factories import advance
from exchange.reflections.models import EntryVersion, Phase, ReflectionEntry
from tests.exchange.conftest import make_network
from tests.exchange.reflections.test_services import write

SAVES = 8


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_first_saves_of_one_answer_make_one_entry(home_page):
    network = make_network(home_page)
    visit = advance(network, "agreed")
    start = threading.Barrier(SAVES)

    def save(n: int):
        try:
            start.wait()
            write(visit, network.visitor, Phase.BEFORE, text=f"Draft {n} of the same answer.")
            return None
        except Exception as error:  # noqa: BLE001 (the test reports whatever a save raised)
            return repr(error)
        finally:
            connection.close()  # this thread's own connection

    with ThreadPoolExecutor(max_workers=SAVES) as pool:
        errors = [error for error in pool.map(save, range(SAVES)) if error]

    assert errors == []
    entries = ReflectionEntry.objects.filter(visit=visit, author=network.visitor)
    assert entries.count() == 1
    drafts = EntryVersion.objects.filter(entry__in=entries, submitted=False)
    assert drafts.count() == 1 and drafts.get().text.startswith("Draft ")
