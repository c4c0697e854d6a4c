"""The network's roles. The groups and their permissions come from a data migration
(exchange/migrations/0003_roles.py); hosting is per organisation, a flag on the profile."""

from django.contrib.auth.models import Group, Permission

from wagtail.admin.menu import MenuItem

COORDINATORS = "Coordinators"
MEMBERS = "Members"


def is_coordinator(user) -> bool:
    """Asked once per user object (a request's user, a listing's rows ask it many times)."""
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_is_coordinator"):
        user._is_coordinator = user.groups.filter(name=COORDINATORS).exists()
    return user._is_coordinator


class CoordinatorsMenuItem(MenuItem):
    """An item of the admin's menu that only the coordinators see."""

    def is_shown(self, request):
        return is_coordinator(request.user)


def coordinators():
    """The active coordinators' accounts."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(groups__name=COORDINATORS, is_active=True)


def forget_cached_roles(sender, instance, **kwargs) -> None:
    """`user.groups.add(...)` and friends: the user object asks again (an m2m_changed handler;
    a group's `user_set` changes reach other user objects only when they are loaded anew, as
    with Django's own permission cache)."""
    instance.__dict__.pop("_is_coordinator", None)


def needs_mfa(user) -> bool:
    """Who must use a second factor: coordinators and anyone with admin access."""
    return user.is_staff or user.is_superuser or is_coordinator(user)


def make_member(user) -> None:
    user.groups.add(Group.objects.get(name=MEMBERS))


def let_members_propose_practices(sender, instance, created, raw=False, **kwargs):
    """A new library accepts members' proposals (drafts they submit for moderation) as the
    existing ones do."""
    if not created or raw:
        return
    from wagtail.models import GroupPagePermission

    GroupPagePermission.objects.get_or_create(
        group=Group.objects.get(name=MEMBERS),
        page=instance,
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="add_page"
        ),
    )
