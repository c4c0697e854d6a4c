from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Public site")

    def ready(self) -> None:
        from cms import database, lookups, page_cache, permissions, signals
        from cms.background import jobs, schedule  # noqa: F401 - the site's jobs, the check
        from cms.search.whoosh_backend import checks  # noqa: F401 - registers the check

        database.connect()
        lookups.register()
        permissions.register()
        signals.connect()
        page_cache.connect()
