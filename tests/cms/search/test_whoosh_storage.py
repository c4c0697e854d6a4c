"""The Whoosh storage layer under several processes: no lost write, no failed read."""

import multiprocessing
import os

import pytest
from whoosh.fields import ID, TEXT, Schema
from whoosh.query import Every, Term

from cms.search.whoosh_backend.storage import IndexStore

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

    with store.searcher() as searcher:
        assert [hit["ms_pk"] for hit in searcher.search(Every())] == ["new"]
    generations = [p for p in store.directory.iterdir() if p.name.startswith("gen-")]
    assert len(generations) == 2  # the new one, and the previous one for open searchers
    store.reset()
    generations = [p for p in store.directory.iterdir() if p.name.startswith("gen-")]
    assert len(generations) == 2 and count(store) == 0


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
