"""The steps of taking a visit home, each one transaction: listing the practices a visit shows
(the host on the programme, the visitor against a goal or afterwards), the visitor's intention
for each, their answers at each follow-up, and what they passed on. Refusals raise
TransferError with the reason; nothing changes then."""

import calendar
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.models import PracticePage
from exchange import audit, notifications
from exchange.notifications import kinds
from exchange.reflections.services import clean_text, goals_of
from exchange.roles import coordinators
from exchange.transfer.models import (
    FOLLOW_UP_MONTHS,
    MAX_COLLEAGUES,
    Concern,
    FollowUp,
    Helped,
    Hindered,
    Intention,
    PassedOn,
    PassedOnKind,
    PracticeSeen,
    Status,
)
from exchange.visits import services as visits
from exchange.visits.models import Visit, VisitState
from exchange.visits.rules import VisitError, roles_of
from exchange.visits.steps import HOST, VISITOR

if TYPE_CHECKING:
    from django.contrib.auth.models import User

BEFORE = (VisitState.AGREED, VisitState.SCHEDULED)  # the programme is being set
TOOK_PLACE = (VisitState.COMPLETED, VisitState.REFLECTED)
LISTS_PRACTICES = BEFORE + TOOK_PLACE


audit.register(
    {
        "exchange.transfer.practice_add": gettext_lazy("Visit: a practice seen listed"),
        "exchange.transfer.practice_remove": gettext_lazy("Visit: a practice seen taken off"),
        "exchange.transfer.intention": gettext_lazy("Visit: what the visitor means to do said"),
        "exchange.transfer.follow_up": gettext_lazy("Visit: a follow-up answered"),
        "exchange.transfer.passed_on": gettext_lazy("Visit: something passed on recorded"),
    }
)


def _record(visit: Visit, step: str, user: "User", **data: object) -> None:
    audit.record(visit, f"exchange.transfer.{step}", user, **data)


class TransferError(Exception):
    """A step that cannot be taken; the message says why, and nothing changed."""


def opens_on(visit: Visit, months: int) -> date:
    """The day a follow-up opens: `months` after the visit's last day (the month's last day
    when it has fewer days)."""
    index = visit.ends_on.month - 1 + months
    year, month = visit.ends_on.year + index // 12, index % 12 + 1
    return date(year, month, min(visit.ends_on.day, calendar.monthrange(year, month)[1]))


def _locked(visit_id: int) -> Visit:
    try:
        return visits.locked(visit_id)
    except VisitError as error:
        raise TransferError(str(error)) from error


def _check_visitor(visit: Visit, user: "User") -> None:
    if visit.visitor_id != user.pk:
        raise TransferError(_("Only the visitor records what they take home."))
    if visit.state not in TOOK_PLACE:
        raise TransferError(_("This can be recorded once the visit has taken place."))


def practice_add(*, visit_id: int, user: "User", practice_id: int, goal: str = "") -> PracticeSeen:
    """A practice the visit shows: the host lists it on the programme before the visit; the
    visitor before or after it, against one of their learning goals or none."""
    with transaction.atomic():
        visit = _locked(visit_id)
        roles = roles_of(visit, user)
        if VISITOR not in roles and not (HOST in roles and visit.state in BEFORE):
            raise TransferError(
                _("The visitor lists the practices they saw; the host, before the visit.")
            )
        if visit.state not in LISTS_PRACTICES or visit.visitor_id is None:
            raise TransferError(
                _("Practices are listed once the agreement is signed, and after the visit.")
            )
        if goal and goal not in goals_of(visit):
            raise TransferError(_("Choose one of the visit's learning goals, or none."))
        practice = PracticePage.objects.live().filter(pk=practice_id).first()
        if practice is None:
            raise TransferError(_("This practice is not in the library."))
        try:
            with transaction.atomic():
                seen = PracticeSeen.objects.create(
                    visit=visit,
                    visitor_id=visit.visitor_id,
                    practice=practice,
                    practice_key=practice.translation_key,
                    goal=goal,
                    added_by=user,
                )
        except IntegrityError as error:
            listed = _("“%s” is already on this visit's list.") % practice.title
            raise TransferError(listed) from error
        _record(visit, "practice_add", user, practice=practice.pk)
        return seen


def practice_remove(*, visit_id: int, user: "User", seen_id: int) -> None:
    with transaction.atomic():
        visit = _locked(visit_id)
        seen = PracticeSeen.objects.filter(pk=seen_id, visit=visit).first()
        if seen is None:
            raise TransferError(_("This practice is not on the visit's list."))
        roles = roles_of(visit, user)
        if VISITOR not in roles and not (HOST in roles and visit.state in BEFORE):
            raise TransferError(_("Only the visitor, or the host before the visit, can remove it."))
        if seen.follow_ups.exists():
            raise TransferError(
                _("A follow-up has been answered about this practice: it stays on the list.")
            )
        seen.delete()
        _record(visit, "practice_remove", user)


def intention_record(
    *, visit_id: int, user: "User", seen_id: int, intention: str, why: str = ""
) -> PracticeSeen:
    """What the visitor means to do with a practice they saw: adopt it, adapt it, or not."""
    if intention not in Intention.values:
        raise TransferError(_("Choose what you mean to do with the practice."))
    why = clean_text(why)
    with transaction.atomic():
        visit = _locked(visit_id)
        _check_visitor(visit, user)
        seen = PracticeSeen.objects.filter(pk=seen_id, visit=visit).first()
        if seen is None:
            raise TransferError(_("This practice is not on the visit's list."))
        seen.intention, seen.intention_why, seen.intended_at = intention, why, timezone.now()
        seen.save(update_fields=["intention", "intention_why", "intended_at"])
        _record(visit, "intention", user)
        return seen


def asked_at_follow_up(visit: Visit) -> list[PracticeSeen]:
    """The practices a follow-up asks about: every one seen, but those "not for us"."""
    return [
        seen
        for seen in visit.practices_seen.select_related("practice")
        if seen.intention != Intention.NOT_FOR_US
    ]


def why_follow_up_closed(visit: Visit, month: int, today: date | None = None) -> str:
    today = today or timezone.localdate()
    if month not in FOLLOW_UP_MONTHS:
        return _("There is no follow-up at %(months)s months.") % {"months": month}
    if visit.state not in TOOK_PLACE:
        return _("The follow-ups come after the visit.")
    if today < (opens := opens_on(visit, month)):
        return _("This follow-up opens on %(date)s.") % {"date": date_format(opens)}
    return ""


def follow_up_answer(
    *, visit_id: int, user: "User", month: int, answers: dict[int, dict], today: date | None = None
) -> list[FollowUp]:
    """One follow-up, answered once for every practice it asks about: all of it is saved, or
    none. `answers` holds, per practice seen, its status, what helped and what got in the way
    (lists of their values) and a note."""
    with transaction.atomic():
        visit = _locked(visit_id)
        _check_visitor(visit, user)
        if reason := why_follow_up_closed(visit, month, today):
            raise TransferError(reason)
        asked = asked_at_follow_up(visit)
        if not asked:
            raise TransferError(_("No practice seen on this visit is left to follow up."))
        if FollowUp.objects.filter(seen__visit=visit, month=month).exists():
            raise TransferError(_("This follow-up has been answered already."))
        if set(answers) != {seen.pk for seen in asked}:
            raise TransferError(_("Answer for each practice on the list."))
        saved = []
        for seen in asked:
            answer = answers[seen.pk]
            if answer.get("status") not in Status.values:
                raise TransferError(_("Say where each practice stands."))
            helped, hindered = list(answer.get("helped", [])), list(answer.get("hindered", []))
            if not set(helped) <= set(Helped.values) or not set(hindered) <= set(Hindered.values):
                raise TransferError(_("Choose from the answers offered."))
            saved.append(
                FollowUp.objects.create(
                    seen=seen,
                    month=month,
                    status=answer["status"],
                    helped=helped,
                    hindered=hindered,
                    note=clean_text(answer.get("note", "")),
                )
            )
        for follow_up in saved:
            # The latest follow-up answered says where the practice stands now.
            if not follow_up.seen.follow_ups.filter(month__gt=month).exists():
                follow_up.seen.latest_status = follow_up.status
                follow_up.seen.save(update_fields=["latest_status"])
        _record(visit, "follow_up", user, month=month)
        return saved


def passed_on_add(
    *,
    visit_id: int,
    user: "User",
    kind: str,
    on: date,
    colleagues: int,
    seen_id: int | None = None,
    note: str = "",
) -> PassedOn:
    """Something the visitor did at home with what they learned."""
    if kind not in PassedOnKind.values:
        raise TransferError(_("Choose what you did."))
    if not 0 <= colleagues <= MAX_COLLEAGUES:
        raise TransferError(
            _("Colleagues reached: a number from 0 to %(max)s.") % {"max": f"{MAX_COLLEAGUES:,}"}
        )
    note = clean_text(note)
    with transaction.atomic():
        visit = _locked(visit_id)
        _check_visitor(visit, user)
        if on < visit.starts_on:
            raise TransferError(_("This is before the visit: choose a day after it began."))
        if on > timezone.localdate():
            raise TransferError(_("This day has not come yet: record it once it has happened."))
        seen = None
        if seen_id is not None:
            seen = PracticeSeen.objects.filter(pk=seen_id, visit=visit).first()
            if seen is None:
                raise TransferError(_("This practice is not on the visit's list."))
        item = PassedOn.objects.create(
            visit=visit, author=user, seen=seen, kind=kind, on=on, colleagues=colleagues, note=note
        )
        _record(visit, "passed_on", user)
        return item


def passed_on_remove(*, visit_id: int, user: "User", item_id: int) -> None:
    with transaction.atomic():
        deleted, _count = PassedOn.objects.filter(
            pk=item_id, visit_id=visit_id, author=user
        ).delete()
        if not deleted:
            raise TransferError(_("This is not on your list."))


def concern_report(*, practice: PracticePage, user: "User", text: str) -> Concern:
    """A harm or a concern about a practice, for the coordinators: each is told that there is
    one (the words stay on the site, for the coordinators alone)."""
    text = clean_text(text)
    if not text:
        raise TransferError(_("Say what happened or what worries you."))
    with transaction.atomic():
        concern = Concern.objects.create(
            practice=practice, practice_title=practice.title[:255], reporter=user, text=text
        )
        notifications.mail_after_commit(
            list(coordinators()),
            gettext_lazy("A concern about the practice “%(title)s”"),
            "exchange/transfer/email/concern.txt",
            {
                "title": practice.title,
                "link": settings.BASE_URL.rstrip("/") + reverse("transfer_concerns"),
            },
            kind=kinds.COORDINATION,
        )
        return concern
