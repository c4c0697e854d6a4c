"""Filters and indexing through to-many relations, on modelsearch's own test models (an author's
books are the reverse side of Book.authors), with the Whoosh backend: what its upstream suite
found (tests/cms/search/test_upstream_backend_suite.py), each shown without its fixture."""

from datetime import date

from django.core.management import call_command

import pytest
from modelsearch.backends import get_search_backend
from modelsearch.test.testapp.models import Author, Book

pytestmark = pytest.mark.django_db


@pytest.fixture
def authors():
    """Two fictional authors; no single book of the first is both from 1954 and short."""
    first = Author.objects.create(name="Fictional Author One", date_of_birth=date(1900, 1, 1))
    second = Author.objects.create(name="Fictional Author Two", date_of_birth=date(1950, 1, 1))
    for title, published, pages, author in [
        ("A long book of 1954", date(1954, 7, 29), 500, first),
        ("A short book of 1960", date(1960, 1, 1), 120, first),
        ("A short book of 1954", date(1954, 3, 1), 150, second),
    ]:
        Book.objects.create(
            title=title, publication_date=published, number_of_pages=pages
        ).authors.add(author)
    return first, second


def search(queryset):
    return get_search_backend().search("fictional", queryset)


def test_a_model_indexed_through_a_reverse_many_to_many_relation_rebuilds_and_saves(authors):
    call_command("update_index", verbosity=0)  # once raised: 'ManyToManyField' ... 'through'
    first, second = authors
    second.name = "Fictional Author Two, renamed"
    second.save()  # indexed on save, through the same relation
    found = search(Author.objects.filter(books__publication_date=date(1960, 1, 1)))
    assert list(found) == [first]
    assert list(get_search_backend().search("renamed", Author)) == [second]


def test_two_conditions_on_one_related_object_count_what_the_pages_show(authors):
    call_command("update_index", verbosity=0)
    first, second = authors
    # One filter() call: one book must meet both. No book of the first author is from 1954
    # and under 400 pages; the second author's is.
    results = search(
        Author.objects.filter(books__publication_date__year=1954, books__number_of_pages__lt=400)
    )
    assert list(results) == [second]
    assert results.count() == 1
    assert dict(results.facet("date_of_birth")) == {date(1950, 1, 1): 1}

    nothing = search(
        Author.objects.filter(
            books__publication_date=date(1954, 7, 29), books__number_of_pages__lt=400
        )
    )
    assert list(nothing) == []
    assert nothing.count() == 0  # the index alone said 1
    assert dict(nothing.facet("date_of_birth")) == {}

    # Chained filter() calls may each be met by another book: the index answers them itself.
    chained = search(
        Author.objects.filter(books__publication_date=date(1954, 7, 29)).filter(
            books__number_of_pages__lt=400
        )
    )
    chained.query_compiler.compile_filter()
    assert chained.query_compiler.filter_is_exact
    assert list(chained) == [first] and chained.count() == 1


def test_range_lookups_reach_through_a_to_many_relation(authors):
    call_command("update_index", verbosity=0)
    first, second = authors
    assert list(search(Author.objects.filter(books__number_of_pages__gt=400))) == [first]
    assert set(search(Author.objects.filter(books__number_of_pages__lte=150))) == {
        first,
        second,
    }
    in_the_fifties = Author.objects.filter(
        books__publication_date__range=(date(1954, 1, 1), date(1954, 6, 30))
    )
    assert list(search(in_the_fifties)) == [second]
    assert search(in_the_fifties).count() == 1
