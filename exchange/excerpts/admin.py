"""The coordinators' own forms of case or file number, in the Wagtail admin: the
de-identification gate flags them beside the forms it knows. Excerpts themselves are read on
the member pages (/excerpts/), never listed in the admin."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.model import ModelViewSet

from exchange.excerpts.models import CaseNumberPattern


class CaseNumberPatternViewSet(ModelViewSet):
    model = CaseNumberPattern
    name = "case-number-patterns"
    url_namespace = "exchange_case_number_pattern"
    icon = "warning"
    menu_label = _("Case numbers")  # short enough for the sidebar, in every language
    menu_order = 276
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["pattern", "description", BooleanColumn("is_active", label=_("Flagged"))]
    search_fields = None
    form_fields = ["pattern", "description", "is_active"]
