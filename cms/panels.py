"""Wagtail's InlinePanel, whose rows refuse an id that is not a number with a message instead
of a server error: modelcluster's child formsets convert each row's id without catching the
error, as Django's own model formsets do (found by tests/access/test_hostile_input.py), and
that refuse more rows than the panel allows instead of building a form for each."""

from django.core.exceptions import ValidationError
from django.forms.models import BaseModelFormSet
from django.utils.translation import gettext_lazy as _

from modelcluster.forms import BaseChildFormSet
from wagtail.admin.panels import InlinePanel

ROWS_AT_MOST = 100  # rows of an inline panel, unless it says otherwise


class ChildFormSet(BaseChildFormSet):
    def __init_subclass__(cls, **kwargs):
        # Django believes a posted row count up to max_num + 1,000 and builds and renders a form
        # for each row: past the panel's max_num, the formset says "Please submit at most N"
        # instead (a thousand rows of questions took a second to render).
        super().__init_subclass__(**kwargs)
        if getattr(cls, "max_num", None) is not None:
            cls.absolute_max = cls.max_num
            cls.validate_max = True

    def _construct_form(self, i, **kwargs):
        try:
            return super()._construct_form(i, **kwargs)
        except ValidationError:
            # Not a row of ours: shown as a new, unsaved row with an error, so nothing is saved.
            form = super(BaseModelFormSet, self)._construct_form(i, instance=self.model(), **kwargs)
            form.add_error(None, _("This row was changed outside this page. Reload the page."))
            return form


class SafeInlinePanel(InlinePanel):
    def __init__(self, *args, max_num: int = ROWS_AT_MOST, **kwargs):
        super().__init__(*args, max_num=max_num, **kwargs)

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = ChildFormSet
        return options
