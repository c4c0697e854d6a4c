"""The coordinators' themes in the Wagtail admin: a title, a summary, a description and the
codes they group, revised over the year (the codes themselves are kept in the workbench)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.viewsets.model import ModelViewSet

from exchange.coding.models import Theme


class ThemeViewSet(ModelViewSet):
    model = Theme
    name = "themes"
    url_namespace = "exchange_themes"
    icon = "tag"
    menu_label = _("Themes")
    menu_order = 278
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["title", "summary", "updated_at"]
    search_fields = None
    form_fields = ["title", "summary", "description", "codes"]
    formfield_overrides = {}

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        form_class.base_fields["codes"].widget = forms.CheckboxSelectMultiple()
        form_class.base_fields["codes"].required = False
        return form_class
