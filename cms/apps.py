from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Public site")

    def ready(self) -> None:
        from modelsearch_whoosh import checks  # noqa: F401 - registers the check

        from cms import database, lookups, page_cache, permissions, signals
        from cms.background import jobs, schedule  # noqa: F401 - the site's jobs, the check
        from cms.search import public  # noqa: F401 - tells the search backend what is public

        database.connect()
        lookups.register()
        permissions.register()
        signals.connect()
        page_cache.connect()
