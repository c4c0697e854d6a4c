"""The Whoosh storage layer under several processes: no lost write, no failed read."""

import multiprocessing
import os

import pytest
from modelsearch_whoosh.storage import IndexStore
from whoosh.fields import ID, TEXT, Schema
from whoosh.query import Every, Term

# Several processes writing and reading at once: tests/cms/search/test_whoosh_concurrency.py.


def schema() -> Schema:
    return Schema(ms_pk=ID(stored=True, unique=True), body=TEXT)


def store_at(root) -> IndexStore:
    return IndexStore(root, "documents", schema)


def count(store: IndexStore) -> int:
    with store.searcher() as searcher:
        return searcher.doc_count()


def test_a_write_is_visible_to_the_next_search(tmp_path):
    store = store_at(tmp_path)
    assert count(store) == 0
    with store.writer() as writer:
        writer.add_document(ms_pk="1", body="mentoring after release")
    with store.searcher() as searcher:
        assert [hit["ms_pk"] for hit in searcher.search(Term("body", "mentoring"))] == ["1"]


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    store = store_at(tmp_path)
    with pytest.raises(RuntimeError), store.writer() as writer:
        writer.add_document(ms_pk="1", body="half written")
        raise RuntimeError("the save failed")
    assert count(store) == 0
    with store.writer() as writer:  # and the lock was released
        writer.add_document(ms_pk="2", body="written")
    assert count(store) == 1


def test_rebuild_swaps_atomically_and_searches_use_the_old_index_until_then(tmp_path):
    store = store_at(tmp_path)
    with store.writer() as writer:
        writer.add_document(ms_pk="old", body="old document")

    generation = store.start_rebuild()
    with store.writer(generation) as writer:
        writer.add_document(ms_pk="new", body="new document")
    with store.searcher() as searcher:  # mid-rebuild: still the old index
        assert [hit["ms_pk"] for hit in searcher.search(Every())] == ["old"]

    store.finish_rebuild(generation)
    # The previous generation stays while this process's searcher holds it...
    assert len(generations_of(store)) == 2

    with store.searcher() as searcher:
        assert [hit["ms_pk"] for hit in searcher.search(Every())] == ["new"]
    # ...and goes as soon as that searcher moves to the new one.
    assert generations_of(store) == [generation]
    store.reset()
    assert len(generations_of(store)) == 2 and count(store) == 0
    assert len(generations_of(store)) == 1


def generations_of(store: IndexStore) -> list:
    return sorted(p for p in store.directory.iterdir() if p.name.startswith("gen-"))


def first_write(root, n: int) -> None:
    try:
        with store_at(root).writer() as writer:
            writer.add_document(ms_pk=str(n), body="first write")
    finally:
        os._exit(0)


def test_processes_that_create_the_index_at_once_share_one(tmp_path):
    context = multiprocessing.get_context("fork")
    processes = [context.Process(target=first_write, args=(tmp_path, n)) for n in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60)
    assert count(store_at(tmp_path)) == 4


def hold_a_searcher(root, ready, release) -> None:
    """Another worker process: opens a searcher on the current generation, keeps it until told."""
    try:
        count(store_at(root))
        ready.set()
        release.wait(30)
    finally:
        os._exit(0)


def test_a_replaced_generation_is_deleted_once_no_process_holds_it(tmp_path):
    store = store_at(tmp_path)
    with store.writer() as writer:
        writer.add_document(ms_pk="old", body="a page deleted since")
    old = store.current
    context = multiprocessing.get_context("fork")
    ready, release = context.Event(), context.Event()
    worker = context.Process(target=hold_a_searcher, args=(tmp_path, ready, release))
    worker.start()
    assert ready.wait(30)

    generation = store.start_rebuild()
    store.finish_rebuild(generation)
    store.sweep()
    assert old.exists()  # the other worker's searcher still reads it

    release.set()
    worker.join(30)
    store.sweep()  # as the next swap or the next process to let go of a generation does
    assert generations_of(store) == [generation]


def test_a_rebuild_being_filled_is_never_swept(tmp_path):
    store = store_at(tmp_path)
    count(store)
    generation = store.start_rebuild()
    other_process_view = store_at(tmp_path)  # another process sweeping: its own IndexStore
    other_process_view.sweep()
    assert generation.exists()
    store.finish_rebuild(generation)
    assert store.current == generation


def test_index_files_and_folders_are_the_site_users_alone(tmp_path):
    previous = os.umask(0)  # the most permissive umask a server could run with
    try:
        store = store_at(tmp_path / "search")
        with store.writer() as writer:
            writer.add_document(ms_pk="1", body="a restricted page's text")
        generation = store.start_rebuild()
        with store.writer(generation) as writer:
            writer.add_document(ms_pk="1", body="a restricted page's text")
        store.finish_rebuild(generation)
        count(store)
    finally:
        os.umask(previous)
    paths = [tmp_path / "search", *(tmp_path / "search").rglob("*")]
    assert len(paths) > 5
    for path in paths:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode & 0o777
        assert mode & 0o077 == 0, f"{path} is {oct(mode)}"
