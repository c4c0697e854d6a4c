"""modelsearch's own bare test settings (its test app, no Wagtail), with this backend.

The fixture upstream's BackendTests load (`search.json`) is not in the modelsearch wheel: it is
read from MODELSEARCH_FIXTURES, by default the project's ../shared/data/modelsearch/.
"""

import os
import tempfile
from pathlib import Path

SECRET_KEY = "modelsearch-whoosh-tests-only"
DEBUG = False
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en-gb"
INSTALLED_APPS = [
    "modelsearch.test.testapp",
    "modelsearch",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

REPOSITORY = Path(__file__).resolve().parents[3]
MODELSEARCH_FIXTURES = Path(
    os.environ.get("MODELSEARCH_FIXTURES", REPOSITORY.parent / "shared" / "data" / "modelsearch")
)
FIXTURE_DIRS = [MODELSEARCH_FIXTURES]

MODELSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "modelsearch_whoosh",
        "PATH": tempfile.mkdtemp(prefix="modelsearch-whoosh-tests-"),
    }
}
