"""Document sets kept per segment stay exact across commits: a new segment's documents count,
documents deleted after their segment's sets were read do not, and an update counts once."""

import shutil

import pytest
from modelsearch_whoosh import bitsets
from modelsearch_whoosh.storage import IndexStore
from whoosh import query as wq
from whoosh.fields import ID, KEYWORD, Schema


@pytest.fixture
def store(tmp_path):
    return IndexStore(
        tmp_path, "documents", lambda: Schema(ms_pk=ID(stored=True, unique=True), tag=KEYWORD)
    )


def add(store, *documents, merge=False):
    with store.writer() as writer:
        for pk, tag in documents:
            writer.update_document(ms_pk=pk, tag=tag)
        writer.merge = merge


def tagged(store, tag) -> set[str]:
    """The pks the bitset of `tag` holds, with the set's own count beside Whoosh's."""

    def read(searcher):
        bits = bitsets.term(searcher, "tag", tag)
        pks = {searcher.stored_fields(n)["ms_pk"] for n in bitsets.ids(bits)}
        assert (
            bits.bit_count() == len(pks) == len(list(searcher.docs_for_query(wq.Term("tag", tag))))
        )
        return pks

    return store.read(read)


def counted(store, within_tag) -> dict[str, int]:
    def read(searcher):
        within = bitsets.term(searcher, "tag", within_tag)
        return {
            t.decode(): n for t, n in bitsets.counts_by_term(searcher, "tag", within)[0].items()
        }

    return store.read(read)


def test_sets_follow_every_commit(store):
    add(store, ("a", "red"), ("b", "red"), ("c", "blue"))
    assert tagged(store, "red") == {"a", "b"}  # the first segment's set is now cached

    add(store, ("d", "red"))  # a second segment
    assert tagged(store, "red") == {"a", "b", "d"}

    add(store, ("a", "blue"))  # an update: deleted in the first segment, added in a third
    assert tagged(store, "red") == {"b", "d"}
    assert tagged(store, "blue") == {"a", "c"}

    with store.writer() as writer:  # a delete alone
        writer.delete_by_term("ms_pk", "b")
    assert tagged(store, "red") == {"d"}
    assert counted(store, "blue") == {"blue": 2}

    add(store, ("e", "red"), merge=True)  # a merge writes a new segment of everything
    assert tagged(store, "red") == {"d", "e"}
    assert tagged(store, "blue") == {"a", "c"}


def test_a_copy_of_the_index_with_fewer_deletions_gets_its_own_sets(store, tmp_path):
    """A copy of an index (a restored backup; each test's copy of a shared one) holds the same
    segments, possibly with fewer of their documents deleted: a set read in the original after
    a deletion must not be used for the copy, where that document is alive."""
    add(store, ("a", "red"), ("b", "red"))
    copy = IndexStore(tmp_path / "copy", store.name, store.schema)
    shutil.copytree(store.directory, copy.directory, symlinks=True)

    with store.writer() as writer:
        writer.delete_by_term("ms_pk", "a")
    assert tagged(store, "red") == {"b"}  # read (and kept) with "a" deleted

    assert tagged(copy, "red") == {"a", "b"}
    assert tagged(store, "red") == {"b"}
