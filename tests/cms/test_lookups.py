"""An id no integer column can hold finds nothing, instead of an error from the database."""

from wagtail.models import Page

import pytest

from exchange.membership.models import Profile

TOO_BIG, TOO_SMALL = 2**70, -(2**70)


@pytest.mark.django_db
def test_out_of_range_ids_find_nothing_in_every_integer_lookup(home_page):
    assert list(Page.objects.filter(pk__in=[TOO_BIG, TOO_SMALL])) == []
    assert list(Page.objects.filter(pk__in=[TOO_BIG, home_page.pk])) == [home_page.page_ptr]
    assert list(Page.objects.filter(pk=TOO_BIG)) == []
    assert list(Profile.objects.filter(organisation__in=[TOO_BIG])) == []
    assert list(Profile.objects.filter(organisation=TOO_BIG)) == []
    assert list(Profile.objects.exclude(organisation__in=[TOO_BIG])) == []
