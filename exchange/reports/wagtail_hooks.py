from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from exchange.coding.wagtail_hooks import CoordinatorsMenuItem
from exchange.reports import views


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("evaluation-report/", views.report, name="evaluation_report")]


@hooks.register("register_admin_menu_item")
def register_report_menu_item():
    return CoordinatorsMenuItem(
        _("Evaluation report"), reverse("evaluation_report"), icon_name="doc-full", order=280
    )
