"""The reflection questions in the Wagtail admin, for the coordinators: each phase's questions,
ordered by dragging, with their help text and who they are asked of (the visitor, the host
mentor, or both). An answer keeps its question's text as it was asked,
so a question can be reworded at any time; one no longer wanted is unticked ("asked"), which
keeps it with the answers that cite it. Entries themselves are never listed in the admin."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.model import ModelViewSet

from exchange.reflections.models import ReflectionQuestion
from exchange.wording import translation_panels


class ReflectionQuestionViewSet(ModelViewSet):
    model = ReflectionQuestion
    name = "reflection-questions"
    url_namespace = "exchange_reflection_question"
    icon = "help"
    menu_label = _("Reflection questions")
    menu_order = 275
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    sort_order_field = "sort_order"
    # Yes/no as ticks and crosses, not "True"/"False".
    list_display = [
        "text_en",
        "phase",
        "asked_of",
        BooleanColumn("per_goal", label=_("Asked once per learning goal")),
        BooleanColumn("is_active", label=_("Asked")),
    ]
    list_filter = ["phase", "asked_of", "is_active"]
    search_fields = None
    panels = [
        FieldPanel("phase"),
        FieldPanel("asked_of"),
        FieldPanel("text_en"),
        FieldPanel("help_text_en"),
        *translation_panels("text", "help_text"),
        FieldPanel("per_goal"),
        FieldPanel("is_active"),
    ]
