"""The test run's settings: the site's own (config.settings), plus the test app of modelsearch's
upstream backend suite (tests/cms/search/test_upstream_backend_suite.py).

That app's models (books, authors, novels...) exist only in test databases. Its migrations
depend on the app label "modelsearch", which Wagtail installs as "wagtailsearch", so its tables
are made from the models directly. Its fixture is public test data kept beside the checkout, in
../shared/data/modelsearch/: a fresh clone has none, and the suite skips there with the reason.
"""

from django.conf import global_settings

from cryptography.fernet import Fernet

from config.settings import *  # noqa: F403
from config.settings import BASE_DIR, INSTALLED_APPS, WAGTAILSEARCH_BACKENDS

INSTALLED_APPS = [*INSTALLED_APPS, "modelsearch.test.testapp"]
MIGRATION_MODULES = {"searchtests": None}

UPSTREAM_SEARCH_FIXTURES = BASE_DIR.parent / "shared" / "data" / "modelsearch"
FIXTURE_DIRS = [UPSTREAM_SEARCH_FIXTURES]

# Pages and records are not indexed as they are saved, as in Wagtail's own test settings: the
# tests about search, the index's privacy and withdrawal turn it on with the `search_index`
# fixture (tests/conftest.py).
WAGTAILSEARCH_BACKENDS = {"default": {**WAGTAILSEARCH_BACKENDS["default"], "AUTO_UPDATE": False}}

# WhiteNoise looks a static file up when it is asked for, as in development, instead of listing
# every file of every app when its middleware starts: the test client starts the middleware
# again for each client, and the listing cost 57 ms each time (a third of the access matrix).
WHITENOISE_AUTOREFRESH = True

# A real Fernet key for the test run, new in each test process (DEBUG is off, as in production,
# where one is required).
REFLECTION_KEYS = [Fernet.generate_key().decode()]

# Passwords are hashed with a fast hasher, as Django's documentation advises for tests: the
# production hasher (PBKDF2, a quarter of a second on purpose) made each sign-in of the suite
# cost that much. Hashes of the production hasher still verify (it comes second).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    *global_settings.PASSWORD_HASHERS,
]
