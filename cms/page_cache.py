"""Whole pages for visitors who are not signed in, kept in the shared cache.

Most of the site's traffic is the public reading the library: the same pages for everyone
without a session. Such a page is rendered once and then served from the shared cache (Redis, or
the database's cache table), and from each process's memory of its recent pages, before any
other middleware runs: no session, user or page tree is read. The stored response already
carries the security headers the middleware below added.

What is never stored: a request with a session or messages cookie (a member, or a visitor with
a message waiting), anything but GET and HEAD, the admin, accounts, documents, search results
and the health check, and any response that is not a 200, sets a cookie (a form's CSRF token,
a session), or says it is private or not to be stored. What is stored expires after `TIMEOUT`,
and sooner: every saved or deleted object other than the private, busy ones below starts a new
generation at its commit, and pages of an earlier generation are never served
again. A withdrawn quote, an unpublished page, a changed term: gone from the cache as soon as
its transaction commits, within `GENERATION_MEMO_S` in every process.
"""

import hashlib
import threading
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import connection, transaction
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_migrate,
)
from django.http import HttpResponse

from cms.languages import request_language

TIMEOUT = 5 * 60
GENERATION_KEY = "pages:generation"
# Each process reads the generation from the shared cache at most this often.
GENERATION_MEMO_S = 1
# /search/: what a visitor typed is never kept, not even in a cached page that repeats it.
NEVER_CACHED_PREFIXES = (
    "/admin/",
    "/accounts/",
    "/documents/",
    "/health/",
    "/media/",
    "/search/",
    "/static/",
)
# Saved often, never shown to the public: they leave the generation alone.
PRIVATE_BUSY_MODELS = {
    "sessions.session",
    "usersessions.usersession",
    "django_tasks_database.dbtaskresult",
    "cms.scheduledrun",
    "exchange.reflectionentry",
    "exchange.entryversion",
    "exchange.entryshare",
    "exchange.remindersent",
    "exchange.calendarfeed",
    "exchange.visitmessage",
    "exchange.invitation",
    "exchange.surveyresponse",  # the public report shows figures frozen when it was published
    "exchange.surveyanswer",
    "exchange.entryread",
    "exchange.notification",
    "exchange.notificationchoice",
    "exchange.digestsent",
    "account.emailconfirmation",
    "wagtailcore.editingsession",
    "wagtailcore.referenceindex",
    "wagtailcore.revision",  # a draft; publishing saves the page itself
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailsearch.indexentry",
}


def generation() -> str:
    memo = caches["local"]
    current = memo.get(GENERATION_KEY)
    if current is None:
        current = caches["default"].get_or_set(GENERATION_KEY, lambda: uuid.uuid4().hex, None)
        memo.set(GENERATION_KEY, current, GENERATION_MEMO_S)
    return current


def start_new_generation() -> None:
    caches["default"].set(GENERATION_KEY, uuid.uuid4().hex, None)
    caches["local"].delete(GENERATION_KEY)


class Migrations:
    """Whether `migrate` is running: its data migrations save objects before the cache's table
    exists (it is made after them). Pages stored before a migration expire after TIMEOUT."""

    running = False

    @classmethod
    def started(cls, **kwargs) -> None:
        cls.running = True

    @classmethod
    def finished(cls, **kwargs) -> None:
        cls.running = False


class LocalState:
    """What this process knows that the shared generation does not yet say.

    `settings` counts settings changed at run time (a test's override: pages render from
    settings too; fixed in production). `unsaved` is set when a change is saved inside a
    transaction that has not committed: its generation starts at the commit (writing the
    shared cache inside the transaction would make every writer wait on one row, and deadlock
    on PostgreSQL), so until then this process neither serves nor stores a stored page."""

    settings = 0
    unsaved = False

    @classmethod
    def settings_changed(cls, **kwargs) -> None:
        cls.settings += 1


def version() -> str | None:
    """The version stored pages are looked up under now; None when none may be used."""
    if LocalState.unsaved:
        if connection.in_atomic_block:
            return None
        LocalState.unsaved = False  # committed (the generation moved on) or rolled back
    return f"{generation()}:{LocalState.settings}"


def on_change(sender, update_fields=None, **kwargs) -> None:
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # a sign-in
    if Migrations.running or sender._meta.label_lower in PRIVATE_BUSY_MODELS:
        return
    if connection.in_atomic_block:
        LocalState.unsaved = True
        transaction.on_commit(start_new_generation, robust=True)
    else:
        start_new_generation()


def connect() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(on_change, dispatch_uid=f"page-cache-{id(signal)}")
    pre_migrate.connect(Migrations.started, dispatch_uid="page-cache-pre-migrate")
    setting_changed.connect(LocalState.settings_changed, dispatch_uid="page-cache-settings")
    post_migrate.connect(Migrations.finished, dispatch_uid="page-cache-post-migrate")


def is_cacheable_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(NEVER_CACHED_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def is_storable(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        # A nonce is for one response only: a page that used one is never replayed.
        and "'nonce-" not in response.get("Content-Security-Policy", "")
    )


class RecentPages:
    """This process's most recently served pages, in front of the shared cache: a hit costs no
    round trip and no unpickling. Keys carry the generation, so an old page is never found; it
    just ages out."""

    def __init__(self, size: int):
        self.size = size
        self.pages: OrderedDict[str, tuple] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> tuple | None:
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def put(self, key: str, page: tuple) -> None:
        with self.lock:
            self.pages[key] = page
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)


recent_pages = RecentPages(size=500)


def stored(response) -> tuple:
    return (response.status_code, list(response.items()), response.content)


def response_from(page: tuple) -> HttpResponse:
    status, headers, content = page
    return HttpResponse(content, status=status, headers=dict(headers))


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        # The generation is read before the page is: a page rendered while a change commits is
        # stored under the generation that change ended.
        current = version()
        if current is None:
            return self.get_response(request)
        address = request.build_absolute_uri().encode()
        # The reader's language (the switcher's cookie, else the browser's): the same address
        # reads differently in each.
        language = request_language(request)
        key = f"page:{current}:{language}:{request.method}:{hashlib.sha256(address).hexdigest()}"
        page = recent_pages.get(key)
        if page is None:
            page = caches["default"].get(key)
            if page is not None:
                recent_pages.put(key, page)
        if page is not None:
            return response_from(page)
        response = self.get_response(request)
        if is_storable(response):
            page = stored(response)
            caches["default"].set(key, page, TIMEOUT)
            recent_pages.put(key, page)
        return response
