from typing import cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail.admin.localization import get_available_admin_time_zones

from exchange.notifications.kinds import Channel, Kind


class ChoicesForm(forms.Form):
    """A channel per kind; the kinds that cannot be turned off are shown, not asked."""

    time_zone = forms.ChoiceField(label=_("Your time zone"))

    def __init__(self, *args, kinds: list[Kind], current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        zone = cast(forms.ChoiceField, self.fields["time_zone"])
        zone.choices = [(name, name) for name in get_available_admin_time_zones()]
        zone.help_text = _("Digests leave at %(time)s where you are.") % {
            "time": settings.NOTIFICATION_DIGEST_AT
        }
        for kind in kinds:
            if kind.fixed_because:
                continue
            self.fields[kind.key] = forms.ChoiceField(
                label=str(kind.label),
                choices=Channel.choices,
                initial=current[kind.key],
                widget=forms.RadioSelect,
            )
        self.order_fields([*(kind.key for kind in kinds), "time_zone"])
