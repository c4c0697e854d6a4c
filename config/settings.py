"""Settings for the practice-exchange site.

One module for every deployment: each value comes from the environment, with embedded defaults
(SQLite, local-memory cache, console e-mail, files under ``var/``) that need no other service.
Every variable is documented in README.md and listed in ``.env.example``.
"""

import os
import tempfile
import warnings
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import environ
from csp.constants import NONCE, NONE, SELF

from config import search
from config.log_format import JSON_FORMATTER

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")


def env_path(name: str, default: Path) -> Path:
    """A path from the environment as a pathlib.Path: django-environ's own `env.path()` returns
    a Path type of its own, without `.parent` or `.exists()`, which the code calls."""
    return Path(env.str(name, default=str(default)))


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list, each item stripped ("a, b" is two hosts, not "a" and " b")."""
    return [item.strip() for item in env.list(name, default=default) if item.strip()]


# --- Core -------------------------------------------------------------------------------------

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. It is required when DEBUG is off: set SECRET_KEY to a long "
            "random string (see .env.example), or set DEBUG=true for local development."
        )
    # Development only: a fixed key keeps sessions valid across runserver restarts.
    SECRET_KEY = "insecure-development-key-never-used-when-debug-is-off"  # noqa: S105
# After a rotation, the old key here keeps what it signed valid (sessions, the unsubscribe
# links in e-mails already sent) while SECRET_KEY signs everything new.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", default=[])

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])

# The public address of the site, used in e-mails and Wagtail admin notifications.
BASE_URL = env.str("BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = BASE_URL

INSTALLED_APPS = [
    "demo",
    "matching",
    "exchange",
    "cms",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    # Content in each language: a page or term is copied into another locale's tree, then
    # translated there (Wagtail's own, ready for Wagtail 8).
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "django_countries",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",  # allauth's sessions page
]

MIDDLEWARE = [
    # Public pages for visitors without a session, as they left the middleware below (headers
    # included): before anything else runs.
    "cms.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files straight from the WSGI server, before sessions and the database are touched.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The interface's language, once sign-in is known (a member's saved choice comes first).
    "cms.languages.ChosenLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "exchange.middleware.RequireMFAMiddleware",
    "exchange.middleware.PrivateWhenSignedInMiddleware",
    "cms.middleware.IncompleteAdminFormMiddleware",
    "cms.middleware.ProtectedDeleteMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # The request's site and page, found once per content generation (cms/routes.py): last,
    # when the host has been validated.
    "cms.routes.RememberedRoutesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cms.navigation.site_sections",
                "exchange.notifications.context.unread",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
# Each process keeps its connection between requests: opening one cost more than rendering an
# uncached library page (SQLite reads the whole schema again; PostgreSQL forks a backend).
# The health check replaces a connection the database closed, before the request uses it.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock when a
    # transaction starts, so two writers queue on the busy timeout instead of one failing
    # half-way with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
            ),
        }
    )
    # Tests run on a file too, not Django's shared in-memory database: its table locks fail at
    # once instead of waiting, so concurrency tests would not test what production does. One
    # file per test process: two runs at once never share (or delete) each other's database.
    TEST_DATABASE = Path(tempfile.gettempdir()) / f"practice-exchange-test-{os.getpid()}.sqlite3"
    DATABASES["default"].setdefault("TEST", {}).setdefault("NAME", str(TEST_DATABASE))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, tasks -----------------------------------------------------------------------------

# "default" is shared by every worker process: allauth's rate limits count there, and the
# library's version token lives there. A database table by default (`createcachetable`), Redis
# when REDIS_URL is set. "local" is a per-process memo of what is derived from the database,
# always keyed by that shared version token, so no process serves it past a change.
if env.str("REDIS_URL", default=""):
    CACHES = {"default": env.cache_url("REDIS_URL")}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cache",
            # Whole public pages live here too (cms/page_cache.py): room for a busy library.
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }
CACHES["local"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    # Room for every card of a busy library in a language or two (cms/listing/cards.py), the
    # routes of its pages (cms/routes.py), and its counts.
    "OPTIONS": {"MAX_ENTRIES": 5_000},
}

# Background work (matching runs, e-mails, PDFs, the schedule): run at once inside the request
# by default, which needs no other process; with TASKS_BACKEND=database a queue in the database,
# emptied by `manage.py worker` (README "Production"), which also runs the schedule below.
TASKS_BACKEND = env.str("TASKS_BACKEND", default="immediate")
if TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
elif TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
else:
    raise ImproperlyConfigured(f"TASKS_BACKEND={TASKS_BACKEND!r} is not one of immediate, database")

# Jobs run at a set time by the worker (cms/background/schedule.py): each slot at most once,
# however many workers run. "every" is minutes; "daily" is a local time (TIME_ZONE).
# When each @scheduled task runs (cms/background/schedule.py): every N minutes or daily at HH:MM.
SCHEDULE = {
    # Deleted and edited pages' old text leaves the search index's files within this bound.
    "purge-search-index": {"every": 15},
    # Visits, reflection logs (follow-ups included) and surveys: reminders and openings.
    "send-reminders": {"daily": env.str("REMINDERS_AT", default="07:00")},
    # Finished task results are kept a week for the admin, then deleted.
    "prune-task-results": {"daily": "03:30"},
    # The retention schedule: owners warned, then what is due deleted or erased.
    "apply-retention": {"daily": env.str("RETENTION_AT", default="04:00")},
    # Notification digests: each person's when NOTIFICATION_DIGEST_AT comes in their time zone.
    "send-digests": {"every": 15},
}
# The local time (each person's own time zone) at which daily and weekly (Monday) digests leave.
NOTIFICATION_DIGEST_AT = env.str("NOTIFICATION_DIGEST_AT", default="07:00")

# --- E-mail -----------------------------------------------------------------------------------

# EMAIL_URL expands to EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, ... (django-environ's documented use).
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
if TASKS_BACKEND == "database":
    # Sending leaves the request: the message is queued and the worker hands it to the backend
    # EMAIL_URL chose (exchange/mail.py).
    QUEUED_EMAIL_BACKEND = vars()["EMAIL_BACKEND"]
    EMAIL_BACKEND = "exchange.mail.QueuedEmailBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Practice Exchange <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Accounts ---------------------------------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
# Signing in lands on the dashboard, which greets the member and says what to do next (the home
# page is the public's way in). A link that asked for sign-in (?next=) is followed instead.
LOGIN_REDIRECT_URL = "dashboard"
# A new member's first page says what to do first (exchange/visits/onboarding.py).
ACCOUNT_SIGNUP_REDIRECT_URL = "/welcome/"
ACCOUNT_ADAPTER = "exchange.membership.adapters.AccountAdapter"
ACCOUNT_USER_DISPLAY = "exchange.membership.adapters.user_display"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = "strict"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_SESSION_REMEMBER = False
# A signed-in member without admin access whom the admin sends to sign in must see the form (and
# the admin's "no permission" message), not be bounced back to the admin in a redirect loop.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Practice Exchange] "
ACCOUNT_FORMS = {"signup": "exchange.membership.forms.InvitedSignupForm"}
# A new address on an existing account is confirmed with a code, not a link.
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
# Before a sensitive action (export, deletion, second-factor changes) a member confirms with the
# password or a second factor. allauth 65.22 also offers a code by e-mail: not here, since whoever
# reads the mailbox would then be able to download or delete the account.
ACCOUNT_REAUTHENTICATION_METHODS = ("password", "mfa")
# Counted in the shared cache (CACHES["default"]), so the limits hold across worker processes:
# the sixth failed sign-in for one account within five minutes is refused (429).
# allauth's other limits (sign-up, password reset...) keep their defaults.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
# Behind a reverse proxy every request comes from the proxy's address: the limits "per address"
# would then lock everyone out at once. Set this to the number of proxies you run in front of
# the site (each appends to X-Forwarded-For), and the client's address is read from that header,
# at the position your own proxies wrote (a client cannot forge it). 0 (the default): no proxy,
# REMOTE_ADDR is the client. See FORWARDED_ALLOW_IPS (gunicorn) beside it.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Second factors: an authenticator app (TOTP) or a security key / passkey (WebAuthn), with
# recovery codes. Coordinators and staff must have one (exchange.middleware.RequireMFAMiddleware).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Practice Exchange"
# Their secrets are encrypted with REFLECTION_KEYS (allauth keeps them in the clear by default).
MFA_ADAPTER = "exchange.membership.adapters.MFAAdapter"
# WebAuthn needs HTTPS, except on a developer's own machine (DEBUG on http://127.0.0.1).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
# Days an invitation link stays valid; a resend starts the period again.
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=14)
# Erased accounts, one JSON line each, kept outside the database so that a restored backup can
# be erased again (manage.py replay_erasures). Back it up separately from the database.
ERASURE_LOG = env_path("ERASURE_LOG", VAR_DIR / "erasures.jsonl")
# How long each kind of personal data is kept, in days (exchange/personal_data/retention.py,
# shown in the privacy notice); its owner is told RETENTION_WARNING_DAYS before it goes.
RETENTION_DAYS = {
    "inactive_account": env.int("RETENTION_INACTIVE_ACCOUNT_DAYS", default=3 * 365),
    "reflectionentry": env.int("RETENTION_REFLECTION_LOG_DAYS", default=5 * 365),
    "visitmessage": env.int("RETENTION_VISIT_MESSAGES_DAYS", default=2 * 365),
    "surveyresponse": env.int("RETENTION_SURVEY_ANSWERS_DAYS", default=5 * 365),
    "take_home": env.int("RETENTION_TAKE_HOME_DAYS", default=5 * 365),
    "notification": env.int("RETENTION_NOTIFICATIONS_DAYS", default=365),
    "sessions": env.int("RETENTION_SESSIONS_DAYS", default=365),
}
RETENTION_WARNING_DAYS = env.int("RETENTION_WARNING_DAYS", default=30)
# `manage.py backup` writes here: the database, the media, the erasure log, the key identifiers
# (exchange/backups/services.py). Keep it off the served folders; copy it to another machine.
BACKUP_DIR = env_path("BACKUP_DIR", VAR_DIR / "backups")

# Private text (every EncryptedTextField) and second-factor secrets are encrypted at rest
# (exchange/encryption.py) with these Fernet keys: the first encrypts, every one decrypts. To
# rotate: put a new key first, run `manage.py rotate_encryption_keys`, then drop the old one.
# Required when DEBUG is off (a system check refuses to start without it); in development a key
# is made under var/ on first use.
REFLECTION_KEYS = env_list("REFLECTION_KEYS", default=[])
REFLECTION_DEVELOPMENT_KEY = VAR_DIR / "reflection.key"
# The follow-up reflection opens this many months after the visit's last day.
REFLECTION_FOLLOW_UP_MONTHS = env.int("REFLECTION_FOLLOW_UP_MONTHS", default=3)

# --- Internationalisation ---------------------------------------------------------------------

LANGUAGE_CODE = "en"
# The interface in each (locale/*/LC_MESSAGES, compiled by `make install`); the names in their own
# language, as the switcher shows them.
LANGUAGES = [("en", "English"), ("de", "Deutsch"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Each language's own date formats (German "4. Mai 2026"); English's as written in Europe.
FORMAT_MODULE_PATH = ["config.formats"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

# --- Static and media files -------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = env_path("STATIC_ROOT", VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env_path("MEDIA_ROOT", VAR_DIR / "media")
# Production (STATIC_MANIFEST=true, after `collectstatic`): file names carry a hash of their
# content, so WhiteNoise serves them compressed, immutable and cacheable for ten years.
STATIC_MANIFEST = env.bool("STATIC_MANIFEST", default=False)
if not STATIC_MANIFEST:
    # Without `collectstatic`, WhiteNoise serves the files from where they are, and the
    # collected folder it would also look in does not exist: not worth a warning.
    WHITENOISE_USE_FINDERS = True
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Security ---------------------------------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail's admin shows page previews in a same-origin frame, so DENY would break editing.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
# No script, style, frame or connection from anywhere but the site itself, and no inline script
# or style without the response's nonce (the templates have none). Wagtail's admin runs inline
# scripts of its own, so it keeps the browser's defaults behind its sign-in.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Behind HTTPS (HTTPS=true) cookies travel only over TLS and browsers are told to stay on it.
if env.bool("HTTPS", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 30)
    # Only the deployment knows whether every subdomain is on HTTPS too.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    # Said by the deployment, not forgotten: `check --deploy` need not warn about them.
    if not SECURE_HSTS_INCLUDE_SUBDOMAINS:
        SILENCED_SYSTEM_CHECKS.append("security.W005")
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS.append("security.W021")

# --- Wagtail ----------------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Practice Exchange"
# The admin signs in through allauth, so e-mail verification applies there too.
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
# Private pages and documents send visitors to the same sign-in (Wagtail's own would skip
# allauth's rate limits and second factor).
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
# Members' addresses must not leak to outside services: no Gravatar, no update pings.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Pages and the taxonomy exist in each of the interface's languages (one locale each). A page's
# address names its language after the first (/de/..., /fr/...); English has no prefix, so the
# addresses from before content was translated still work (config/urls.py).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

# Search: a Whoosh index on local disk by default (packages/modelsearch-whoosh/); one host only.
# Past that, SEARCH_BACKEND=elasticsearch8 (or opensearch3...) with SEARCH_URL moves it to a
# cluster, and SEARCH_BACKEND=database uses Wagtail's database backend. Run `manage.py
# update_index` after a switch.
SEARCH_BACKEND = env.str("SEARCH_BACKEND", default="whoosh")
WAGTAILSEARCH_BACKENDS = {
    "default": search.backend(
        SEARCH_BACKEND,
        path=env_path("SEARCH_PATH", VAR_DIR / "search"),
        urls=env_list("SEARCH_URL", default=[]),
        index_prefix=env.str("SEARCH_INDEX_PREFIX", default="exchange_"),
    )
}
# The languages the Whoosh backend reads each in its own way (stop words, stemmer): the content's.
MODELSEARCH_WHOOSH_LANGUAGES = [code for code, _name in LANGUAGES]
# German compounds are also read as their parts ("Telefonberatung": "Telefon", "Beratung").
MODELSEARCH_WHOOSH_COMPOUND_WORDS = search.compound_word_lists()
# A search repeated before anything public changes is answered from each process's memo for up
# to this many seconds (the words typed kept only as a digest); 0: every search runs.
SEARCH_RESULTS_MEMO_S = search.memo_seconds(env.str("SEARCH_RESULTS_MEMO_S", default="300"))

# A caching proxy or CDN in front of the site (Varnish, nginx...): the pages a withdrawn quote
# leaves are purged from it in the same request (PURGE requests to this address).
if FRONTEND_CACHE_PURGE_URL := env.str("FRONTEND_CACHE_PURGE_URL", default=""):
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Practice library -------------------------------------------------------------------------

# A practice not reviewed for this many years is shown as archived and hidden from the library.
PRACTICE_ARCHIVE_AFTER_YEARS = env.int("PRACTICE_ARCHIVE_AFTER_YEARS", default=3)

# Kosovo has no ISO 3166 code yet; XK is the user-assigned code the EU and others use.
COUNTRIES_OVERRIDE = {"XK": "Kosovo"}

# --- Logging ----------------------------------------------------------------------------------

# LOG_FORMAT=json: one JSON object per line (time, level, logger, message), for a log collector.
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r} is not one of text, json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": JSON_FORMATTER,
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# --- Error reports ----------------------------------------------------------------------------

# Optional: errors go to Sentry (or a compatible service) when SENTRY_DSN is set, stripped of
# personal data, reflection text and request bodies first (config/error_reports.py).
if SENTRY_DSN := env.str("SENTRY_DSN", default=""):
    from config import error_reports

    error_reports.start(dsn=SENTRY_DSN, environment=env.str("SENTRY_ENVIRONMENT", default=""))
