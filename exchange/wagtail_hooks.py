from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from exchange import reminders
from exchange.admin_views import InvitationViewSet, ProfileViewSet
from exchange.admin_visits import VisitViewSet, WaitingForHostPanel
from exchange.models import Visit


@hooks.register("register_admin_viewset")
def register_invitations():
    return InvitationViewSet()


@hooks.register("register_admin_viewset")
def register_profiles():
    return ProfileViewSet()


@hooks.register("register_admin_viewset")
def register_visits():
    return VisitViewSet()


@hooks.register("construct_homepage_panels")
def requests_waiting_for_host(request, panels):
    if request.user.has_perm("exchange.view_visit") and Visit.objects.waiting_for_host().exists():
        panels.append(WaitingForHostPanel())


@hooks.register("after_edit_user")
@hooks.register("after_delete_user")
def tell_when_hosts_change(request, user):
    """A host deactivated or deleted in the admin's Users may have been their organisation's
    last: its open requests are told about at once (exchange/reminders.py)."""
    transaction.on_commit(reminders.tell_waiting_for_host, robust=True)


@hooks.register("organisation_page_members_only")
def contact_persons(request, organisation) -> str:
    """The organisation's members, for signed-in members; nothing at all for anyone else."""
    if not request.user.is_authenticated:
        return ""
    contacts = (
        organisation.member_profiles.filter(user__is_active=True)
        .select_related("user")
        .order_by("-hosts_visitors", "user__last_name", "user__first_name")
    )
    return render_to_string(
        "exchange/organisation_contacts.html", {"contacts": contacts}, request=request
    )


@hooks.register("register_log_actions")
def register_visit_actions(actions):
    """The visit workflow's steps, as they read in the audit log (exchange/visits.py)."""
    for action, label in [
        ("exchange.visit.propose", _("Visit: proposed")),
        ("exchange.visit.accept", _("Visit: accepted")),
        ("exchange.visit.decline", _("Visit: declined")),
        ("exchange.visit.agreement_edit", _("Visit: learning agreement edited")),
        ("exchange.visit.agreement_sign", _("Visit: learning agreement signed by one side")),
        ("exchange.visit.agree", _("Visit: learning agreement signed by both")),
        ("exchange.visit.amendment_propose", _("Visit: amendment proposed")),
        ("exchange.visit.amendment_confirm", _("Visit: amendment confirmed")),
        ("exchange.visit.agenda_add", _("Visit: agenda item added")),
        ("exchange.visit.agenda_remove", _("Visit: agenda item removed")),
        ("exchange.visit.schedule", _("Visit: scheduled")),
        ("exchange.visit.complete", _("Visit: completed")),
        ("exchange.visit.reflect", _("Visit: reflection handed in")),
        ("exchange.visit.cancel", _("Visit: cancelled")),
        ("exchange.application.withdraw", _("Application: withdrawn")),
    ]:
        actions.register_action(action, label, label)
