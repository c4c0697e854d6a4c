"""modelsearch's own backend test suite (`BackendTests`, the one its maintainers run against the
database and Elasticsearch backends), run unchanged against the Whoosh backend and, in the same
run, against Wagtail's database backend for comparison.

Its fixture is in ../shared/data/modelsearch/ (tests/settings.py): without it these tests skip
with the reason, unless REQUIRE_SHARED_DATA=1 (CI), where a missing fixture fails the run.
"""

import os
import sys
import tempfile
import unittest

from django.conf import settings
from django.core.management import call_command, get_commands
from django.db import connection
from django.test import TestCase, override_settings

import wagtail.search.models

# Wagtail installs modelsearch's app as its own "wagtailsearch", with the concrete index models
# in wagtail.search.models: the suite imports them from modelsearch.models, which only exists as
# an installed app of its own.
sys.modules["modelsearch.models"] = wagtail.search.models

from modelsearch.tests import test_postgres_backend as upstream_postgres  # noqa: E402
from modelsearch.tests import test_sqlite_backend as upstream_sqlite  # noqa: E402
from modelsearch.tests.test_backends import BackendTests  # noqa: E402 - after the alias

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


# One index directory per test process (xdist workers each import this module): every test's
# setUp rebuilds it from that process's database.
WHOOSH_PATH = tempfile.mkdtemp(prefix="upstream-whoosh-")


@unittest.skipUnless(FIXTURE.exists(), MISSING)
@override_settings(**backends("cms.search.whoosh_backend", PATH=WHOOSH_PATH))
class TestWhooshBackendAgainstUpstreamSuite(BackendTests, TestCase):
    backend_path = "cms.search.whoosh_backend"

    # As for upstream's Elasticsearch backends: results are sorted on the index's own columns,
    # so an ORDER BY expression (F("title").asc(nulls_first=True)) is refused with
    # OrderByFieldError rather than run.
    @unittest.expectedFailure
    def test_order_by_expression(self):
        return super().test_order_by_expression()


# The comparison: Wagtail's database backend for this run's database, with the skips and
# expected failures upstream gives it (its own test classes, given Wagtail's setting name too).
@unittest.skipUnless(FIXTURE.exists(), MISSING)
@override_settings(**backends(upstream_sqlite.TestSQLiteSearchBackend.backend_path))
class TestSQLiteBackendAgainstUpstreamSuite(upstream_sqlite.TestSQLiteSearchBackend):
    pass


@unittest.skipUnless(FIXTURE.exists(), MISSING)
@override_settings(**backends(upstream_postgres.TestPostgresSearchBackend.backend_path))
class TestPostgresBackendAgainstUpstreamSuite(upstream_postgres.TestPostgresSearchBackend):
    @classmethod
    def setUpClass(cls):
        # What the test app's migration 0005 does (its tables are made without migrations,
        # see tests/settings.py): Fuzzy and autocomplete need these extensions. Before the
        # class's transaction, so they stay in the test database.
        if connection.vendor == "postgresql":
            for command in ("enable_unaccent", "enable_trigram", "enable_fuzzystrmatch"):
                call_command(command, verbosity=0)
        super().setUpClass()
