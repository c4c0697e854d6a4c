"""The settings module reads its environment, and refuses to run insecurely."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db.backends.sqlite3.base import DatabaseWrapper

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRINT_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "DATABASE": settings.DATABASES["default"],
    "CACHE": settings.CACHES["default"]["BACKEND"],
    "CACHE_LOCATION": settings.CACHES["default"].get("LOCATION"),
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "EMAIL_HOST": settings.EMAIL_HOST,
    "EMAIL_PORT": settings.EMAIL_PORT,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    "SEARCH": settings.WAGTAILSEARCH_BACKENDS["default"],
}, default=str))
"""


def load_settings(
    script: str = PRINT_SETTINGS, *, setup: bool = False, **environ: str
) -> subprocess.CompletedProcess:
    """Import the settings in a fresh interpreter with exactly the given variables set, and run
    `script` there. Reading a setting imports the settings module as `django.setup()` does;
    `setup` loads the apps too (3 s where the settings take 0.2 s), for a script using models."""
    keep = {"PATH", "HOME", "LANG", "PYTHONPATH", "VIRTUAL_ENV"}
    env = {key: value for key, value in os.environ.items() if key in keep}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", **environ)
    prelude = "import django; django.setup()\n" if setup else ""
    return subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-c", prelude + script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_refuses_to_start_without_secret_key_when_debug_is_off():
    result = load_settings(DEBUG="false")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_mode_starts_without_secret_key():
    result = load_settings(DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["DEBUG"] is True


def test_the_search_results_memo_is_set_in_whole_seconds():
    script = "from django.conf import settings; print(settings.SEARCH_RESULTS_MEMO_S)"
    assert load_settings(script, DEBUG="true").stdout.strip() == "300"
    assert load_settings(script, DEBUG="true", SEARCH_RESULTS_MEMO_S="0").stdout.strip() == "0"
    for wrong in ("-5", "five", "1.5"):
        refused = load_settings(script, DEBUG="true", SEARCH_RESULTS_MEMO_S=wrong)
        assert refused.returncode != 0 and "SEARCH_RESULTS_MEMO_S" in refused.stderr, wrong


def test_embedded_defaults_need_no_service():
    result = load_settings(SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["DEBUG"] is False
    assert loaded["DATABASE"]["ENGINE"] == "django.db.backends.sqlite3"
    assert loaded["DATABASE"]["NAME"] == str(ROOT / "var" / "db.sqlite3")
    assert loaded["DATABASE"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    # Shared by every worker process (sign-in rate limits), with no service to run.
    assert loaded["CACHE"] == "django.core.cache.backends.db.DatabaseCache"
    assert loaded["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert loaded["MEDIA_ROOT"] == str(ROOT / "var" / "media")


def test_service_urls_switch_backends():
    result = load_settings(
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://exchange:secret@db.internal:5433/exchange",
        REDIS_URL="redis://cache.internal:6380/2",
        EMAIL_URL="smtp+tls://mailer:pw@smtp.internal:587",
        ALLOWED_HOSTS="exchange.example,www.exchange.example",
        MEDIA_ROOT="/srv/media",
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    database = loaded["DATABASE"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == (
        "db.internal",
        5433,
        "exchange",
    )
    assert "transaction_mode" not in database.get("OPTIONS", {})
    assert loaded["CACHE"] == "django.core.cache.backends.redis.RedisCache"
    assert loaded["CACHE_LOCATION"] == "redis://cache.internal:6380/2"
    assert loaded["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (loaded["EMAIL_HOST"], loaded["EMAIL_PORT"]) == ("smtp.internal", 587)
    assert loaded["ALLOWED_HOSTS"] == ["exchange.example", "www.exchange.example"]
    assert loaded["MEDIA_ROOT"] == "/srv/media"


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="the SQLite options apply only when DATABASE_URL is SQLite",
)
def test_sqlite_file_runs_in_wal_mode_with_immediate_transactions(tmp_path, django_db_blocker):
    # The test database is in memory, where WAL does not apply: open a file database instead.
    options = settings.DATABASES["default"]["OPTIONS"]
    wrapper = DatabaseWrapper(
        {**settings.DATABASES["default"], "NAME": str(tmp_path / "wal.sqlite3")}, alias="wal_check"
    )
    previous = os.umask(0o022)  # a common umask: files readable by everyone
    try:
        with django_db_blocker.unblock(), wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == options["timeout"] * 1000
            cursor.execute("CREATE TABLE written (n integer)")  # the WAL file holds it
        assert wrapper.transaction_mode == "IMMEDIATE"
        # The database and its WAL are the site's user's alone (cms/database.py).
        for name in ("wal.sqlite3", "wal.sqlite3-wal", "wal.sqlite3-shm"):
            assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600, name
    finally:
        os.umask(previous)
        wrapper.close()


def test_search_backend_is_chosen_by_the_environment():
    default = json.loads(load_settings(DEBUG="true").stdout)["SEARCH"]
    assert default["BACKEND"] == "modelsearch_whoosh"
    assert default["PATH"].endswith("var/search")
    database = json.loads(load_settings(DEBUG="true", SEARCH_BACKEND="database").stdout)
    assert database["SEARCH"] == {"BACKEND": "wagtail.search.backends.database"}
    cluster = json.loads(
        load_settings(
            DEBUG="true", SEARCH_BACKEND="opensearch3", SEARCH_URL="https://search.example.org:9200"
        ).stdout
    )["SEARCH"]
    assert cluster["BACKEND"] == "wagtail.search.backends.opensearch3"
    assert cluster["URLS"] == ["https://search.example.org:9200"]


def test_a_cluster_backend_without_its_client_installed_says_how_to_install_it():
    # As on a deployment installed from requirements/run.txt: the client cannot be imported.
    script = "import sys; sys.modules['opensearchpy'] = None\n" + PRINT_SETTINGS
    result = load_settings(
        script, DEBUG="true", SEARCH_BACKEND="opensearch3", SEARCH_URL="https://search.example.org"
    )
    assert result.returncode != 0
    assert "needs its client" in result.stderr and "make install-cluster" in result.stderr


def test_a_cluster_backend_needs_its_url_and_unknown_backends_are_refused():
    missing_url = load_settings(DEBUG="true", SEARCH_BACKEND="elasticsearch8")
    assert missing_url.returncode != 0 and "SEARCH_URL" in missing_url.stderr
    unknown = load_settings(DEBUG="true", SEARCH_BACKEND="solr")
    assert unknown.returncode != 0 and "is not one of whoosh, database" in unknown.stderr


PRODUCTION_CHECKS = """
import json
from pathlib import Path
from django.conf import settings
from django.contrib.auth import get_user_model
from exchange.personal_data import retention, services

paths = {
    "ERASURE_LOG": settings.ERASURE_LOG,
    "BACKUP_DIR": settings.BACKUP_DIR,
    "MEDIA_ROOT": settings.MEDIA_ROOT,
    "STATIC_ROOT": settings.STATIC_ROOT,
    "SEARCH_PATH": settings.WAGTAILSEARCH_BACKENDS["default"]["PATH"],
}
# What the code does with a path, as production runs it: the erasure log is written and read.
services._log_erasure(get_user_model()(pk=41, email="erased@demo.example"))
print(json.dumps({
    "types": {name: type(path).__name__ for name, path in paths.items()},
    "parents": {name: str(path.parent) for name, path in paths.items()},
    "erasure_log": Path(settings.ERASURE_LOG).read_text(),
    "logged_exists": settings.ERASURE_LOG.exists(),
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "CSRF_TRUSTED_ORIGINS": settings.CSRF_TRUSTED_ORIGINS,
    "REFLECTION_KEYS": settings.REFLECTION_KEYS,
    "BASE_URL": settings.BASE_URL,
    "EMAIL_HOST": settings.EMAIL_HOST,
    "CACHE_LOCATION": settings.CACHES["default"]["LOCATION"],
    "DATABASE": settings.DATABASES["default"]["NAME"],
    # The retention periods as the schedule reads them: whole days, to add to a date.
    "RETENTION": {kind.name: kind.days for kind in retention.KINDS},
    "RETENTION_WARNING_DAYS": settings.RETENTION_WARNING_DAYS,
    "SECRET_KEY_FALLBACKS": settings.SECRET_KEY_FALLBACKS,
}))
"""


def test_a_production_environment_gives_every_path_url_and_list_its_working_type(tmp_path):
    """Every setting that is a path, a URL or a list, parsed from the environment as a deployment
    parses it (no test override), and used as the code uses it."""
    result = load_settings(
        PRODUCTION_CHECKS,
        setup=True,
        SECRET_KEY="x" * 50,
        REFLECTION_KEYS="a2V5LW9uZS1mb3ItdGhlLXNldHRpbmdzLXRlc3QtMzI=, "
        "a2V5LXR3by1mb3ItdGhlLXNldHRpbmdzLXRlc3QtMzI=",
        ALLOWED_HOSTS="exchange.example.org, www.exchange.example.org",
        CSRF_TRUSTED_ORIGINS="https://exchange.example.org",
        BASE_URL="https://exchange.example.org/",
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        REDIS_URL="redis://127.0.0.1:6379/3",
        EMAIL_URL="smtp+tls://mailer:pw@smtp.example.org:587",
        ERASURE_LOG=str(tmp_path / "logs" / "erasures.jsonl"),
        BACKUP_DIR=str(tmp_path / "backups"),
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"),
        SEARCH_PATH=str(tmp_path / "search"),
        TASKS_BACKEND="database",
        LOG_FORMAT="json",
        HTTPS="true",
        RETENTION_REFLECTION_LOG_DAYS="400",
        RETENTION_WARNING_DAYS="14",
        SECRET_KEY_FALLBACKS="o" * 50 + ", " + "p" * 50,
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.splitlines()[-1])
    assert set(loaded["types"].values()) == {"PosixPath"}, loaded["types"]
    assert loaded["parents"]["ERASURE_LOG"] == str(tmp_path / "logs")
    assert loaded["logged_exists"] is True
    assert json.loads(loaded["erasure_log"])["user_id"] == 41
    assert loaded["ALLOWED_HOSTS"] == ["exchange.example.org", "www.exchange.example.org"]
    assert loaded["CSRF_TRUSTED_ORIGINS"] == ["https://exchange.example.org"]
    assert [len(key) for key in loaded["REFLECTION_KEYS"]] == [44, 44]
    assert loaded["BASE_URL"] == "https://exchange.example.org"
    assert loaded["EMAIL_HOST"] == "smtp.example.org"
    assert loaded["CACHE_LOCATION"] == "redis://127.0.0.1:6379/3"
    assert loaded["DATABASE"] == str(tmp_path / "site.sqlite3")
    assert loaded["RETENTION"]["reflectionentry"] == 400
    assert loaded["RETENTION"]["inactive_account"] == 3 * 365  # the default
    assert loaded["RETENTION_WARNING_DAYS"] == 14
    assert loaded["SECRET_KEY_FALLBACKS"] == ["o" * 50, "p" * 50]
