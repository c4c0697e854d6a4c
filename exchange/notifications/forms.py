from django import forms

from exchange.notifications.kinds import KINDS


class ChoicesForm(forms.Form):
    """A channel per kind; the kinds that cannot be turned off are shown, not asked."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in KINDS:
            if kind.fixed_because:
                continue
            self.fields[kind.key] = forms.ChoiceField(
                label=str(kind.label),
                choices=kind.allowed(),
                initial=current[kind.key],
                widget=forms.RadioSelect,
            )
