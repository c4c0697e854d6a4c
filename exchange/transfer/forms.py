"""The take-home forms. They check what a form can (a choice among those offered, a number in
range); the steps (services.py) check the rest in their transactions."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exchange.reflections.services import MAX_LENGTH
from exchange.transfer.models import (
    MAX_COLLEAGUES,
    Helped,
    Hindered,
    Intention,
    PassedOnKind,
    Status,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PracticeForm(forms.Form):
    """A practice chosen among those offered (the host's and what the search found)."""

    practice = forms.TypedChoiceField(
        label=_("Practice"), widget=forms.RadioSelect, coerce=int, empty_value=None
    )
    goal = forms.ChoiceField(label=_("For which learning goal?"), required=False)

    def __init__(self, *args, practices, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice"].choices = [(page.pk, page.title) for page in practices]
        self.fields["goal"].choices = [("", _("None in particular"))] + [(g, g) for g in goals]
        if not goals:
            del self.fields["goal"]


class IntentionForm(forms.Form):
    intention = forms.ChoiceField(
        label=_("What do you mean to do with it?"),
        choices=Intention.choices,
        widget=forms.RadioSelect,
    )
    why = forms.CharField(
        label=_("Why? (optional)"),
        required=False,
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Private to you, encrypted like your reflections. Never name a client."),
    )


class FollowUpForm(forms.Form):
    """One practice's answers in a follow-up (a form per practice, prefixed by its id)."""

    status = forms.ChoiceField(
        label=_("Where does it stand?"), choices=Status.choices, widget=forms.RadioSelect
    )
    helped = forms.MultipleChoiceField(
        label=_("What helped? (optional)"),
        choices=Helped.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    hindered = forms.MultipleChoiceField(
        label=_("What got in the way? (optional)"),
        choices=Hindered.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    note = forms.CharField(
        label=_("Anything else? (optional)"),
        required=False,
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Private to you, encrypted like your reflections."),
    )


class PassedOnForm(forms.Form):
    kind = forms.ChoiceField(label=_("What did you do?"), choices=PassedOnKind.choices)
    on = forms.DateField(label=_("When?"), widget=DATE)
    colleagues = forms.IntegerField(
        label=_("How many colleagues did it reach?"), min_value=0, max_value=MAX_COLLEAGUES
    )
    seen = forms.TypedChoiceField(
        label=_("Which practice? (optional)"), required=False, coerce=int, empty_value=None
    )
    note = forms.CharField(
        label=_("What was it? (optional)"),
        required=False,
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Private to you. Never name a client."),
    )

    def __init__(self, *args, practices, **kwargs):
        super().__init__(*args, **kwargs)
        gone = _("A practice no longer in the library")
        self.fields["seen"].choices = [("", _("None in particular"))] + [
            (seen.row.pk, seen.page.title if seen.page else gone) for seen in practices
        ]
        self.fields["on"].widget.attrs["max"] = timezone.localdate().isoformat()


class ConcernForm(forms.Form):
    text = forms.CharField(
        label=_("What happened, or what worries you?"),
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Only the network's coordinators read it. Describe what happened without naming a "
            "client or anyone who could be recognised."
        ),
    )
