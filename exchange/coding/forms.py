from django import forms
from django.utils.translation import gettext_lazy as _

from exchange.coding.models import Code


class SpanForm(forms.Form):
    passage = forms.CharField(
        label=_("Words to code"),
        max_length=1_500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Select words in the excerpt above, or copy them here."),
    )
    # Where the selection starts, in code points (set by the page's script; without it, the
    # first occurrence of the words is coded).
    start = forms.IntegerField(
        required=False, min_value=0, max_value=10_000, widget=forms.HiddenInput
    )
    codes = forms.CharField(
        label=_("Codes"),
        max_length=1_000,
        help_text=_("Separate codes with commas; an existing code is reused, a new one is made."),
        widget=forms.TextInput(attrs={"list": "known-codes", "autocomplete": "off"}),
    )


class CodeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    memo = forms.CharField(
        label=_("Memo"), required=False, max_length=20_000, widget=forms.Textarea(attrs={"rows": 6})
    )


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        Code.objects.none(),
        label=_("Merge into"),
        help_text=_("Its spans and themes move to that code; this one is gone."),
    )

    def __init__(self, *args, exclude: Code, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Code.objects.exclude(pk=exclude.pk)
