from django import forms
from django.utils.translation import gettext_lazy


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "I understand that my account and my personal data are deleted for good."
        ),
        error_messages={"required": gettext_lazy("Tick the box to confirm the deletion.")},
    )
