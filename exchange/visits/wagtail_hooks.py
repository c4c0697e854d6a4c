"""Visits in the Wagtail admin: the coordinators' list of every visit, and the admin home's
requests that wait for a host."""

from django.db import transaction

from wagtail import hooks

from exchange.models import Visit
from exchange.visits import reminders
from exchange.visits.admin import VisitViewSet, WaitingForHostPanel


@hooks.register("register_admin_viewset")
def register_visits():
    return VisitViewSet()


@hooks.register("construct_homepage_panels")
def requests_waiting_for_host(request, panels):
    if request.user.has_perm("exchange.view_visit") and Visit.objects.waiting_for_host().exists():
        panels.append(WaitingForHostPanel())


@hooks.register("after_edit_user")
@hooks.register("after_delete_user")
@hooks.register("exchange_after_profile_change")  # exchange/membership/admin.py
def tell_when_hosts_change(request, instance):
    """A host deactivated, deleted or no longer hosting in the admin may have been their
    organisation's last: its open requests are told about at once (reminders.py)."""
    transaction.on_commit(reminders.tell_waiting_for_host, robust=True)
