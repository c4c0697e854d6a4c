from django import forms
from django.utils.translation import gettext_lazy as _

from exchange.reflections.models import Audience
from exchange.reflections.services import MAX_LENGTH


class EntryForm(forms.Form):
    """One answer of a phase: which slot it fills (hidden), its text, and whether to submit."""

    question = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    goal = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)
    day = forms.DateField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(
        label=_("Your answer"),
        required=False,
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    submit = forms.BooleanField(required=False)


class ShareForm(forms.Form):
    audience = forms.ChoiceField(choices=Audience.choices)
    share = forms.BooleanField(required=False)  # unticked: stop sharing
