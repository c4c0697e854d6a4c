"""The learning agreement's steps: editing the draft, signing it, and amending it once signed.
Each is one transaction, as the other steps (exchange/visits/services.py)."""

from datetime import date
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from exchange.visits import mail
from exchange.visits.models import Amendment, LearningAgreement, Visit, VisitState
from exchange.visits.rules import (
    AMENDABLE,
    EDITS_AGREEMENT,
    HOST,
    VISITOR,
    VisitError,
    check_dates,
    roles_of,
)
from exchange.visits.services import check_not_double_booked, locked, record
from exchange.visits.steps import taken_from_the_page

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def agreement_update(*, visit_id: int, user: "User", terms: dict) -> LearningAgreement:
    """Change the draft agreement. A change withdraws both signatures: each side signs the
    text they have read."""
    with transaction.atomic():
        visit = locked(visit_id)
        _check_agreement_step(visit, user)
        agreement = visit.agreement
        check_dates(visit.window, terms["starts_on"], terms["ends_on"])
        check_not_double_booked(visit, terms["starts_on"], terms["ends_on"])
        changed = {name for name, value in terms.items() if getattr(agreement, name) != value}
        if not changed:
            return agreement
        for name in changed:
            setattr(agreement, name, terms[name])
        agreement.visitor_signed_at = agreement.host_signed_at = agreement.host_signed_by = None
        agreement.save()
        Visit.objects.filter(pk=visit.pk).update(
            starts_on=agreement.starts_on, ends_on=agreement.ends_on
        )
        record(visit, "agreement_edit", user, changed=sorted(changed))
    return agreement


@taken_from_the_page("agreement_sign")
def agreement_sign(*, visit_id: int, user: "User") -> LearningAgreement:
    """Sign for one's side (visitor, or a host for the organisation); the second signature
    makes the visit agreed."""
    with transaction.atomic():
        visit = locked(visit_id)
        roles = _check_agreement_step(visit, user)
        agreement = visit.agreement
        missing = agreement.missing_terms()
        if missing:
            raise VisitError(
                _("Complete the agreement before signing: %(fields)s.")
                % {"fields": ", ".join(missing)}
            )
        now = timezone.now()
        if VISITOR in roles and not agreement.visitor_signed_at:
            agreement.visitor_signed_at = now
        elif HOST in roles and not agreement.host_signed_at:
            agreement.host_signed_at, agreement.host_signed_by = now, user
        else:
            raise VisitError(_("You have already signed this agreement."))
        agreement.save(update_fields=["visitor_signed_at", "host_signed_at", "host_signed_by"])
        record(visit, "agreement_sign", user, side=VISITOR if VISITOR in roles else HOST)
        if agreement.is_signed:
            visit.move_to(VisitState.AGREED)
            record(visit, "agree", user)
            mail.tell(visit, mail.AGREED, actor=user)
        else:
            mail.tell(visit, mail.SIGNED, actor=user)
    return agreement


def _check_agreement_step(visit: Visit, user: "User") -> set[str]:
    roles = roles_of(visit, user) & {VISITOR, HOST}
    if not roles:
        raise VisitError(_("Only the visitor and the host sign and edit the agreement."))
    if visit.state not in EDITS_AGREEMENT:
        raise VisitError(
            _("This visit is %(state)s: its agreement is no longer a draft.")
            % {"state": visit.get_state_display()}
        )
    return roles


def amendment_propose(*, visit_id: int, user: "User", reason: str, changes: dict) -> Amendment:
    """Propose a change to the signed agreement; the proposer's side confirms by proposing."""
    changes = {name: value for name, value in changes.items() if value not in ("", None)}
    with transaction.atomic():
        visit = locked(visit_id)
        roles = roles_of(visit, user) & {VISITOR, HOST}
        if not roles:
            raise VisitError(_("Only the visitor and the host amend the agreement."))
        if visit.state not in AMENDABLE:
            raise VisitError(
                _("This visit is %(state)s: its agreement cannot be amended now.")
                % {"state": visit.get_state_display()}
            )
        if not (reason or "").strip():
            raise VisitError(_("Say why the agreement changes."))
        agreement = visit.agreement
        current = agreement.terms()
        changes = {name: value for name, value in changes.items() if current[name] != value}
        if not changes:
            raise VisitError(_("The amendment changes nothing in the agreement."))
        starts_on = changes.get("starts_on", current["starts_on"])
        ends_on = changes.get("ends_on", current["ends_on"])
        check_dates(visit.window, starts_on, ends_on)
        check_not_double_booked(visit, starts_on, ends_on)
        _check_agenda_inside(visit, starts_on, ends_on)
        now = timezone.now()
        try:
            with transaction.atomic():
                amendment = Amendment.objects.create(
                    agreement=agreement,
                    number=agreement.amendments.count() + 1,
                    reason=reason.strip(),
                    proposed_by=user,
                    visitor_confirmed_at=now if VISITOR in roles else None,
                    host_confirmed_at=now if HOST in roles else None,
                    **changes,
                )
        except IntegrityError as error:
            raise VisitError(_("An amendment is already waiting for confirmation.")) from error
        record(visit, "amendment_propose", user, amendment=amendment.number)
        mail.tell(visit, mail.AMENDMENT_PROPOSED, actor=user)
    return amendment


def amendment_decline(*, amendment_id: int, user: "User", reason: str) -> Amendment:
    """The side that has not confirmed a proposed change declines it, saying why: the agreement
    stays as it is, and either side may propose another change."""
    with transaction.atomic():
        amendment = Amendment.objects.select_for_update().get(pk=amendment_id)
        visit = locked(amendment.agreement.visit_id)
        roles = roles_of(visit, user) & {VISITOR, HOST}
        if not roles:
            raise VisitError(_("Only the visitor and the host answer amendments."))
        if not amendment.is_open:
            raise VisitError(_("This amendment is no longer waiting for an answer."))
        mine = amendment.visitor_confirmed_at if VISITOR in roles else amendment.host_confirmed_at
        if mine:
            raise VisitError(_("Your side proposed or confirmed this amendment already."))
        if not (reason or "").strip():
            raise VisitError(_("Say why you decline the amendment."))
        amendment.declined_at, amendment.decline_reason = timezone.now(), reason.strip()
        amendment.save(update_fields=["declined_at", "decline_reason"])
        record(visit, "amendment_decline", user, amendment=amendment.number)
        mail.tell(visit, mail.AMENDMENT_DECLINED, actor=user)
    return amendment


def amendments_in_words(
    agreement: LearningAgreement,
) -> list[tuple[Amendment, list[tuple[str, str, str]]]]:
    """Each amendment with what it changes: (term, before, after), the dates written out, and
    `before` the agreement as it stood when the amendment was proposed over it."""
    current = {name: getattr(agreement, name) for name in Amendment.TERMS}
    found = []
    for amendment in sorted(agreement.amendments.all(), key=lambda a: a.number):
        rows = [
            (
                str(getattr(Amendment._meta.get_field(name), "verbose_name", name)).capitalize(),
                _written(current[name]),
                _written(value),
            )
            for name, value in amendment.changes().items()
        ]
        found.append((amendment, rows))
        if amendment.is_confirmed:
            current.update(amendment.changes())
    return found


def _written(value: object) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if isinstance(value, date) else str(value or "—")


def amendment_confirm(*, amendment_id: int, user: "User") -> Amendment:
    """The other side confirms: the amendment is in force, and the visit's dates follow it."""
    with transaction.atomic():
        amendment = Amendment.objects.select_related("agreement").get(pk=amendment_id)
        visit = locked(amendment.agreement.visit_id)
        roles = roles_of(visit, user) & {VISITOR, HOST}
        now = timezone.now()
        if amendment.declined_at and roles:
            raise VisitError(_("This amendment was declined."))
        if VISITOR in roles and not amendment.visitor_confirmed_at:
            amendment.visitor_confirmed_at = now
        elif HOST in roles and not amendment.host_confirmed_at:
            amendment.host_confirmed_at = now
        elif roles:
            raise VisitError(_("You have already confirmed this amendment."))
        else:
            raise VisitError(_("Only the visitor and the host confirm amendments."))
        if visit.state not in AMENDABLE:
            raise VisitError(_("This visit can no longer be amended."))
        amendment.save(update_fields=["visitor_confirmed_at", "host_confirmed_at"])
        terms = amendment.agreement.terms()
        check_not_double_booked(visit, terms["starts_on"], terms["ends_on"])
        _check_agenda_inside(visit, terms["starts_on"], terms["ends_on"])  # it may have grown
        Visit.objects.filter(pk=visit.pk).update(
            starts_on=terms["starts_on"], ends_on=terms["ends_on"]
        )
        record(visit, "amendment_confirm", user, amendment=amendment.number)
        mail.tell(visit, mail.AMENDMENT_CONFIRMED, actor=user)
    return amendment


def _check_agenda_inside(visit: Visit, starts_on: date, ends_on: date) -> None:
    """New dates must keep every agenda day: the host moves or removes the others first, so no
    planned activity is dropped or left on a day the visit no longer has."""
    outside = sorted(
        {
            day
            for day in visit.agenda.values_list("day", flat=True)
            if not starts_on <= day <= ends_on
        }
    )
    if outside:
        raise VisitError(
            _(
                "The agenda has activities on %(days)s, outside the new dates: the host moves "
                "or removes them first."
            )
            % {"days": ", ".join(f"{day:%d %b %Y}" for day in outside)}
        )
