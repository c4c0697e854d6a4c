"""Several worker processes on one Whoosh index: no write lost, no write or read fails.

Real processes (fork), as gunicorn runs them, each writing through the search backend with a
commit per object, the way a save indexes itself; a reader process searches all the while.
"""

import multiprocessing
import os
import traceback

import modelsearch_whoosh
import pytest
from modelsearch.backends import get_search_backend
from modelsearch_whoosh import vocabulary

from cms.models import Challenge

WRITERS = 4
PER_WRITER = 30


def report_and_exit(errors, message: str | None) -> None:
    """Leave the child at once (no test teardown in a fork), after the error, if any, reached
    the parent: os._exit would otherwise drop what the queue's feeder thread had not sent."""
    if message is not None:
        errors.put(message)
    errors.close()
    errors.join_thread()
    os._exit(1 if message else 0)


def write(writer: int, errors) -> None:
    message = None
    try:
        backend = get_search_backend()
        for n in range(PER_WRITER):
            pk = 10_000 + writer * PER_WRITER + n
            # Unsaved objects: the child writes to the index only, never to the test database.
            backend.add(Challenge(pk=pk, name=f"concurrent challenge {pk}", slug=f"c-{pk}"))
    except BaseException:  # noqa: BLE001 - reported to the parent, which fails the test
        message = f"writer {writer}: {traceback.format_exc()}"
    finally:
        report_and_exit(errors, message)


def read(stop, errors, counts) -> None:
    message = None
    try:
        backend = get_search_backend()
        last = None
        while not stop.is_set():
            # Each new count once: few enough items to flush through the pipe before exiting.
            if (count := backend.search("concurrent", Challenge).count()) != last:
                counts.put(count)
                last = count
    except BaseException:  # noqa: BLE001 - reported to the parent, which fails the test
        message = f"reader: {traceback.format_exc()}"
    finally:
        counts.close()
        counts.join_thread()
        report_and_exit(errors, message)


def drain(queue) -> list:
    items = []
    while not queue.empty():
        items.append(queue.get())
    return items


@pytest.mark.django_db
def test_parallel_writers_lose_nothing_and_a_reader_never_fails(monkeypatch):
    # "Did you mean" only offers words of public pages; here every challenge counts as public,
    # so that each process adds words to the list while the others do.
    monkeypatch.setattr(
        modelsearch_whoosh.backend, "public_pks", lambda model, items: {item.pk for item in items}
    )
    backend = get_search_backend()
    assert backend.search("concurrent", Challenge).count() == 0  # creates the index first

    context = multiprocessing.get_context("fork")
    errors, counts, stop = context.Queue(), context.Queue(), context.Event()
    reader = context.Process(target=read, args=(stop, errors, counts))
    reader.start()
    writers = [context.Process(target=write, args=(n, errors)) for n in range(WRITERS)]
    for process in writers:
        process.start()
    for process in writers:
        process.join(timeout=120)
    stop.set()
    reader.join(timeout=30)

    seen = drain(counts)
    assert drain(errors) == []
    assert [process.exitcode for process in [*writers, reader]] == [0] * (WRITERS + 1)
    assert backend.search("concurrent", Challenge).count() == WRITERS * PER_WRITER
    # Every process's words reached the "did you mean" list: no process overwrote another's.
    known = vocabulary.read(backend.get_index_for_model(Challenge).store.current)
    assert {str(10_000 + n) for n in range(WRITERS * PER_WRITER)} <= known.known
    # The reader saw the index grow while the writers committed, never shrink.
    assert len(seen) > 1
    assert seen == sorted(seen)
    assert seen[-1] <= WRITERS * PER_WRITER
