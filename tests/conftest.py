from django.core.cache import cache

from wagtail.models import Site

import pytest

from cms.models import HomePage


@pytest.fixture
def home_page(db) -> HomePage:
    """The site root that the cms migration creates on every fresh database."""
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture(autouse=True)
def empty_cache():
    """The cache outlives a test's database transaction: start every test without it."""
    cache.clear()
    yield
    cache.clear()
