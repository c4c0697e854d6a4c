"""The coordinator's invitations in the Wagtail admin: invite one address or a CSV list, see
each invitation's state, resend or revoke it. Invitations are never edited: revoke and invite
again."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cms.choosers import PageChoiceField
from cms.models import OrganisationPage
from exchange.membership import services as invitations
from exchange.membership.models import Invitation, Profile


class InvitationForm(WagtailAdminModelForm):
    organisation = PageChoiceField(
        OrganisationPage.objects.all(), label=gettext_lazy("Organisation")
    )

    class Meta:
        model = Invitation
        fields = ["email", "organisation"]

    def clean_email(self):
        email = invitations.normalise(self.cleaned_data["email"])
        if problem := invitations.refusal(email):
            raise forms.ValidationError(_("This address %(problem)s.") % {"problem": problem})
        return email


class InvitationCreateView(generic.CreateView):
    def save_instance(self):
        return invitations.invite(
            self.form.cleaned_data["email"],
            self.form.cleaned_data["organisation"],
            invited_by=self.request.user,
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except invitations.InvitationError as error:  # lost a race with another coordinator
            form.add_error(None, str(error))
            return self.form_invalid(form)

    def get_success_message(self, instance):
        return _("Invitation sent to %(email)s.") % {"email": instance.email}

    def get_success_url(self):
        return reverse(self.index_url_name)


class InvitationIndexView(generic.IndexView):
    def get_edit_url(self, instance):
        return self.get_inspect_url(instance)

    @property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.permission_policy.user_has_permission(self.request.user, "add"):
            buttons.append(
                HeaderButton(
                    _("Invite from a CSV file"),
                    url=reverse("exchange_invitation:import"),
                    icon_name="upload",
                )
            )
        return buttons


class InvitationInspectView(generic.InspectView):
    template_name = "exchange/membership/admin/invitation_inspect.html"

    def get_fields(self):
        return [
            "email",
            "organisation",
            "invited_by",
            "created_at",
            "sent_at",
            "times_sent",
            "expires_at",
            "accepted_at",
            "revoked_at",
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        can_change = self.permission_policy.user_has_permission(self.request.user, "change")
        context.update(
            state=self.object.get_state_display(),
            can_resend_or_revoke=can_change and self.object.is_open,
        )
        return context


class InvitationEditView(View):
    """Invitations are not edited; the admin's edit links lead to the invitation's page."""

    def dispatch(self, request, pk):
        return redirect("exchange_invitation:inspect", pk)


class InvitationOperationView(generic.PermissionCheckedMixin, generic.base.BaseOperationView):
    """POST only: resend or revoke, for a coordinator allowed to change invitations."""

    model = Invitation
    permission_required = "change"
    operation = None
    success_url_name = "exchange_invitation:inspect"
    http_method_names = ["post"]

    def perform_operation(self):
        self.object = self.operation(self.object, user=self.request.user)

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except invitations.InvitationError as error:
            messages.error(request, str(error))
            return redirect(self.get_success_url())


class ResendView(InvitationOperationView):
    operation = staticmethod(invitations.resend)

    def get_success_message(self):
        return _("A new link was sent to %(email)s; the previous one no longer works.") % {
            "email": self.object.email
        }


class RevokeView(InvitationOperationView):
    operation = staticmethod(invitations.revoke)

    def get_success_message(self):
        return _("The invitation for %(email)s is revoked.") % {"email": self.object.email}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "A header row, then one address per row: columns “email” and “organisation” (its "
            "name or slug; leave the column out to use the organisation chosen below)."
        ),
    )
    organisation = PageChoiceField(
        OrganisationPage.objects.all(),
        required=False,
        label=gettext_lazy("Organisation for rows without one"),
    )

    MAX_BYTES = 1_000_000


class ImportView(generic.PermissionCheckedMixin, generic.base.WagtailAdminTemplateMixin, FormView):
    """Upload a CSV of addresses: every row is checked first, and either all are invited or,
    if a row has a problem, none, with the rows and their problems shown."""

    model = Invitation
    permission_required = "add"
    form_class = ImportForm
    template_name = "exchange/membership/admin/invitation_import.html"
    page_title = gettext_lazy("Invite from a CSV file")
    header_icon = "mail"

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("exchange_invitation:index"), "label": _("Invitations")},
            {"url": "", "label": self.page_title},
        ]

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        if upload.size > ImportForm.MAX_BYTES:
            form.add_error("file", _("The file is larger than 1 MB."))
            return self.form_invalid(form)
        rows = None
        try:
            rows = invitations.read_csv(upload.read(), form.cleaned_data["organisation"])
            sent = invitations.invite_rows(rows, invited_by=self.request.user)
        except invitations.InvitationError as error:
            form.add_error(None, str(error))
            return self.render_to_response(self.get_context_data(form=form, rows=rows))
        messages.success(self.request, _("%(count)d invitations sent.") % {"count": len(sent)})
        return redirect("exchange_invitation:index")


def expiry(invitation: Invitation) -> str:
    """The date, and how long is left ("1 week, 6 days": one unit alone reads "1 week" for 13
    days). Wagtail's DateColumn says how long ago a date was, and reads "Just now" for any date
    still to come."""
    expires_at = invitation.expires_at
    when = date_format(timezone.localtime(expires_at), "SHORT_DATE_FORMAT")
    if expires_at <= timezone.now():
        return _("%(date)s (expired)") % {"date": when}
    return _("%(date)s (in %(left)s)") % {"date": when, "left": timeuntil(expires_at, depth=2)}


class InvitationViewSet(ModelViewSet):
    model = Invitation
    name = "invitations"
    url_namespace = "exchange_invitation"
    form_fields = ["email", "organisation"]
    icon = "mail"
    menu_label = gettext_lazy("Invitations")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = InvitationIndexView
    add_view_class = InvitationCreateView
    inspect_view_class = InvitationInspectView
    list_display = [
        "email",
        "organisation",
        Column("state", label=gettext_lazy("State"), accessor="get_state_display"),
        DateColumn("sent_at", label=gettext_lazy("Last sent")),
        Column("expires_at", label=gettext_lazy("Expires"), accessor=expiry),
    ]
    list_filter = ["organisation"]
    search_fields = ["email"]
    search_backend_name = None  # a plain database search: addresses are never in an index

    def get_form_class(self, for_update=False):
        return InvitationForm

    @property
    def edit_view(self):
        return InvitationEditView.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("import/", ImportView.as_view(), name="import"),
            path("resend/<int:pk>/", ResendView.as_view(), name="resend"),
            path("revoke/<int:pk>/", RevokeView.as_view(), name="revoke"),
        ]


class NoAddingPolicy(ModelPermissionPolicy):
    """A profile comes from an accepted invitation, with its account: the admin has no form to
    add one (an "add" without an account failed in the database), for anyone."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Profile, NoAddingPolicy(Profile))


class ProfileChangeHook:
    """After a coordinator changes or deletes a profile, the `exchange_after_profile_change`
    hooks run: the visits tell the requests that lost their organisation's last host."""

    def run_after_hook(self):
        return self.run_hook("exchange_after_profile_change", self.request, self.object)


class ProfileEditView(ProfileChangeHook, generic.EditView):
    pass


class ProfileDeleteView(ProfileChangeHook, generic.DeleteView):
    pass


class ProfileViewSet(ModelViewSet):
    """Coordinators set a member's organisation and whether they host for it; members edit the
    rest themselves at /profile/."""

    model = Profile
    name = "profiles"
    url_namespace = "exchange_profile"
    icon = "user"
    menu_label = gettext_lazy("Practitioner profiles")
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    form_fields = ["organisation", "role", "country", "hosts_visitors"]
    list_display = [
        "display_name",
        "organisation",
        "role",
        BooleanColumn("hosts_visitors", label=gettext_lazy("Hosts visitors")),
    ]
    list_filter = ["organisation", "hosts_visitors"]
    search_fields = ["user__email", "user__last_name", "role"]
    search_backend_name = None  # a plain database search: profiles are never in an index
    edit_view_class = ProfileEditView
    delete_view_class = ProfileDeleteView
