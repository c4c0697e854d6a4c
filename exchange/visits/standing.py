"""Where an application stands, in words, for the person who sent it: the state of its latest
visit (waiting for the host, proposed by the round, declined...), or what the last matching
round made of it (not matched, and why: the matching module answers APPLICATIONS_UNMATCHED), or
that it waits for a round."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from cms import plugins
from exchange.visits.models import Application, Visit, VisitState
from exchange.visits.models.visits import ENDED

DONE, PROGRESS, CLOSED = "status-tag--done", "status-tag--progress", "status-tag--closed"
UNDER_WAY = (VisitState.ACCEPTED, VisitState.AGREED, VisitState.SCHEDULED)


@dataclass(frozen=True)
class Standing:
    label: str  # the status tag's words
    tag_class: str = ""  # none: waiting for someone else
    detail: str = ""  # why, and what the applicant can do


def standings(applications: list[Application]) -> dict[int, Standing]:
    """Each application's standing, by id, in three queries whatever their number."""
    latest: dict[int, Visit] = {}
    visits = Visit.objects.filter(application__in=applications).select_related(
        "window__offer__organisation"
    )
    for visit in visits.order_by("created_at", "pk"):
        latest[visit.application_id] = visit
    unmatched = plugins.the_one(plugins.APPLICATIONS_UNMATCHED)(
        [a.pk for a in applications if a.pk not in latest or latest[a.pk].state in ENDED]
    )
    return {a.pk: standing(a, latest.get(a.pk), unmatched.get(a.pk)) for a in applications}


def standing(application: Application, visit: Visit | None, unmatched) -> Standing:
    """`unmatched`: (why, when the round was published) of the last round that left the
    application out, or None."""
    if application.withdrawn_at:
        return Standing(_("Withdrawn"), CLOSED)
    if unmatched and (visit is None or unmatched[1] > visit.state_changed_at):
        return Standing(
            _("Not matched this round"),
            "",
            _("%(why)s It waits for the next round.") % {"why": unmatched[0]},
        )
    if visit is None:
        return Standing(_("Waiting for a matching round"))
    organisation = visit.window.offer.organisation.title
    if visit.state == VisitState.PROPOSED and visit.proposed_by_id != application.applicant_id:
        return Standing(
            _("Proposed by the matching round"),
            "",
            _("The round proposed a visit to %(organisation)s: it waits for the host's answer.")
            % {"organisation": organisation},
        )
    if visit.state == VisitState.PROPOSED:
        return Standing(
            _("Waiting for the host"),
            "",
            _("%(organisation)s has your request and will accept or decline it.")
            % {"organisation": organisation},
        )
    if visit.state in UNDER_WAY:
        return Standing(_("Visit under way"), PROGRESS)
    if visit.state in ENDED:
        declined = visit.state == VisitState.DECLINED
        why = (
            _("%(organisation)s could not receive you.")
            if declined
            else _("The visit to %(organisation)s was cancelled.")
        ) % {"organisation": organisation}
        onward = _(
            "The application waits for the next matching round; you can also ask another "
            "host directly."
        )
        label = _("Declined") if declined else _("Visit cancelled")
        return Standing(label, CLOSED, f"{why} {onward}")
    return Standing(_("Visit took place"), DONE)
