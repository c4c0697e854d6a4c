"""The words "did you mean" may offer: a word list per index generation, not a Whoosh column."""

from django.core.management import call_command

import pytest
from modelsearch.backends import get_search_backend
from modelsearch_whoosh import vocabulary
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer
from whoosh.support.charset import accent_map

from cms.models import PracticePage
from demo.page_factories import make_library, make_practice

# How Whoosh itself would split and fold the words: the list must hold exactly these.
WHOOSH_WORDS = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


def words_of(generation) -> list[str]:
    return vocabulary.read(generation).words


def current_generation():
    return get_search_backend().get_index_for_model(PracticePage).store.current


@pytest.mark.parametrize(
    "text",
    [
        "Mentoring after release: Exit-Programme, e.g. family counselling.",
        "Éducation spécialisée à Zürich, Ærø, façade; ŁÓDŹ straße",
        "version 2.7.4 of tool_kit, 10,000 people and x.y.z...end",
        "日本語のテキスト ☃ — ünïcödé “quoted” it's",
        "",
    ],
)
def test_the_words_are_those_whooshs_analyser_finds(text):
    expected = {token.text for token in WHOOSH_WORDS(text)}
    assert vocabulary.folded(vocabulary.words_in(text)) == expected


def test_nearest_prefers_fewer_edits_then_alphabetical_order(tmp_path):
    vocabulary.write(tmp_path, ["mentoring", "mentors", "menorah", "mentoringx", "prison"])
    words = vocabulary.read(tmp_path)
    assert words.words == sorted(words.words)
    assert words.nearest("mentoirng") == "mentoring"  # two edits; no word is one away
    assert words.nearest("mentorx") == "mentors"  # one edit beats "mentoring"'s two
    assert words.nearest("prisn") == "prison"
    assert words.nearest("orison") is None  # the first letter must match
    assert words.nearest("zzzzzz") is None
    assert words.nearest("mentoring") == "mentoringx"  # never the word itself
    assert vocabulary.read(tmp_path / "missing").nearest("mentoring") is None


def test_a_changed_list_is_read_again(tmp_path):
    vocabulary.write(tmp_path, ["alpha"])
    assert "alpha" in vocabulary.read(tmp_path)
    vocabulary.add(tmp_path, {"beta"})
    assert words_of(tmp_path) == ["alpha", "beta"]
    vocabulary.add(tmp_path, {"alpha"})  # nothing new: the file is not rewritten
    assert words_of(tmp_path) == ["alpha", "beta"]


@pytest.mark.django_db
def test_a_rebuild_writes_the_list_and_a_publish_adds_its_words(home_page):
    library, _ = make_library(home_page)
    make_practice(library, title="Family counselling", summary="Counsellors visit families.")
    call_command("update_index", verbosity=0)
    words = words_of(current_generation())
    assert {"family", "counselling", "counsellors", "visit", "families"} <= set(words)

    make_practice(library, title="Prison mentoring", summary="Éducateurs meet inmates weekly.")
    words = set(words_of(current_generation()))
    assert {"prison", "mentoring", "educateurs", "inmates", "family"} <= words

    # Whoosh's commits and merges leave the list in place.
    for n in range(12):
        make_practice(library, title=f"Practice number {n}", summary="Filler text.")
    assert {"educateurs", "family", "filler"} <= set(words_of(current_generation()))


@pytest.mark.django_db
def test_the_schema_has_no_column_per_document_for_spelling(home_page):
    index = get_search_backend().get_index_for_model(PracticePage)
    names = index.store.read(lambda searcher: searcher.schema.names())
    assert not [name for name in names if "spell" in name]
