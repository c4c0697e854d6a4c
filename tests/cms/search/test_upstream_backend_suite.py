"""modelsearch's own backend test suite (`BackendTests`, the one its maintainers run against the
database and Elasticsearch backends), its tests unchanged, against Wagtail's database backend on
this run's database: the comparison for the Whoosh backend, which passes the same suite in its
own package (packages/modelsearch-whoosh/tests/). Only its setUp is made cheaper: the index
each test starts from is built once per class, not again before each test (see below).

Its fixture is in ../shared/data/modelsearch/ (tests/settings.py): without it these tests skip
with the reason, unless REQUIRE_SHARED_DATA=1 (CI), where a missing fixture fails the run.
"""

import os
import sys
import unittest

from django.conf import settings
from django.core.management import call_command, get_commands
from django.db import connection
from django.test import override_settings

import wagtail.search.models

# Wagtail installs modelsearch's app as its own "wagtailsearch", with the concrete index models
# in wagtail.search.models: the suite imports them from modelsearch.models, which only exists as
# an installed app of its own.
sys.modules["modelsearch.models"] = wagtail.search.models

from modelsearch.backends import get_search_backend  # noqa: E402
from modelsearch.tests import test_postgres_backend as upstream_postgres  # noqa: E402
from modelsearch.tests import test_sqlite_backend as upstream_sqlite  # noqa: E402

FIXTURE = settings.UPSTREAM_SEARCH_FIXTURES / "search.json"
MISSING = f"modelsearch's test fixture {FIXTURE} is not here (a fresh clone has no ../shared/)"

if not FIXTURE.exists() and os.environ.get("REQUIRE_SHARED_DATA") == "1":
    raise RuntimeError(f"REQUIRE_SHARED_DATA=1 but {MISSING}")

# The suite rebuilds with modelsearch's `rebuild_modelsearch_index`, which Wagtail installs only
# under its own names (update_index): make the upstream command callable by its upstream name.
get_commands()["rebuild_modelsearch_index"] = "modelsearch"


def backends(backend: str, **params) -> dict:
    conf = {"default": {"BACKEND": backend, **params}}
    # The suite reads MODELSEARCH_BACKENDS; Wagtail's search app reads WAGTAILSEARCH_BACKENDS.
    return {"MODELSEARCH_BACKENDS": conf, "WAGTAILSEARCH_BACKENDS": conf}


class IndexedOnceForTheClass:
    """Upstream's setUp empties the database backend's index and rebuilds it before each test.
    That index is rows of the database: rebuilt once here, in the class's transaction after its
    fixture, it is what each test (rolled back) starts from, as upstream's rebuild would be."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # Upstream's setUp, once: find the backend, empty its index, rebuild it.
        super(IndexedOnceForTheClass, cls()).setUp()

    def setUp(self):
        self.backend_name = "default"  # what upstream's setUp finds for these classes
        self.backend = get_search_backend(self.backend_name)


# The comparison: Wagtail's database backend for this run's database, with the skips and
# expected failures upstream gives it (its own test classes, given Wagtail's setting name too).
@unittest.skipUnless(FIXTURE.exists(), MISSING)
@override_settings(**backends(upstream_sqlite.TestSQLiteSearchBackend.backend_path))
class TestSQLiteBackendAgainstUpstreamSuite(
    IndexedOnceForTheClass, upstream_sqlite.TestSQLiteSearchBackend
):
    pass


@unittest.skipUnless(FIXTURE.exists(), MISSING)
@override_settings(**backends(upstream_postgres.TestPostgresSearchBackend.backend_path))
class TestPostgresBackendAgainstUpstreamSuite(
    IndexedOnceForTheClass, upstream_postgres.TestPostgresSearchBackend
):
    @classmethod
    def setUpClass(cls):
        # What the test app's migration 0005 does (its tables are made without migrations,
        # see tests/settings.py): Fuzzy and autocomplete need these extensions. Before the
        # class's transaction, so they stay in the test database.
        if connection.vendor == "postgresql":
            for command in ("enable_unaccent", "enable_trigram", "enable_fuzzystrmatch"):
                call_command(command, verbosity=0)
        super().setUpClass()
