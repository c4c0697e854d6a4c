"""The adapter between the database and the engine: a round's open applications and offer
windows become the engine's Problem, its Result becomes proposals and misses of a stored run,
and publishing turns the proposals into proposed visits through exchange's services."""

import re
from collections.abc import Iterable
from dataclasses import fields, is_dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.log_actions import log

from exchange.membership.models import Profile
from exchange.notifications import kinds
from exchange.visits import mail
from exchange.visits import services as visits
from exchange.visits.mail import VisitMail
from exchange.visits.models import Application, HostingOffer, OfferWindow, Visit, VisitState
from matching import engine
from matching.models import Exclusion, Miss, Proposal, Round, Run

if TYPE_CHECKING:
    from django.contrib.auth.models import User

WORD = re.compile(r"[^\W\d_]{4,}")
VISIT_DAYS = 3  # a proposed visit's length, inside the overlap of availability and window
RUN_STALLED_AFTER = timedelta(minutes=15)  # the largest rounds run in seconds

# To the visitor, when a round's proposal becomes a visit.
MATCHED = VisitMail(
    "matched",
    gettext_lazy("The matching round proposes a visit to %(organisation)s"),
    template="matching/email/matched.txt",
    notice=kinds.VISIT,
)


class RoundError(Exception):
    """A round step that cannot be taken; the message says why."""


def _words(text: str) -> frozenset[str]:
    return frozenset(word.lower() for word in WORD.findall(text or ""))


def open_applications(round_: Round) -> QuerySet[Application]:
    """Applications waiting for a pair: not withdrawn, no visit under way, available during
    the round."""
    under_way = Visit.objects.active().values("application")
    waiting = Application.objects.filter(
        withdrawn_at__isnull=True,
        applicant__isnull=False,
        available_from__lte=round_.window_until,
        available_until__gte=round_.window_from,
    ).exclude(pk__in=under_way)
    # A person is never proposed two visits on overlapping days. The engine pairs applications,
    # and a visit's days are set only when the round is published: so a round takes one
    # application per person (their first), and nobody with a visit under way in its dates.
    busy = (
        Visit.objects.active()
        .filter(starts_on__lte=round_.window_until, ends_on__gte=round_.window_from)
        .filter(visitor__isnull=False)  # NOT IN with a NULL in it would exclude everyone
        .values("visitor")
    )
    first = waiting.filter(applicant=OuterRef("applicant")).order_by("pk").values("pk")[:1]
    return (
        waiting.exclude(applicant__in=busy)
        .filter(pk=Subquery(first))
        # The organisation's country, not the organisation: a Wagtail page is costly to build,
        # and a round reads thousands of them (a third of the load at 2,000 × 300).
        .annotate(organisation_country=F("organisation__country"))
        .select_related("challenge", "applicant__profile")
        .prefetch_related("languages", "applicant__profile__challenges_shown")
    )


def open_windows(round_: Round) -> QuerySet[OfferWindow]:
    return (
        OfferWindow.objects.filter(
            offer__in=HostingOffer.objects.taking_visitors(),
            starts_on__lte=round_.window_until,
            ends_on__gte=round_.window_from,
        )
        .select_related("offer")
        .annotate(organisation_country=F("offer__organisation__country"))
        .prefetch_related(
            "offer__challenges",
            "offer__languages",
            "offer__work_settings",
        )
    )


def problem_for(round_: Round, *, forced: Iterable = (), excluded: Iterable = ()) -> engine.Problem:
    applications = list(open_applications(round_))
    past: dict[int, set[str]] = {}
    for visitor_id, organisation_id in Visit.objects.filter(
        visitor__in=[a.applicant_id for a in applications],
        state__in=[VisitState.COMPLETED, VisitState.REFLECTED],
    ).values_list("visitor", "window__offer__organisation"):
        past.setdefault(visitor_id, set()).add(str(organisation_id))
    visitors = tuple(_visitor(application, round_, past) for application in applications)
    hosts = tuple(
        engine.Host(
            id=f"w{window.pk}",
            organisation=str(window.offer.organisation_id),
            country=window.organisation_country,  # type: ignore[attr-defined]
            challenges=tuple(challenge.slug for challenge in window.offer.challenges.all()),
            languages=frozenset(language.slug for language in window.offer.languages.all()),
            window_from=window.starts_on,
            window_until=window.ends_on,
            capacity=window.places_left,
            settings=frozenset(setting.slug for setting in window.offer.work_settings.all()),
            keywords=_words(window.offer.description),
        )
        for window in open_windows(round_)
        if window.places_left > 0
    )
    weights = engine.Weights(**{name: getattr(round_, name) for name in Round.WEIGHTS})
    rules = engine.Rules(
        allow_interpretation=round_.allow_interpretation,
        cross_border_required=round_.cross_border_required,
        excluded=frozenset(excluded),
        forced=tuple(sorted(forced)),
    )
    return engine.Problem(visitors, hosts, weights, rules)


def _visitor(application: Application, round_: Round, past: dict) -> engine.Visitor:
    profile = getattr(application.applicant, "profile", None)
    return engine.Visitor(
        id=f"a{application.pk}",
        organisation=str(application.organisation_id),
        # annotated by open_applications
        country=application.organisation_country,  # type: ignore[attr-defined]
        challenge=application.challenge.slug,
        languages=frozenset(language.slug for language in application.languages.all()),
        available_from=max(application.available_from, round_.window_from),
        available_until=min(application.available_until, round_.window_until),
        keywords=_words(application.challenge_statement),
        shows=frozenset(c.slug for c in profile.challenges_shown.all()) if profile else frozenset(),
        past_hosts=frozenset(past.get(application.applicant_id, ())),
    )


def _plain(problem: engine.Problem) -> dict:
    """The problem as JSON-ready data, stored with the run."""

    def convert(value: Any) -> Any:
        if is_dataclass(value):  # not dataclasses.asdict: it deep-copies every value first
            return {item.name: convert(getattr(value, item.name)) for item in fields(value)}
        if isinstance(value, frozenset | set):
            return sorted(convert(item) for item in value)
        if isinstance(value, tuple | list):
            return [convert(item) for item in value]
        if isinstance(value, dict):
            return {key: convert(item) for key, item in value.items()}
        if isinstance(value, date):
            return value.isoformat()
        return value

    return convert(problem)


def round_queue(*, round_: Round, user: "User | None") -> Run:
    """A run waiting for the engine (`matching.tasks.run_round` takes it from here). One run
    of a round at a time; a run unfinished after RUN_STALLED_AFTER lost its worker, and is
    marked failed rather than block the round."""
    if round_.published_at:
        raise RoundError(_("This round is published: start a new round."))
    unfinished = round_.runs.exclude(status__in=Run.FINISHED)
    if unfinished.filter(started_at__gt=timezone.now() - RUN_STALLED_AFTER).exists():
        raise RoundError(_("A run of this round is under way: its pairs will show on this page."))
    unfinished.update(
        status=Run.Status.FAILED, error="Stopped before it finished.", finished_at=timezone.now()
    )
    return Run.objects.create(round=round_, started_by=user)


def round_run(*, round_: Round, user: "User | None", run: Run | None = None) -> Run:
    """Run the engine on the round as it stands, around the pinned pairs of the run before and
    without its rejected ones; store the run with its inputs.

    Each stage is written to the run as it starts, outside any transaction, so that the review
    page shows how far a run in a worker has come; a run that stops on an error says so."""
    if round_.published_at:
        raise RoundError(_("This round is published: start a new round."))
    run = run or round_queue(round_=round_, user=user)
    try:
        return _run(round_, user, run)
    except RoundError as error:
        _stage(run, Run.Status.FAILED, error=str(error), finished_at=timezone.now())
        raise
    except Exception:
        _stage(
            run,
            Run.Status.FAILED,
            error="The run stopped on an unexpected error; it is in the server's log.",
            finished_at=timezone.now(),
        )
        raise


def _stage(run: Run, status: str, **changes: object) -> None:
    Run.objects.filter(pk=run.pk).update(status=status, **changes)
    run.status = status
    for name, value in changes.items():
        setattr(run, name, value)


def _run(round_: Round, user: "User | None", run: Run) -> Run:
    _stage(run, Run.Status.LOADING)
    previous = round_.runs.filter(pk__lt=run.pk).order_by("-pk").first()
    forced, excluded = set(), set()
    if previous is not None:
        for proposal in previous.proposals.select_related("window__offer"):
            if proposal.decision == Proposal.Decision.PINNED:
                window_id = proposal.swap_to_id or proposal.window_id
                forced.add((f"a{proposal.application_id}", f"w{window_id}"))
            elif proposal.decision == Proposal.Decision.REJECTED:
                excluded.add(
                    (f"a{proposal.application_id}", str(proposal.window.offer.organisation_id))
                )
    declared = Exclusion.objects.filter(Q(round=round_) | Q(round__isnull=True))
    excluded |= {
        (f"a{application}", str(organisation))
        for application, organisation in declared.values_list("application", "organisation")
    }
    problem = problem_for(round_, forced=forced, excluded=excluded)
    _stage(run, Run.Status.SOLVING, inputs=_plain(problem))
    try:
        result = engine.solve(problem)
    except engine.ForcedPairError as error:
        raise RoundError(_("A pinned pair no longer fits: %(error)s") % {"error": error}) from error
    _stage(run, Run.Status.STORING)
    with transaction.atomic():
        alternates = dict(result.alternates)
        Proposal.objects.bulk_create(
            Proposal(
                run=run,
                application_id=int(pair.visitor[1:]),
                window_id=int(pair.host[1:]),
                score=pair.score,
                parts=[[part.name, part.points] for part in pair.parts],
                alternates=[int(host[1:]) for host in alternates.get(pair.visitor, ())],
                forced=pair.forced,
                decision=Proposal.Decision.PINNED if pair.forced else Proposal.Decision.OPEN,
            )
            for pair in result.pairs
        )
        Miss.objects.bulk_create(
            Miss(
                run=run,
                application_id=int(miss.visitor[1:]),
                reason=miss.reason,
                nearest_miss_id=int(miss.nearest_miss[1:]) if miss.nearest_miss else None,
                nearest_miss_fails=list(miss.nearest_miss_fails),
            )
            for miss in result.unmatched
        )
        _stage(
            run,
            Run.Status.DONE,
            finished_at=timezone.now(),
            total=result.total,
            greedy_total=result.greedy_total,
        )
        log(round_, "matching.round.run", user=user, data={"run": run.pk, "total": run.total})
    return run


def proposal_decide(*, proposal: Proposal, decision: str, user: "User") -> Proposal:
    """Pin (keep it whatever the next run finds) or reject (never this host organisation for
    this application) a proposed pair; the next run works around both."""
    if proposal.run.round.published_at:
        raise RoundError(_("This round is published."))
    if decision not in Proposal.Decision.values:
        raise RoundError(_("Unknown decision."))
    Proposal.objects.filter(pk=proposal.pk).update(decision=decision, swap_to=None)
    proposal.decision, proposal.swap_to = decision, None
    log(proposal.run.round, f"matching.pair.{decision}", user=user, data={"pair": proposal.pk})
    return proposal


def proposal_swap(*, proposal: Proposal, window_id: int, user: "User") -> Proposal:
    """Pin the application to one of its alternates instead; the next run fills in the rest."""
    if proposal.run.round.published_at:
        raise RoundError(_("This round is published."))
    if window_id not in proposal.alternates:
        raise RoundError(_("Swap only to one of the pair's alternates."))
    Proposal.objects.filter(pk=proposal.pk).update(
        decision=Proposal.Decision.PINNED, swap_to_id=window_id
    )
    proposal.refresh_from_db()
    log(proposal.run.round, "matching.pair.swap", user=user, data={"pair": proposal.pk})
    return proposal


def run_replay(run: Run) -> engine.Result:
    """Solve a stored run's inputs again: the same pairs, for an audit."""
    return engine.solve(problem_from_plain(run.inputs))


def problem_from_plain(data: dict) -> engine.Problem:
    def dates(record: dict, *names: str) -> dict[str, date]:
        return {name: date.fromisoformat(record[name]) for name in names}

    sets = ("languages", "settings", "keywords", "shows", "past_hosts", "wants")

    def people(records: list[dict], cls: type, date_names: tuple[str, ...]) -> tuple:
        return tuple(
            cls(
                **{
                    **record,
                    **{k: frozenset(v) for k, v in record.items() if k in sets},
                    **(
                        {"challenges": tuple(record["challenges"])}
                        if "challenges" in record
                        else {}
                    ),
                    **dates(record, *date_names),
                }
            )
            for record in records
        )

    rules = data["rules"]
    return engine.Problem(
        visitors=people(data["visitors"], engine.Visitor, ("available_from", "available_until")),
        hosts=people(data["hosts"], engine.Host, ("window_from", "window_until")),
        weights=engine.Weights(**data["weights"]),
        rules=engine.Rules(
            allow_interpretation=rules["allow_interpretation"],
            cross_border_required=rules["cross_border_required"],
            excluded=frozenset(tuple(pair) for pair in rules["excluded"]),
            forced=tuple(tuple(pair) for pair in rules["forced"]),
        ),
    )


def publish_email_count(proposals: list[Proposal]) -> int:
    """The e-mails publishing these pairs sends: one to each visitor, one to each active host
    of each pair's host organisation (the coordinator who publishes is told on the page)."""
    organisations = [proposal.window.offer.organisation_id for proposal in proposals]
    hosts = dict(
        Profile.objects.hosts()
        .filter(organisation_id__in=set(organisations))
        .values_list("organisation_id")
        .annotate(count=Count("pk"))
    )
    return len(proposals) + sum(hosts.get(organisation, 0) for organisation in organisations)


def round_publish(*, round_: Round, user: "User") -> list[Visit]:
    """Every pair of the latest run that is not rejected becomes a proposed visit (the host is
    asked to accept it) and both people are told. All or nothing."""
    run = round_.latest_run
    if run is None or run.status != Run.Status.DONE:
        raise RoundError(_("Run the round first."))
    if round_.published_at:
        raise RoundError(_("This round is already published."))
    created = []
    with transaction.atomic():
        for proposal in run.proposals.exclude(decision=Proposal.Decision.REJECTED).select_related(
            "application", "window"
        ):
            start, end = _visit_dates(proposal.application, proposal.window, round_)
            try:
                visit = visits.visit_propose(
                    application=proposal.application,
                    window=proposal.window,
                    starts_on=start,
                    ends_on=end,
                    proposed_by=user,
                )
            except visits.VisitError as error:
                raise RoundError(
                    _("Pair %(pair)s → %(window)s: %(error)s Run the round again.")
                    % {"pair": proposal.application_id, "window": proposal.window, "error": error}
                ) from error
            mail.send_after_commit(visit, MATCHED, [visit.visitor])
            Proposal.objects.filter(pk=proposal.pk).update(visit=visit)
            created.append(visit)
        round_.published_at = timezone.now()
        round_.save(update_fields=["published_at"])
        log(round_, "matching.round.publish", user=user, data={"visits": len(created)})
    return created


def _visit_dates(application: Application, window: OfferWindow, round_: Round) -> tuple[date, date]:
    start = max(application.available_from, window.starts_on, round_.window_from)
    last = min(application.available_until, window.ends_on, round_.window_until)
    return start, min(last, start + timedelta(days=VISIT_DAYS - 1))
