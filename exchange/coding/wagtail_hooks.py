from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from cms import plugins
from exchange.coding import urls
from exchange.coding.admin import ThemeViewSet
from exchange.excerpts.models import consented
from exchange.roles import CoordinatorsMenuItem


@hooks.register("register_admin_urls")
def register_coding_urls():
    return [path("coding/", include(urls))]


@hooks.register("register_admin_menu_item")
def register_coding_menu_item():
    return CoordinatorsMenuItem(
        _("Coding"), reverse("coding:workbench"), icon_name="openquote", order=277
    )


@hooks.register("register_admin_viewset")
def register_themes():
    return ThemeViewSet()


@hooks.register(plugins.COORDINATOR_HOME_ROWS)
def excerpts_to_code(request) -> list[dict]:
    """Excerpts with consent to their text that nobody has coded yet."""
    waiting = consented().filter(coded_spans__isnull=True).count()
    return [
        {
            "label": _("Excerpts waiting to be coded"),
            "count": waiting,
            "url": reverse("coding:workbench"),
            "order": 30,
        }
    ]
