"""The retention schedule in the admin menu, and what the platform does with personal data in
the privacy notice (a page of cms, which cannot import this package)."""

from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from cms import plugins
from exchange.personal_data import admin, retention
from exchange.roles import CoordinatorsMenuItem


@hooks.register("register_admin_urls")
def register_retention_urls():
    return [path("retention/", admin.retention_schedule, name="retention_schedule")]


@hooks.register("register_admin_menu_item")
def register_retention_menu_item():
    return CoordinatorsMenuItem(
        _("Retention"), reverse("retention_schedule"), icon_name="time", order=290
    )


@hooks.register(plugins.PRIVACY_NOTICE_FACTS)
def privacy_notice_facts(request) -> str:
    """What the platform holds, why, who reads it, what is encrypted, and for how long: facts
    of the code and the deployment's settings, so the notice cannot drift from them."""
    return render_to_string(
        "exchange/personal_data/privacy_facts.html",
        {"periods": retention.periods()},
        request=request,
    )
