from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from cms import plugins
from exchange.personal_data.services import Section
from matching.models import Round


@hooks.register(plugins.PERSONAL_DATA_SECTIONS)
def personal_data_sections() -> list[Section]:
    """The rounds a coordinator created or ran are part of their personal data export."""
    return [
        Section("matching_rounds_created", "matching.Round", "created_by", ("name", "year")),
        Section("matching_runs_started", "matching.Run", "started_by", ("started_at",)),
    ]


@hooks.register("register_log_actions")
def register_round_actions(actions):
    for action, label in [
        ("matching.round.run", _("Matching round: run")),
        ("matching.round.publish", _("Matching round: published")),
        ("matching.pair.pinned", _("Matching round: pair pinned")),
        ("matching.pair.rejected", _("Matching round: pair rejected")),
        ("matching.pair.open", _("Matching round: pair reopened")),
        ("matching.pair.swap", _("Matching round: pair swapped to an alternate")),
    ]:
        actions.register_action(action, label, label)


@hooks.register("register_admin_viewset")
def register_rounds():
    from matching.admin_views import RoundViewSet

    return RoundViewSet()


@hooks.register("register_admin_viewset")
def register_exclusions():
    from matching.admin_views import ExclusionViewSet

    return ExclusionViewSet()


@hooks.register(plugins.REPORT_FIGURES)
def report_matching_outcomes(year: int) -> list[dict]:
    from matching.figures import matching_outcomes

    return matching_outcomes(year)


@hooks.register(plugins.COORDINATOR_HOME_ROWS)
def rounds_open(request) -> list[dict]:
    """Rounds whose visits are still to come."""
    open_rounds = Round.objects.filter(window_until__gte=timezone.localdate()).count()
    return [
        {
            "label": _("Open matching rounds"),
            "count": open_rounds,
            "url": reverse("matching_round:index"),
            "order": 40,
        }
    ]
