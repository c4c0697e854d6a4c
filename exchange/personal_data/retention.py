"""Retention as a schedule, not a promise. Each kind of personal data is kept for a period set
in settings (RETENTION_DAYS, parsed from the environment); its owner is told by e-mail
RETENTION_WARNING_DAYS before it goes, once, then it is deleted, or, for an account nobody has
signed in to, erased as the member's own erasure does. The daily job `apply-retention` does
both (exchange/tasks.py); the admin's "Retention" page and the privacy notice show the same
schedule, from here."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Min
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from allauth.usersessions.models import UserSession

from exchange import notifications
from exchange.notifications.models import Notification
from exchange.personal_data.models import RetentionWarning
from exchange.reflections.models import ReflectionEntry
from exchange.surveys.models import SurveyResponse
from exchange.transfer.models import PassedOn, PracticeSeen
from exchange.visits.models import VisitMessage

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class Item:
    """Something of one owner's that goes on `due_on`: never its content, only what it is."""

    kind: str
    key: int  # the account's, the visit's or the session's id
    owner: "User"
    due_on: date
    what: str


@dataclass(frozen=True)
class Kind:
    name: str  # its key in settings.RETENTION_DAYS
    label: Promise  # what is kept, as the privacy notice and the admin name it
    counted_from: Promise  # when its period starts
    then: Promise  # what happens when it ends
    found: Callable[[date, int], Iterable[Item]]  # the items due on or before a day
    remove: Callable[[Item], None]
    warns: bool = True  # some things go without a word (a record of a past sign-in)

    @property
    def days(self) -> int:
        return settings.RETENTION_DAYS[self.name]


def _accounts(until: date, days: int) -> Iterable[Item]:
    """Accounts nobody has signed in to for `days` (the never used: since they were made)."""
    people = (
        get_user_model()
        .objects.filter(is_active=True, is_superuser=False)
        .annotate(last_seen=Coalesce("last_login", "date_joined"))
        .filter(last_seen__date__lte=until - timedelta(days=days))
    )
    for person in people:
        due = timezone.localdate(person.last_seen) + timedelta(days=days)
        yield Item("inactive_account", person.pk, person, due, str(_("Your account")))


def _erase_account(item: Item) -> None:
    from exchange.personal_data.services import erase

    erase(item.owner)


def _by_visit(model, author_field: str, what) -> Callable[[date, int], Iterable[Item]]:
    """Each person's rows about each visit that ended `days` ago or earlier."""

    def found(until: date, days: int) -> Iterable[Item]:
        rows = (
            model.objects.filter(visit__ends_on__lte=until - timedelta(days=days))
            .values(
                "visit", author_field, "visit__ends_on", "visit__window__offer__organisation__title"
            )
            .distinct()
        )
        people = get_user_model().objects.in_bulk({row[author_field] for row in rows})
        for row in rows:
            yield Item(
                model._meta.model_name,
                row["visit"],
                people[row[author_field]],
                row["visit__ends_on"] + timedelta(days=days),
                str(what) % {"organisation": row["visit__window__offer__organisation__title"]},
            )

    return found


def _delete_by_visit(model, author_field: str) -> Callable[[Item], None]:
    def remove(item: Item) -> None:
        model.objects.filter(visit_id=item.key, **{author_field: item.owner}).delete()

    return remove


TAKE_HOME = _("What you took home from the visit to %(organisation)s")


def _take_home(until: date, days: int) -> Iterable[Item]:
    """Each visitor's take-home of each visit: the practices seen (with their intentions and
    follow-ups) and what they passed on, one item per visit."""
    found: dict[tuple[int, int], Item] = {}
    for model, owner in ((PracticeSeen, "visitor"), (PassedOn, "author")):
        for item in _by_visit(model, owner, TAKE_HOME)(until, days):
            found.setdefault((item.key, item.owner.pk), replace(item, kind="take_home"))
    return found.values()


def _delete_take_home(item: Item) -> None:
    PracticeSeen.objects.filter(visit_id=item.key, visitor=item.owner).delete()
    PassedOn.objects.filter(visit_id=item.key, author=item.owner).delete()


def _sessions(until: date, days: int) -> Iterable[Item]:
    old = UserSession.objects.filter(last_seen_at__date__lte=until - timedelta(days=days))
    for session in old.select_related("user"):
        due = timezone.localdate(session.last_seen_at) + timedelta(days=days)
        yield Item("sessions", session.pk, session.user, due, str(_("A record of a sign-in")))


def _notifications(until: date, days: int) -> Iterable[Item]:
    """Each person's notifications made `days` ago or earlier: one item per person."""
    cutoff = until - timedelta(days=days)
    old = (
        Notification.objects.filter(created_at__date__lte=cutoff)
        .values("recipient")
        .annotate(oldest=Min("created_at"))
    )
    people = get_user_model().objects.in_bulk({row["recipient"] for row in old})
    for row in old:
        due = timezone.localdate(row["oldest"]) + timedelta(days=days)
        yield Item("notification", row["recipient"], people[row["recipient"]], due, "")


def _delete_notifications(item: Item) -> None:
    cutoff = timezone.localdate() - timedelta(days=BY_NAME["notification"].days)
    Notification.objects.filter(recipient=item.owner, created_at__date__lte=cutoff).delete()


KINDS = [
    Kind(
        "inactive_account",
        _("Your account, profile and everything it holds"),
        _("after your last sign-in"),
        _("erased, as when you delete your account"),
        _accounts,
        _erase_account,
    ),
    Kind(
        "reflectionentry",
        _("Your reflection log about a visit"),
        _("after the visit"),
        _("deleted (excerpts you consented to keep their own text)"),
        _by_visit(
            ReflectionEntry, "author", _("Your reflection log about the visit to %(organisation)s")
        ),
        _delete_by_visit(ReflectionEntry, "author"),
    ),
    Kind(
        "visitmessage",
        _("The messages you wrote about a visit"),
        _("after the visit"),
        _("deleted"),
        _by_visit(VisitMessage, "author", _("Your messages about the visit to %(organisation)s")),
        _delete_by_visit(VisitMessage, "author"),
    ),
    Kind(
        "surveyresponse",
        _("Your survey answers about a visit"),
        _("after the visit"),
        _("deleted (a published report keeps the figures it froze)"),
        _by_visit(
            SurveyResponse,
            "respondent",
            _("Your survey answers about the visit to %(organisation)s"),
        ),
        _delete_by_visit(SurveyResponse, "respondent"),
    ),
    Kind(
        "take_home",
        _("What you took home from a visit: practices seen, intentions, follow-ups, passed on"),
        _("after the visit"),
        _("deleted (a published report keeps the figures it froze)"),
        _take_home,
        _delete_take_home,
    ),
    Kind(
        "notification",
        _("Your notifications on the site"),
        _("after each was made"),
        _("deleted"),
        _notifications,
        _delete_notifications,
        warns=False,
    ),
    Kind(
        "sessions",
        _("Records of your sign-ins (device, browser, IP address)"),
        _("after the sign-in was last used"),
        _("deleted"),
        _sessions,
        lambda item: UserSession.objects.filter(pk=item.key).delete(),
        warns=False,
    ),
]
BY_NAME = {kind.name: kind for kind in KINDS}


def schedule(until: date) -> list[Item]:
    """Everything due on or before `until`, soonest first."""
    items = [item for kind in KINDS for item in kind.found(until, kind.days)]
    return sorted(items, key=lambda item: (item.due_on, item.kind, item.key))


def apply(today: date | None = None) -> tuple[int, int]:
    """Warn each owner once of what goes within the warning period, and remove what is due.
    The numbers of warnings sent and of items removed."""
    today = today or timezone.localdate()
    warn_until = today + timedelta(days=settings.RETENTION_WARNING_DAYS)
    coming = [
        item for item in schedule(warn_until) if item.due_on > today and BY_NAME[item.kind].warns
    ]
    warned = _warn(coming)
    removed = 0
    for item in schedule(today):
        with transaction.atomic():
            BY_NAME[item.kind].remove(item)
        removed += 1
    return warned, removed


def _warn(items: list[Item]) -> int:
    """One e-mail per owner for what of theirs is not warned of yet; each warning recorded in
    the transaction that sends it, so a second run sends nothing again."""
    warned = set(
        RetentionWarning.objects.filter(owner__in={item.owner.pk for item in items}).values_list(
            "kind", "key", "owner", "due_on"
        )
    )
    by_owner: dict[int, list[Item]] = {}
    for item in items:
        if (item.kind, item.key, item.owner.pk, item.due_on) not in warned:
            by_owner.setdefault(item.owner.pk, []).append(item)
    sent = 0
    for owned in by_owner.values():
        owner = owned[0].owner
        try:
            with transaction.atomic():
                for item in owned:
                    RetentionWarning.objects.create(
                        kind=item.kind, key=item.key, owner=owner, due_on=item.due_on
                    )
                message = notifications.email(
                    owner,
                    _("What the platform will delete on your behalf soon"),
                    "exchange/personal_data/email/retention_warning.txt",
                    {
                        "items": owned,
                        "account": any(item.kind == "inactive_account" for item in owned),
                        "link": settings.BASE_URL + reverse("personal_data"),
                    },
                    kind=notifications.ACCOUNT,
                )
                notifications.deliver([message])
        except IntegrityError:
            continue  # another run warned them at the same moment
        sent += 1
    return sent


def in_words(days: int) -> str:
    """A period as people say it: whole years, else whole months (of 30 days), else days."""
    if days >= 365 and days % 365 == 0:
        years = days // 365
        return ngettext("%(n)s year", "%(n)s years", years) % {"n": years}
    if days >= 60 and days % 30 == 0:
        months = days // 30
        return ngettext("%(n)s month", "%(n)s months", months) % {"n": months}
    return ngettext("%(n)s day", "%(n)s days", days) % {"n": days}


def periods() -> list[dict]:
    """Each kind with its period, for the privacy notice."""
    return [
        {
            "label": kind.label,
            "days": kind.days,
            "kept_for": in_words(kind.days),
            "counted_from": kind.counted_from,
            "then": kind.then,
            "warns": kind.warns,
        }
        for kind in KINDS
    ]
