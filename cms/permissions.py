"""Drafts are their authors' and the moderators' only. Wagtail lets anyone who may add pages
under the library explore every page there: its search, explorer, page API, chooser and site
history would show members another organisation's draft practice (title, slug, status). The
page permission policy below takes unpublished pages that a member did not create out of all
of them; whoever may publish (the coordinators) still sees every page, and a member sees the
drafts they were given the right to edit (say, a chapter they are invited to write)."""

from django.db.models import Q

from wagtail import hooks
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy


def sees_every_draft(policy: PagePermissionPolicy, user) -> bool:
    return user.is_superuser or policy.user_has_permission(user, "publish")


def others_drafts(user) -> Q:
    return Q(live=False) & ~Q(owner=user.pk)


class DraftsStayWithTheirAuthors(PagePermissionPolicy):
    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        if not user.is_active or sees_every_draft(self, user):
            return pages
        editable = self.instances_user_has_permission_for(user, "change").values("pk")
        return pages.exclude(others_drafts(user) & ~Q(pk__in=editable))


POLICY = DraftsStayWithTheirAuthors(Page)


def register() -> None:
    register_permission_policy(Page, POLICY)

    @hooks.register("construct_page_chooser_queryset")
    def choosers_show_no_others_drafts(pages, request):
        if sees_every_draft(POLICY, request.user):
            return pages
        return pages.exclude(others_drafts(request.user))
