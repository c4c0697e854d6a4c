"""Wagtail's site and page routes, remembered by each process until the site's content changes.

Wagtail finds a request's site and page anew on every request: a site query (whose match
ordering alone cost 1.7 ms to build) and a query or two per level of the page tree. Both depend
only on the host, the path, the language and the page tree, never on who asks, so they are kept
in this process's memo under the page cache's generation (cms/page_cache.py), which every saved
page, site or term replaces at its commit, in every process within a second. Wagtail reads them
from the request attributes it documents as its own per-request cache, which this middleware
fills before the view runs. View restrictions are still checked on every request.

What is kept is a copy taken when the route is found, before the page is served: whatever a
view later caches on the page object for one reader never reaches another.
"""

from django.core.cache import caches
from django.http import Http404
from django.utils.translation import get_language

from wagtail import views as wagtail_views
from wagtail.models import Site

from cms.locales import code_of
from cms.page_cache import TIMEOUT, version

NOT_KEPT = object()
# Never routed, and /health/ must answer 503, not fail, while the shared cache's database is down.
UNROUTED_PREFIXES = ("/health/", "/static/", "/media/")


def memo():
    return caches["local"]


def site_key(current: str, request) -> str:
    return f"route:site:{current}:{request._get_raw_host()}:{request.get_port()}"


def page_key(current: str, request) -> str:
    return f"route:page:{site_key(current, request)}:{get_language()}:{request.path}"


def find_route(request, path: str):
    """Wagtail's Page.route_for_request, from the home in the reader's language, without asking
    the database for their locale when the site's home is already in it."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    home = site.root_page
    if code_of(home.locale_id) != get_language():
        home = home.localized
    try:
        return home.specific.route(request, [part for part in path.split("/") if part])
    except Http404:
        return None


class RememberedRoutesMiddleware:
    """Last in MIDDLEWARE: the host is validated and the language chosen by then."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Read before anything is looked up: a route found while a change commits is kept
        # under the generation that change ended, so it is never used again.
        if request.path.startswith(UNROUTED_PREFIXES):
            return self.get_response(request)
        current = version()  # None inside a transaction that changed something
        if current is not None:
            request._remembered_routes = current
            site = memo().get(site_key(current, request), NOT_KEPT)
            if site is NOT_KEPT:
                memo().set(site_key(current, request), Site.find_for_request(request), TIMEOUT)
            else:
                request._wagtail_site = site
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_views.serve or request.method not in ("GET", "HEAD"):
            return None
        current = getattr(request, "_remembered_routes", None)
        if current is not None:
            found = memo().get(page_key(current, request))
            if found is not None:
                request._wagtail_route_for_request = found
                return None
        path = view_kwargs.get("path", view_args[0] if view_args else "")
        found = request._wagtail_route_for_request = find_route(request, path)
        # A page's own route only: a routable page's sub-route names one of its views, and a
        # path that found nothing is not worth a place in the memo.
        if current is not None and found is not None and not found.args and not found.kwargs:
            memo().set(page_key(current, request), found, TIMEOUT)
        return None
