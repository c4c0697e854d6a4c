"""The coordinator's view of every visit in the Wagtail admin: filter by state, year, country
and challenge, inspect one with its audit history, export the list as a spreadsheet. Read-only:
visits change only through their workflow steps (exchange/visits/services.py)."""

from django.contrib.admin.utils import quote
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

import django_filters
from django_countries import countries

from cms.models import Challenge
from exchange.visits.models import Visit, VisitState


class ViewOnlyPolicy(ModelPermissionPolicy):
    """Viewing needs the model's view permission; adding, editing and deleting are for nobody,
    superusers included."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and self.user_has_permission(user, "view")


register_permission_policy(Visit, ViewOnlyPolicy(Visit))


def years():
    first = Visit.objects.order_by("starts_on").values_list("starts_on__year", flat=True).first()
    last = timezone.localdate().year + 1
    return [(year, str(year)) for year in range(first or last, last + 1)]


def visitor_name(visit) -> str:
    """The visitor by name, never their username (which the admin would print)."""
    visitor = visit.visitor
    return (visitor.get_full_name() or visitor.email) if visitor else _("an erased member")


class VisitFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label=_("State"), choices=VisitState.choices)
    year = django_filters.ChoiceFilter(label=_("Year"), choices=years, field_name="starts_on__year")
    country = django_filters.ChoiceFilter(
        label=_("Country (visitor's or host's)"), choices=countries, method="filter_country"
    )
    challenge = django_filters.ModelChoiceFilter(
        label=_("Challenge"),
        queryset=Challenge.vocabulary.all(),
        field_name="application__challenge",
    )

    waiting_for_host = django_filters.BooleanFilter(
        label=_("Request waiting for a host"),
        method="filter_waiting_for_host",
        widget=django_filters.widgets.BooleanWidget,
    )

    class Meta:
        model = Visit
        fields = []

    def filter_country(self, queryset, name, value):
        return queryset.filter(
            Q(application__organisation__country=value)
            | Q(window__offer__organisation__country=value)
        )

    def filter_waiting_for_host(self, queryset, name, value):
        waiting = Visit.objects.waiting_for_host().values("pk")
        return queryset.filter(pk__in=waiting) if value else queryset.exclude(pk__in=waiting)


class WaitingForHostPanel(Component):
    """The admin home's list of requests that nobody can answer, for whoever may view visits:
    their organisation has lost its last host."""

    name = "waiting_for_host"
    template_name = "exchange/visits/admin/waiting_for_host_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        visits = Visit.objects.waiting_for_host().with_details().order_by("created_at")
        return {
            "visits": visits[:10],
            "count": visits.count(),
            "list_url": reverse("exchange_visit:index") + "?waiting_for_host=true",
        }


class VisitIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related(
                "visitor",
                "application__organisation",
                "application__challenge",
                "window__offer__organisation",
            )
        )


class VisitHistoryView(generic.HistoryView):
    """The audit log of the visit's steps, for whoever may view visits (Wagtail asks for an
    edit permission, which nobody has here). Its header leads back to the visit's details,
    not to an edit view that would refuse them."""

    any_permission_required = ["view"]

    def get_edit_url(self, instance):
        return reverse("exchange_visit:inspect", args=[quote(instance.pk)])

    @cached_property
    def header_buttons(self):
        url = self.get_edit_url(self.object)
        return [HeaderButton(label=_("Visit details"), url=url, icon_name="view")]


class VisitInspectView(generic.InspectView):
    """A visit's details, with a button to its history (the audit log of its steps)."""

    @cached_property
    def header_more_buttons(self):
        url = reverse("exchange_visit:history", args=[quote(self.object.pk)])
        return [Button(_("History"), url=url, icon_name="history", priority=10)]


class VisitViewSet(ModelViewSet):
    model = Visit
    name = "visits"
    url_namespace = "exchange_visit"
    icon = "date"
    menu_label = _("Visits")
    menu_order = 270
    add_to_admin_menu = True
    index_view_class = VisitIndexView
    history_view_class = VisitHistoryView
    inspect_view_class = VisitInspectView
    filterset_class = VisitFilterSet
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["state"]  # never shown: the policy refuses the edit views
    list_display = [
        "__str__",
        Column("visitor", label=_("Visitor"), accessor=visitor_name),
        Column("from", label=_("Visitor's organisation"), accessor="application.organisation"),
        "state",
        Column("challenge", label=_("Challenge"), accessor="application.challenge"),
    ]
    list_export = [
        "pk",
        "state",
        "starts_on",
        "ends_on",
        "visitor.get_full_name",
        "application.organisation.title",
        "application.organisation.country.name",
        "window.offer.organisation.title",
        "window.offer.organisation.country.name",
        "window.offer.title",
        "application.challenge.name",
    ]
    export_headings = {
        "pk": _("Visit"),
        "state": _("State"),
        "starts_on": _("First day"),
        "ends_on": _("Last day"),
        "visitor.get_full_name": _("Visitor"),
        "application.organisation.title": _("Visitor's organisation"),
        "application.organisation.country.name": _("Visitor's country"),
        "window.offer.organisation.title": _("Host organisation"),
        "window.offer.organisation.country.name": _("Host country"),
        "window.offer.title": _("Offer"),
        "application.challenge.name": _("Challenge"),
    }
    export_filename = "visits"
    inspect_view_fields = [
        "state",
        "starts_on",
        "ends_on",
        "visitor",
        "application",
        "window",
        "reason",
        "created_at",
        "state_changed_at",
    ]
    search_fields = ["visitor__last_name", "visitor__email", "window__offer__organisation__title"]
    search_backend_name = None  # a plain database search: visits are never in an index
