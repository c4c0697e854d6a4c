"""The coordinators' surveys in the Wagtail admin: one per kind and year, its questions in order,
each with its evaluation level. Once someone has answered, a survey's questions stay as they
were asked: the coordinators change next year's version instead."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic.models import EditView
from wagtail.admin.viewsets.model import ModelViewSet

from cms.panels import SafeInlinePanel
from exchange.surveys.models import Survey


class SurveyForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.instance.responses.exists():
            raise ValidationError(
                _(
                    "People have answered this survey, so its questions stay as they were "
                    "asked. Change the survey of a later year instead."
                )
            )
        return cleaned


class SurveyEditView(EditView):
    """An answered survey opens read-only, saying why, instead of refusing the edits at Save."""

    template_name = "exchange/surveys/admin_edit.html"

    def answered(self) -> bool:
        return self.object.responses.exists()

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.answered():
            for field in form.fields.values():
                field.disabled = True
            for formset in form.formsets.values():
                for row in formset.forms:
                    for field in row.fields.values():
                        field.disabled = True
        return form

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "answered": self.answered()}


class SurveyViewSet(ModelViewSet):
    model = Survey
    name = "surveys"
    url_namespace = "exchange_surveys"
    icon = "list-ul"
    menu_label = _("Surveys")
    menu_order = 279
    add_to_admin_menu = True
    copy_view_enabled = False
    edit_view_class = SurveyEditView
    inspect_view_enabled = False
    list_display = ["__str__", "year"]
    search_fields = None
    edit_handler = ObjectList(
        [
            FieldPanel("kind"),
            FieldPanel("year"),
            FieldPanel("introduction"),
            SafeInlinePanel("questions", label=_("Questions"), min_num=1),
        ],
        base_form_class=SurveyForm,
    )
