"""Wagtail's InlinePanel, whose rows refuse an id that is not a number with a message instead
of a server error: modelcluster's child formsets convert each row's id without catching the
error, as Django's own model formsets do (found by tests/access/test_hostile_input.py)."""

from django.core.exceptions import ValidationError
from django.forms.models import BaseModelFormSet
from django.utils.translation import gettext_lazy as _

from modelcluster.forms import BaseChildFormSet
from wagtail.admin.panels import InlinePanel


class ChildFormSet(BaseChildFormSet):
    def _construct_form(self, i, **kwargs):
        try:
            return super()._construct_form(i, **kwargs)
        except ValidationError:
            # Not a row of ours: shown as a new, unsaved row with an error, so nothing is saved.
            form = super(BaseModelFormSet, self)._construct_form(i, instance=self.model(), **kwargs)
            form.add_error(None, _("This row was changed outside this page. Reload the page."))
            return form


class SafeInlinePanel(InlinePanel):
    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = ChildFormSet
        return options
