from wagtail import hooks

from exchange.admin_views import InvitationViewSet


@hooks.register("register_admin_viewset")
def register_invitations():
    return InvitationViewSet()
