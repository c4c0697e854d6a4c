"""What this backend adds to modelsearch's queries, on modelsearch's own test models: `AtLeast`
(most of the words, those with more first), a subclass's own key in a filter, and compounds."""

from django.test import TestCase, override_settings

from modelsearch.backends import get_search_backend
from modelsearch.query import Or, PlainText
from modelsearch.test.testapp.models import Book, Novel
from modelsearch_whoosh import compounds
from modelsearch_whoosh.compounds import CompoundFilter
from modelsearch_whoosh.query import AtLeast


def titles(results) -> list[str]:
    return [book.title for book in results]


class TestMeaning(TestCase):
    @classmethod
    def setUpTestData(cls):
        from datetime import date

        made = date(2020, 1, 1)
        cls.books = [
            Book.objects.create(title=title, publication_date=made, number_of_pages=100)
            for title in ("prison family exit", "prison family", "prison", "garden")
        ]
        cls.novels = [
            Novel.objects.create(
                title=title, publication_date=made, number_of_pages=100, setting="harbour"
            )
            for title in ("harbour nights", "harbour days", "harbour mornings")
        ]

    def setUp(self):
        backend = get_search_backend()
        for model in (Book, Novel):
            backend.get_index_for_model(model).reset()
        backend.add_bulk(Book, Book.objects.all())
        backend.add_bulk(Novel, Novel.objects.all())

    def test_at_least_finds_most_of_the_words_those_with_more_first(self):
        words = [PlainText("prison"), PlainText("family"), PlainText("exit")]
        found = Book.objects.search(AtLeast(words, 2))
        assert titles(found) == ["prison family exit", "prison family"]
        assert found.count() == 2
        anyone = Book.objects.search(AtLeast(words, 1))
        assert titles(anyone) == ["prison family exit", "prison family", "prison"]

    def test_with_any_word_enough_more_of_the_words_still_come_first(self):
        # "exit" weighs five times the others (as a title's word does): summed, a book with
        # that one word outranks one with the two others.
        made = self.books[0].publication_date
        get_search_backend().add(
            Book.objects.create(title="exit", publication_date=made, number_of_pages=1)
        )
        words = [PlainText("prison"), PlainText("family"), PlainText("exit", boost=5)]
        ranked = titles(Book.objects.search(AtLeast(words, 1)))
        assert ranked.index("prison family") < ranked.index("exit")
        summed = titles(Book.objects.search(Or(words)))  # a plain Or ranks by the sum
        assert summed.index("prison family") > summed.index("exit")

    def test_at_least_on_an_empty_index_finds_nothing(self):
        get_search_backend().get_index_for_model(Book).reset()
        words = [PlainText("prison"), PlainText("family"), PlainText("exit")]
        for minimum in (1, 2):
            found = Book.objects.search(AtLeast(words, minimum))
            assert titles(found) == [] and found.count() == 0

    def test_at_least_is_an_or_to_a_backend_that_does_not_know_it(self):
        assert isinstance(AtLeast([PlainText("a"), PlainText("b")], 2), Or)

    def test_a_subclass_excluded_by_its_own_key_is_neither_counted_nor_listed(self):
        left_out = self.novels[0]
        found = Novel.objects.exclude(pk__in=[left_out.pk]).search("harbour")
        assert found.count() == 2 == len(list(found))
        assert left_out.title not in titles(found)
        assert titles(Novel.objects.filter(pk=left_out.pk).search("harbour")) == [left_out.title]


@override_settings(MODELSEARCH_WHOOSH_COMPOUND_WORDS={"de": "unused: the list is set below"})
class TestCompounds(TestCase):
    def setUp(self):
        compounds._lists["de"] = frozenset(
            {"telefon", "beratung", "ausstieg", "ausstiegs", "begleitung", "gespräch"}
        )
        self.addCleanup(compounds._lists.pop, "de")

    def split(self, text: str) -> list[str]:
        from whoosh.analysis import LowercaseFilter, RegexTokenizer

        analyzer = RegexTokenizer() | LowercaseFilter() | CompoundFilter("de")
        return [token.text for token in analyzer(text)]

    def test_a_compound_is_followed_by_its_parts(self):
        assert self.split("Telefonberatung") == ["telefonberatung", "telefon", "beratung"]
        assert self.split("Beratungstelefon") == ["beratungstelefon", "beratung", "telefon"]
        assert self.split("Ausstiegsbegleitung") == [
            "ausstiegsbegleitung",
            "ausstiegs",
            "begleitung",
        ]

    def test_words_that_are_no_compounds_stay_whole(self):
        assert self.split("Beratung Garten Telefonat") == ["beratung", "garten", "telefonat"]
