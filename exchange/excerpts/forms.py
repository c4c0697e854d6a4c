from django import forms
from django.utils.translation import gettext_lazy as _

from exchange.excerpts.models import Attribution
from exchange.excerpts.services import CHECKLIST, MAX_LENGTH


class GateForm(forms.Form):
    """What the de-identification gate asks of every text an author consents to: the checklist,
    and (read from the POST by `reasons_of`) a reason for each flag they keep."""

    checklist = forms.MultipleChoiceField(
        label=_("Before you consent"),
        choices=list(CHECKLIST.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class ExcerptForm(GateForm):
    text = forms.CharField(
        label=_("The excerpt"),
        help_text=_(
            "A passage of your answer, or a few lines written from it. Only these words can "
            "be published, and only with your consent."
        ),
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    attribution = forms.ChoiceField(
        label=_("How it may be attributed"),
        choices=Attribution.choices,
        widget=forms.RadioSelect,
    )
    field_order = ["text", "attribution", "checklist"]


class ApproveForm(GateForm):
    number = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    digest = forms.CharField(widget=forms.HiddenInput, max_length=64)


class SuggestForm(forms.Form):
    text = forms.CharField(
        label=_("Your suggested text"),
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    reason = forms.CharField(
        label=_("Why (the author reads this)"),
        max_length=500,
        help_text=_("For example: shorter, or a detail removed that could identify a client."),
    )


def reasons_of(data) -> dict[str, str]:
    """The reasons given for keeping flagged passages: the page posts `key-N` (the finding)
    beside `reason-N` (why it stays)."""
    reasons = {}
    for name in data:
        if name.startswith("key-"):
            number = name.removeprefix("key-")
            reason = (data.get(f"reason-{number}") or "").strip()
            if reason:
                reasons[data[name]] = reason[:300]
    return reasons
