import logging
from pathlib import Path

from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.utils import translation

from wagtail.models import Site

import pytest
from cryptography.fernet import Fernet

from cms.models import HomePage
from config.settings import env, env_path


@pytest.fixture
def home_page(db) -> HomePage:
    """The site root that the cms migration creates on every fresh database."""
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture(autouse=True)
def interface_in_the_default_language():
    """Each test starts in English: a request leaves its reader's language active in the thread
    (the middleware activates one per request, as a server does), and the next test would read
    its messages in German or French."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def reflection_keys(settings):
    """A real Fernet key for the test run (DEBUG is off, as in production, where one is
    required)."""
    settings.REFLECTION_KEYS = [TEST_REFLECTION_KEY]
    return settings.REFLECTION_KEYS


TEST_REFLECTION_KEY = Fernet.generate_key().decode()


@pytest.fixture
def deployed(settings, monkeypatch):
    """Sets settings as a deployment does: the variable in the environment, read by the settings
    module's own parser, so a test sees the type production sees (a test that assigned a
    pathlib.Path hid that production got django-environ's Path, and erasure failed there)."""

    def configure(**values: object) -> None:
        for setting, value in values.items():
            variable, parse = PARSED_FROM_ENVIRONMENT[setting]
            monkeypatch.setenv(variable, str(value))
            setattr(settings, setting, parse(variable))

    return configure


# Each setting: its environment variable, and the settings module's own way of reading it.
PARSED_FROM_ENVIRONMENT = {
    "ERASURE_LOG": ("ERASURE_LOG", lambda name: env_path(name, default=Path())),
    "BACKUP_DIR": ("BACKUP_DIR", lambda name: env_path(name, default=Path())),
    "MEDIA_ROOT": ("MEDIA_ROOT", lambda name: env_path(name, default=Path())),
    "ALLAUTH_TRUSTED_PROXY_COUNT": ("TRUSTED_PROXY_COUNT", lambda name: env.int(name, default=0)),
}


@pytest.fixture(autouse=True)
def erasure_log(settings, tmp_path, deployed):
    """Every deleted user is written to the erasure log: tests write to their own, never to
    the developer's var/erasures.jsonl."""
    deployed(ERASURE_LOG=tmp_path / "erasures.jsonl")
    return settings.ERASURE_LOG


@pytest.fixture(autouse=True)
def empty_cache():
    """Caches that outlive a test's database transaction start every test empty: the
    per-process memo, and the shared cache when it is Redis (in the database table it is
    rolled back with the test)."""
    aliases = ["local"]
    if not isinstance(caches["default"], DatabaseCache):
        aliases.append("default")
    for alias in aliases:
        caches[alias].clear()
    yield
    for alias in aliases:
        caches[alias].clear()


@pytest.fixture(autouse=True)
def search_index(tmp_path, settings):
    """A fresh Whoosh index per test: the index outlives a test's database transaction too."""
    from cms.search.whoosh_backend import storage

    backends = {**settings.WAGTAILSEARCH_BACKENDS}
    if backends["default"]["BACKEND"] == "cms.search.whoosh_backend":
        backends["default"] = {**backends["default"], "PATH": tmp_path / "search"}
        settings.WAGTAILSEARCH_BACKENDS = backends
    yield
    storage.close_all()


@pytest.fixture
def all_logs():
    """Every log record of every logger during the test, as a log file would hold it."""
    from tests.privacy import Everything

    handler, root = Everything(), logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield handler
    root.removeHandler(handler)
    root.setLevel(level)
