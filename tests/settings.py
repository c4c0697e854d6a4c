"""The test run's settings: the site's own (config.settings), plus the test app of modelsearch's
upstream backend suite (tests/cms/search/test_upstream_backend_suite.py).

That app's models (books, authors, novels...) exist only in test databases. Its migrations
depend on the app label "modelsearch", which Wagtail installs as "wagtailsearch", so its tables
are made from the models directly. Its fixture is public test data kept beside the checkout, in
../shared/data/modelsearch/: a fresh clone has none, and the suite skips there with the reason.
"""

from config.settings import *  # noqa: F403
from config.settings import BASE_DIR, INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "modelsearch.test.testapp"]
MIGRATION_MODULES = {"searchtests": None}

UPSTREAM_SEARCH_FIXTURES = BASE_DIR.parent / "shared" / "data" / "modelsearch"
FIXTURE_DIRS = [UPSTREAM_SEARCH_FIXTURES]
