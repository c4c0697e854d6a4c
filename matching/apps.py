from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Matching")

    def ready(self):
        from exchange.personal_data.services import SECTIONS, Section

        # The rounds a coordinator created or ran are part of their personal data export.
        SECTIONS.extend(
            [
                Section(
                    "matching_rounds_created", "matching.Round", "created_by", ("name", "year")
                ),
                Section("matching_runs_started", "matching.Run", "started_by", ("started_at",)),
            ]
        )
