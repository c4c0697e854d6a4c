from django import forms

from exchange.notifications.kinds import Kind


class ChoicesForm(forms.Form):
    """A channel per kind; the kinds that cannot be turned off are shown, not asked."""

    def __init__(self, *args, kinds: list[Kind], current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds:
            if kind.fixed_because:
                continue
            self.fields[kind.key] = forms.ChoiceField(
                label=str(kind.label),
                choices=kind.allowed(),
                initial=current[kind.key],
                widget=forms.RadioSelect,
            )
