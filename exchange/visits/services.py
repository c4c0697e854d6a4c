"""The visit workflow. Each function is one step and one transaction: it checks that the user
may take the step from the visit's current state, changes the records, writes Wagtail's audit
log and notifies the people concerned after the commit. A refusal raises VisitError with a
message for the user, and changes nothing."""

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import Language
from exchange import audit
from exchange.visits import mail
from exchange.visits.models import (
    AgendaItem,
    Application,
    HostingOffer,
    LearningAgreement,
    OfferWindow,
    Visit,
    VisitState,
)
from exchange.visits.models.visits import HOLDS_PLACE
from exchange.visits.rules import (
    HAS_AGENDA,
    HOST,
    VisitError,
    WindowFull,
    check,
    check_dates,
    roles_of,
)
from exchange.visits.steps import taken_from_the_page

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def locked(visit_id: int) -> Visit:
    """The visit, its row locked until the transaction ends (PostgreSQL; SQLite's IMMEDIATE
    transactions already let one writer in at a time)."""
    try:
        return (
            Visit.objects.select_for_update(of=("self",))
            .select_related("window__offer__organisation", "application")
            .get(pk=visit_id)
        )
    except Visit.DoesNotExist as error:
        raise VisitError(_("This visit does not exist.")) from error


def record(visit: Visit, step: str, user: "User", **data: object) -> None:
    audit.record(visit, f"exchange.visit.{step}", user, state=visit.state, **data)


def _overlapping_visit(
    visitor_id: int, starts_on: date, ends_on: date, visits: QuerySet[Visit]
) -> Visit | None:
    """The first of `visits` of this person on days that overlap these. The person's row is
    locked first: two steps for the same person at once queue here (PostgreSQL)."""
    list(get_user_model().objects.select_for_update().filter(pk=visitor_id))
    return visits.filter(
        visitor_id=visitor_id, starts_on__lte=ends_on, ends_on__gte=starts_on
    ).first()


def _check_not_proposed_twice(visitor_id: int | None, starts_on: date, ends_on: date) -> None:
    """A person is never proposed a visit whose days overlap another visit still under way
    (proposed, accepted, agreed or scheduled): a direct request and a matching round, or two
    pairs of one round, would otherwise ask two hosts for the same days."""
    if visitor_id is None:
        return
    clash = _overlapping_visit(visitor_id, starts_on, ends_on, Visit.objects.active())
    if clash:
        raise VisitError(
            _("%(person)s already has a visit on overlapping days (%(start)s – %(end)s).")
            % {
                "person": (clash.visitor and clash.visitor.get_full_name()) or _("The visitor"),
                "start": f"{clash.starts_on:%d %b %Y}",
                "end": f"{clash.ends_on:%d %b %Y}",
            }
        )


def check_not_double_booked(visit: Visit, starts_on: date, ends_on: date) -> None:
    """A visitor is in one place at a time: no other visit holding a place overlaps."""
    if visit.visitor_id is None:
        return
    others = Visit.objects.filter(state__in=HOLDS_PLACE).exclude(pk=visit.pk)
    clash = _overlapping_visit(visit.visitor_id, starts_on, ends_on, others)
    if clash:
        raise VisitError(
            _("The visitor already has a visit on these dates (%(start)s – %(end)s).")
            % {"start": f"{clash.starts_on:%d %b %Y}", "end": f"{clash.ends_on:%d %b %Y}"}
        )


# --- proposing ---------------------------------------------------------------------------------


def visit_propose(
    *,
    application: Application,
    window: OfferWindow,
    starts_on: date,
    ends_on: date,
    proposed_by: "User",
) -> Visit:
    """A proposed visit for `application` in `window`: the host is asked to accept it. The
    application's direct request and (later) the matching round's pairs both come here."""
    with transaction.atomic():
        window = OfferWindow.objects.select_related("offer__organisation").get(pk=window.pk)
        if application.withdrawn_at:
            raise VisitError(_("This application has been withdrawn."))
        if not HostingOffer.objects.taking_visitors().filter(pk=window.offer_id).exists():
            raise VisitError(_("This offer does not take visitors at the moment."))
        if window.offer.organisation_id == application.organisation_id:
            raise VisitError(_("A visit goes to another organisation than your own."))
        check_dates(window, starts_on, ends_on)
        if window.places_left <= 0:
            raise WindowFull(_("This window is full. Choose another window or offer."))
        _check_not_proposed_twice(application.applicant_id, starts_on, ends_on)
        try:
            with transaction.atomic():
                visit = Visit.objects.create(
                    application=application,
                    visitor=application.applicant,
                    window=window,
                    starts_on=starts_on,
                    ends_on=ends_on,
                    proposed_by=proposed_by,
                )
        except IntegrityError as error:
            raise VisitError(_("You already have a visit in this window.")) from error
        record(visit, "propose", proposed_by)
        asked = proposed_by.pk == application.applicant_id
        mail.tell(visit, mail.PROPOSED if asked else mail.ROUND_PROPOSED, actor=proposed_by)
    return visit


def application_submit(
    *,
    applicant: "User",
    data: dict,
    languages: Iterable[Language],
    window: OfferWindow | None = None,
    starts_on: date | None = None,
    ends_on: date | None = None,
) -> Application:
    """Save a member's application; with a window, also ask that offer's host (a direct
    request). Both or neither."""
    profile = getattr(applicant, "profile", None)
    if profile is None:
        raise VisitError(_("Only members of an organisation can apply for a visit."))
    if data["available_until"] < data["available_from"]:
        raise VisitError(_("“Available until” cannot be before “available from”."))
    if window is not None and (starts_on is None or ends_on is None):
        raise VisitError(_("Give the first and last day of the visit."))
    with transaction.atomic():
        application = Application.objects.create(
            applicant=applicant,
            organisation=profile.organisation,
            offer=window.offer if window else None,
            **data,
        )
        application.languages.set(languages)
        audit.record(application, "exchange.application.create", applicant)
        if window is not None and starts_on is not None and ends_on is not None:
            visit_propose(
                application=application,
                window=window,
                starts_on=starts_on,
                ends_on=ends_on,
                proposed_by=applicant,
            )
    return application


def application_withdraw(*, application: Application, user: "User") -> Application:
    """The applicant withdraws: open requests made with it are cancelled too."""
    if application.applicant_id != user.pk:
        raise VisitError(_("Only the applicant can withdraw an application."))
    with transaction.atomic():
        changed = Application.objects.filter(pk=application.pk, withdrawn_at__isnull=True).update(
            withdrawn_at=timezone.now()
        )
        if not changed:
            raise VisitError(_("This application is already withdrawn."))
        for visit in application.visits.filter(state=VisitState.PROPOSED):
            visit_cancel(visit_id=visit.pk, user=user, reason=_("The application was withdrawn."))
        audit.record(application, "exchange.application.withdraw", user)
    application.refresh_from_db()
    return application


# --- the host's answer -------------------------------------------------------------------------


@taken_from_the_page("accept")
def visit_accept(*, visit_id: int, user: "User") -> Visit:
    """The host accepts: the visit takes a place in its window, and a learning agreement is
    drafted from the application and the offer."""
    with transaction.atomic():
        visit = locked(visit_id)
        check(visit, "accept", user)
        check_not_double_booked(visit, visit.starts_on, visit.ends_on)
        # The conditional update takes the place, or finds none left: whoever comes second
        # to the last place reads the updated count (PostgreSQL re-checks the row it waited
        # for; SQLite lets one writer in at a time). The check constraint stands behind it.
        taken = OfferWindow.objects.filter(pk=visit.window_id, booked__lt=F("capacity")).update(
            booked=F("booked") + 1
        )
        if not taken:
            raise WindowFull(_("This window is full: no place is left for this visitor."))
        visit.move_to(VisitState.ACCEPTED)
        LearningAgreement.objects.create(
            visit=visit,
            goals=visit.application.learning_goals,
            tasks="",
            host_mentor="",
            observation_rules=visit.offer.observation_rules,
            starts_on=visit.starts_on,
            ends_on=visit.ends_on,
        )
        record(visit, "accept", user)
        mail.tell(visit, mail.ACCEPTED, actor=user)
    return visit


@taken_from_the_page("decline")
def visit_decline(*, visit_id: int, user: "User", reason: str) -> Visit:
    if not (reason or "").strip():
        raise VisitError(_("Say why you decline: the visitor reads it."))
    with transaction.atomic():
        visit = locked(visit_id)
        check(visit, "decline", user)
        visit.move_to(VisitState.DECLINED, reason=reason.strip())
        record(visit, "decline", user, reason=visit.reason)
        mail.tell(visit, mail.DECLINED, actor=user)
    return visit


@taken_from_the_page("cancel")
def visit_cancel(*, visit_id: int, user: "User", reason: str) -> Visit:
    """Cancel before the visit is completed; a place it held is freed."""
    if not (reason or "").strip():
        raise VisitError(_("Say why the visit is cancelled."))
    with transaction.atomic():
        visit = locked(visit_id)
        check(visit, "cancel", user)
        if visit.holds_place:
            OfferWindow.objects.filter(pk=visit.window_id).update(booked=F("booked") - 1)
        visit.move_to(VisitState.CANCELLED, reason=reason.strip())
        record(visit, "cancel", user, reason=visit.reason)
        mail.tell(visit, mail.CANCELLED, actor=user)
    return visit


# --- agenda and the visit itself ---------------------------------------------------------------


def agenda_add(*, visit_id: int, user: "User", item: dict) -> AgendaItem:
    with transaction.atomic():
        visit = locked(visit_id)
        _check_agenda_step(visit, user)
        if not visit.starts_on <= item["day"] <= visit.ends_on:
            raise VisitError(
                _("The day must be one of the visit's days (%(start)s – %(end)s).")
                % {"start": f"{visit.starts_on:%d %b %Y}", "end": f"{visit.ends_on:%d %b %Y}"}
            )
        if item.get("starts_at") and item.get("ends_at") and item["ends_at"] < item["starts_at"]:
            raise VisitError(_("An activity cannot end before it starts."))
        entry = AgendaItem.objects.create(visit=visit, **item)
        record(visit, "agenda_add", user, day=str(entry.day))
    return entry


def agenda_remove(*, visit_id: int, user: "User", item_id: int) -> None:
    with transaction.atomic():
        visit = locked(visit_id)
        _check_agenda_step(visit, user)
        deleted, _count = AgendaItem.objects.filter(pk=item_id, visit=visit).delete()
        if not deleted:
            raise VisitError(_("This agenda item does not exist."))
        record(visit, "agenda_remove", user)


def _check_agenda_step(visit: Visit, user: "User") -> None:
    if HOST not in roles_of(visit, user):
        raise VisitError(_("The host organisation sets the agenda."))
    if visit.state not in HAS_AGENDA:
        raise VisitError(
            _("This visit is %(state)s: the agenda is set between signing and the visit.")
            % {"state": visit.get_state_display()}
        )


@taken_from_the_page("schedule")
def visit_schedule(*, visit_id: int, user: "User") -> Visit:
    with transaction.atomic():
        visit = locked(visit_id)
        check(visit, "schedule", user)
        if not visit.agenda.exists():
            raise VisitError(_("Add the agenda's activities before scheduling the visit."))
        visit.move_to(VisitState.SCHEDULED)
        record(visit, "schedule", user)
        mail.tell(visit, mail.SCHEDULED, actor=user)
    return visit


@taken_from_the_page("complete")
def visit_complete(*, visit_id: int, user: "User") -> Visit:
    """The host confirms the visit took place (from its first day on)."""
    with transaction.atomic():
        visit = locked(visit_id)
        check(visit, "complete", user)
        if timezone.localdate() < visit.starts_on:
            raise VisitError(_("A visit can be confirmed from its first day on."))
        visit.move_to(VisitState.COMPLETED)
        record(visit, "complete", user)
        mail.tell(visit, mail.COMPLETED, actor=user)
    return visit


def visit_mark_reflected(*, visit_id: int, user: "User") -> Visit:
    """The visitor's post-visit reflection is in. The reflection logs (a later step of the
    cycle) call this when the visitor hands theirs in."""
    with transaction.atomic():
        visit = locked(visit_id)
        check(visit, "reflect", user)
        visit.move_to(VisitState.REFLECTED)
        record(visit, "reflect", user)
    return visit
