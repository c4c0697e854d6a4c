"""The index is private data: it holds drafts and restricted pages for the admin's search. What
has left the site leaves its files (purge_search_index), and the word list that "did you mean"
reads holds only words of what the public may find."""

from django.core.management import call_command

from wagtail.models import Page, PageViewRestriction

import pytest
from modelsearch.backends import get_search_backend
from modelsearch_whoosh import backend as whoosh
from modelsearch_whoosh import vocabulary
from modelsearch_whoosh.checks import index_schema_is_current
from modelsearch_whoosh.schema import build_schema, multi_valued
from modelsearch_whoosh.storage import IndexStore

from cms.models import PracticePage
from demo.page_factories import make_library, make_practice

pytestmark = pytest.mark.django_db


def index():
    return get_search_backend().get_index_for_model(PracticePage)


def known_words() -> frozenset[str]:
    return vocabulary.read(index().store.current).known


def on_disk(word: str) -> bool:
    """Whether any file of the index holds the word's bytes (terms are stored uncompressed)."""
    root = index().store.directory
    return any(word.encode() in path.read_bytes() for path in root.rglob("*") if path.is_file())


@pytest.fixture
def library(home_page):
    return make_library(home_page)[0]


def test_a_deleted_pages_text_leaves_the_index_files_when_purged(library):
    make_practice(library, title="Ordinary practice", summary="Counselling for families.")
    call_command("update_index", verbosity=0)  # the page in a big rebuilt segment
    gone = make_practice(library, title="Practice about Quillfeather", summary="Zorvandel.")
    kept = make_practice(library, title="Another practice", summary="Mentoring Brightmoor.")
    assert on_disk("zorvandel") and on_disk("brightmoor")

    gone.delete()
    assert on_disk("zorvandel")  # Whoosh only marks the document deleted
    assert "zorvandel" not in known_words()  # but "did you mean" no longer offers it

    call_command("purge_search_index")
    assert not on_disk("zorvandel") and not on_disk("quillfeather")
    assert on_disk("brightmoor") and {"brightmoor", "families"} <= known_words()
    found = get_search_backend().search("brightmoor", PracticePage)
    assert [page.pk for page in found] == [kept.pk]


def test_an_edited_pages_old_text_leaves_the_files_when_purged(library):
    page = make_practice(library, title="Practice", summary="Named client Velmorrow at home.")
    page.summary = "A client at home."
    page.save_revision().publish()
    assert on_disk("velmorrow")
    call_command("purge_search_index")
    assert not on_disk("velmorrow") and "velmorrow" not in known_words()


def test_the_word_list_holds_only_words_the_public_may_find(library):
    make_practice(library, title="Public practice", summary="Outreach in Hallowmere.")
    draft = make_practice(library, title="Draft", summary="Draft names Thistlewick.")
    draft.unpublish()
    restricted = make_practice(library, title="Restricted", summary="Restricted Ombervale.")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")

    call_command("update_index", verbosity=0)
    words = known_words()
    assert {"hallowmere", "outreach", "public"} <= words
    assert "thistlewick" not in words and "ombervale" not in words
    # Both stay searchable in the admin: the index holds them.
    assert get_search_backend().search("thistlewick", PracticePage).count() == 1

    # Published: its words join. Unpublished: they leave, unless a public page holds them too.
    draft.save_revision().publish()
    assert "thistlewick" in known_words()
    draft.refresh_from_db()
    draft.unpublish()
    assert "thistlewick" not in known_words() and "draft" not in known_words()
    assert "hallowmere" in known_words()

    # A restriction placed after indexing: the scheduled purge takes its words out.
    PageViewRestriction.objects.filter(page=restricted).delete()
    restricted.save_revision().publish()
    assert "ombervale" in known_words()
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    call_command("purge_search_index")
    assert "ombervale" not in known_words() and "hallowmere" in known_words()


def test_an_index_built_for_an_older_schema_asks_for_a_rebuild(library):
    column = "cms_practicepage__challenges_filter"
    store = index().store
    older = build_schema(Page)
    older.remove(column)
    older.add(column, multi_valued())  # as before: the challenges' pks as words
    IndexStore(store.root, store.name, lambda: older).reset()

    warnings = index_schema_is_current(None)
    assert [w.id for w in warnings] == ["modelsearch_whoosh.W001"] and column in warnings[0].msg
    call_command("update_index", verbosity=0)
    assert index_schema_is_current(None) == []


@pytest.mark.parametrize("parallel_from", [1, 1000], ids=["writer processes", "in process"])
def test_searches_answer_from_the_old_index_while_a_rebuild_fills_the_new(
    library, monkeypatch, parallel_from
):
    monkeypatch.setattr(whoosh, "PARALLEL_FROM", parallel_from)
    page = make_practice(library, title="Practice", summary="Lanternfold outreach.")
    backend = get_search_backend()

    def found(word):
        return [hit.pk for hit in backend.search(word, PracticePage)]

    rebuilder = backend.rebuilder_class(backend.get_index_for_model(PracticePage))
    filling = rebuilder.start()
    PracticePage.objects.filter(pk=page.pk).update(summary="Copperwind outreach.")
    filling.add_items(PracticePage, [PracticePage.objects.get(pk=page.pk)])
    assert found("lanternfold") == [page.pk] and found("copperwind") == []  # the old index
    assert "lanternfold" in known_words()

    rebuilder.finish()
    assert found("copperwind") == [page.pk] and found("lanternfold") == []
    assert "copperwind" in known_words() and "lanternfold" not in known_words()
