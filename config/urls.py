from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.http import Http404
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.defaults import page_not_found
from django.views.generic import RedirectView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views
from cms.health import health
from cms.languages import choose_language

urlpatterns = [
    # Browsers ask for /favicon.ico whatever the page says: send them to the icon.
    # Looked up when asked for: the hashed name exists only once `collectstatic` has run.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.svg"), permanent=True)),
    # One sign-in for the whole site: Wagtail's own login form would bypass allauth's e-mail
    # verification (and, later, its rate limits and MFA).
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailadmin_login",
    ),
    # Wagtail's page that raises an error on purpose, to try the error page: any member with
    # admin access could fill the error log with it.
    path("admin/failwhale/", page_not_found, {"exception": Http404()}),
    path("admin/", include(wagtailadmin_urls)),
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailcore_login",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("exchange.membership.account_urls")),
    path("accounts/", include("allauth.urls")),
    path("reports/", cms_views.report_list, name="report_list"),
    path("health/", health, name="health"),
    path("language/", choose_language, name="choose_language"),
    path("", include("exchange.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every path no pattern above has claimed: it must stay last. A page's address
# names its language (/de/..., /fr/...), English's none (cms/languages.py); so does the search's,
# so that a search from a German page searches as a German reader, cookie or not.
urlpatterns += i18n_patterns(
    path("search/", include("cms.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
