from django.db.models import F, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from cms import plugins
from exchange.personal_data.export import Section
from matching.engine.matrix import (
    EXCLUDED,
    NO_DATE_OVERLAP,
    NO_SHARED_LANGUAGE,
    SAME_COUNTRY,
    SAME_ORGANISATION,
)
from matching.models import Miss, Round, Run


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


# Why a round left an application out, as its applicant reads it (the engine's reasons are the
# coordinators'). An exclusion is not named: it may be a conflict someone else declared.
UNMATCHED_BECAUSE = {
    "capacity": _("The hosts who fitted had no place left this round."),
    "no pair scores above zero": _("No offer this round works on a challenge close to yours."),
    NO_SHARED_LANGUAGE: _("No host with a place this round shares a working language with you."),
    NO_DATE_OVERLAP: _("No offer this round had a window within the dates you are available."),
    SAME_COUNTRY: _("The offers that fitted this round were in your own country."),
    SAME_ORGANISATION: _("The offers that fitted this round were your own organisation's."),
    EXCLUDED: _("No offer this round fitted."),
}


@hooks.register(plugins.APPLICATIONS_UNMATCHED)
def applications_unmatched(application_ids: list[int]) -> dict[int, tuple[str, object]]:
    """(why, when) for each application that the last published round it took part in left
    unmatched: the misses of a published round's last run (the run it published)."""
    last_run = Run.objects.filter(round=OuterRef("run__round")).order_by("-pk").values("pk")[:1]
    misses = (
        Miss.objects.filter(
            application_id__in=application_ids, run__round__published_at__isnull=False
        )
        .annotate(last_run=Subquery(last_run))
        .filter(run_id=F("last_run"))
        .values_list("application_id", "reason", "run__round__published_at")
        .order_by("run__round__published_at")
    )
    return {
        application_id: (str(UNMATCHED_BECAUSE.get(reason, UNMATCHED_BECAUSE[EXCLUDED])), when)
        for application_id, reason, when in misses  # the last round's, where several
    }
