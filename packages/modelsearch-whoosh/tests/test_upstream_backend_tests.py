"""modelsearch's own backend test suite (`BackendTests`, the one its maintainers run against the
database and Elasticsearch backends), its tests unchanged, against this backend in modelsearch's
bare settings (tests/settings.py). Only its setUp is made cheaper: the index each test starts
from is built once, not again before each test (see below).

Without the fixture the tests skip with the reason, unless REQUIRE_SHARED_DATA=1 (the project's
CI), where a missing fixture fails the run.
"""

import os
import shutil
import tempfile
import unittest
from pathlib import Path

from django.conf import settings
from django.test import TestCase

from modelsearch.backends import get_search_backend
from modelsearch.tests.test_backends import BackendTests
from modelsearch_whoosh import storage

FIXTURE = settings.MODELSEARCH_FIXTURES / "search.json"
MISSING = f"modelsearch's test fixture {FIXTURE} is not here (set MODELSEARCH_FIXTURES)"

if not FIXTURE.exists() and os.environ.get("REQUIRE_SHARED_DATA") == "1":
    raise RuntimeError(f"REQUIRE_SHARED_DATA=1 but {MISSING}")


@unittest.skipUnless(FIXTURE.exists(), MISSING)
class TestWhooshBackend(BackendTests, TestCase):
    backend_path = "modelsearch_whoosh"
    rebuilt: Path | None = None  # the index upstream's setUp built for the first test

    def setUp(self):
        """Upstream's setUp rebuilds the index from the database before each test (a third of a
        second with Whoosh, half a minute over the suite). The database is the same at every
        setUp (the class's fixture; each test is rolled back), and so is what a rebuild makes:
        the first test's rebuild is kept, and each later test starts from a copy of it."""
        cls = type(self)
        index = Path(settings.MODELSEARCH_BACKENDS["default"]["PATH"])
        if cls.rebuilt is None:
            super().setUp()
            storage.close_all()
            kept = Path(tempfile.mkdtemp(prefix="modelsearch-whoosh-rebuilt-")) / "index"
            cls.rebuilt = shutil.copytree(index, kept, symlinks=True)
            return
        storage.close_all()
        shutil.rmtree(index, ignore_errors=True)
        shutil.copytree(cls.rebuilt, index, symlinks=True)
        self.backend_name = "default"  # what upstream's setUp finds for this class
        self.backend = get_search_backend(self.backend_name)

    @classmethod
    def tearDownClass(cls):
        if cls.rebuilt is not None:
            shutil.rmtree(cls.rebuilt.parent, ignore_errors=True)
            cls.rebuilt = None
        super().tearDownClass()

    # As for upstream's Elasticsearch backends: results are sorted on the index's own columns,
    # so an ORDER BY expression (F("title").asc(nulls_first=True)) is refused with
    # OrderByFieldError rather than run.
    @unittest.expectedFailure
    def test_order_by_expression(self):
        return super().test_order_by_expression()
