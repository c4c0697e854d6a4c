from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from cms import plugins
from exchange.reports import evidence, views
from exchange.roles import CoordinatorsMenuItem


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("evaluation-report/", views.report, name="evaluation_report")]


@hooks.register("register_admin_menu_item")
def register_report_menu_item():
    return CoordinatorsMenuItem(
        _("Evaluation report"), reverse("evaluation_report"), icon_name="doc-full", order=280
    )


@hooks.register(plugins.PRACTICE_PAGE_SECTIONS, order=10)
def what_the_network_saw(request, practice) -> str:
    """The practice's evidence from the network's visits, made safe to publish."""
    return render_to_string(
        "exchange/reports/practice_evidence.html",
        {"evidence": evidence.practice_evidence(practice.translation_key)},
        request=request,
    )
