"""The site's settings without the page cache, for bench/http_load.py: the library listing is
rendered on every request, from the data memos a running site keeps (cms/listing)."""

from config.settings import *  # noqa: F403
from config.settings import MIDDLEWARE

MIDDLEWARE = [name for name in MIDDLEWARE if name != "cms.page_cache.AnonymousPageCacheMiddleware"]
