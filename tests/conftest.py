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


@pytest.fixture(autouse=True)
def search_index(tmp_path, settings):
    """A fresh Whoosh index per test: the index outlives a test's database transaction too."""
    from cms.whoosh_backend import storage

    backends = {**settings.WAGTAILSEARCH_BACKENDS}
    if backends["default"]["BACKEND"] == "cms.whoosh_backend":
        backends["default"] = {**backends["default"], "PATH": tmp_path / "search"}
        settings.WAGTAILSEARCH_BACKENDS = backends
    yield
    storage.close_all()
