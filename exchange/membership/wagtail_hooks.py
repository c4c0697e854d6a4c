"""Membership in the Wagtail admin and on the public pages: the coordinators' invitations and
profiles, and an organisation's contact persons for signed-in members."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail import hooks

from cms import plugins
from exchange.membership.admin import InvitationViewSet, ProfileViewSet
from exchange.membership.models import Invitation


@hooks.register("register_admin_viewset")
def register_invitations():
    return InvitationViewSet()


@hooks.register("register_admin_viewset")
def register_profiles():
    return ProfileViewSet()


@hooks.register(plugins.ORGANISATION_PAGE_MEMBERS_ONLY)
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
        "exchange/membership/organisation_contacts.html", {"contacts": contacts}, request=request
    )


@hooks.register(plugins.COORDINATOR_HOME_ROWS)
def invitations_pending(request) -> list[dict]:
    return [
        {
            "label": _("Invitations not yet accepted"),
            "count": Invitation.objects.usable().count(),
            "url": reverse("exchange_invitation:index"),
            "order": 50,
        }
    ]
