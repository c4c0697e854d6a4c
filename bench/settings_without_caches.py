"""The site's settings with every cache off, for bench/http_load.py's cold library listing: each
request renders as the first visitor after a change does (nothing memoised, no stored page)."""

from config.settings import *  # noqa: F403
from config.settings import MIDDLEWARE

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    "local": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
MIDDLEWARE = [name for name in MIDDLEWARE if name != "cms.page_cache.AnonymousPageCacheMiddleware"]
