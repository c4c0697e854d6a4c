"""Daily and weekly digests: what each person chose to hear of in one e-mail, grouped by visit.

A person's digest is due at NOTIFICATION_DIGEST_AT in their own time zone (their admin profile's,
else the site's): every day for the daily one, on Mondays for the weekly one. Its slot is that
local date (the week's Monday for a weekly one), and a DigestSent row per person, period and
slot, created in the transaction that takes the notifications, makes two workers building the
same slot send it once. A digest with nothing in it is not sent.
"""

import datetime as dt
import zoneinfo
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from exchange import notifications
from exchange.notifications import unsubscribe
from exchange.notifications.kinds import Channel
from exchange.notifications.models import DigestSent, Notification

if TYPE_CHECKING:
    from django.contrib.auth.models import User

PERIODS = (Channel.DAILY, Channel.WEEKLY)
NAMES: dict[str, Promise] = {
    Channel.DAILY.value: _("Your daily digest"),
    Channel.WEEKLY.value: _("Your weekly digest"),
}


def zone_of(person) -> zoneinfo.ZoneInfo:
    profile = getattr(person, "wagtail_userprofile", None)
    name = (profile and profile.current_time_zone) or settings.TIME_ZONE
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def due_slot(period: str, now: dt.datetime, zone: dt.tzinfo) -> tuple[dt.date, dt.datetime]:
    """The latest slot of `period` whose hour has come in `zone` at `now`: its date (the day,
    or the week's Monday) and its moment. A digest holds what came before that moment; what
    comes after waits for the next slot, so nothing leaves before the person's hour."""
    local = now.astimezone(zone)
    hour = dt.time.fromisoformat(settings.NOTIFICATION_DIGEST_AT)
    day = local.date()
    if period == Channel.WEEKLY:
        day -= dt.timedelta(days=local.weekday())  # this week's Monday
    step = dt.timedelta(days=7 if period == Channel.WEEKLY else 1)
    moment = dt.datetime.combine(day, hour, tzinfo=zone)
    if moment > now:
        day -= step
        moment = dt.datetime.combine(day, hour, tzinfo=zone)
    return day, moment


BATCH = 200  # digests per transaction: SQLite's commit is a disk write, so fewer is faster


@dataclass
class Due:
    person: "User"
    period: str
    slot: dt.date
    items: list[Notification]


def send_digests(now: dt.datetime | None = None) -> int:
    """Build and send every digest that is due and not sent yet; the number sent."""
    now = now or timezone.now()
    waiting = Notification.objects.filter(channel__in=PERIODS, emailed_at__isnull=True).only(
        "recipient_id", "channel", "subject", "topic", "link", "created_at"
    )
    by_person: dict[tuple[int, str], list[Notification]] = {}
    for item in waiting.order_by("created_at", "pk"):
        by_person.setdefault((item.recipient_id, item.channel), []).append(item)
    people = (
        get_user_model()
        .objects.select_related("wagtail_userprofile")
        .in_bulk({person_id for person_id, _period in by_person})
    )
    due = []
    for (person_id, period), items in sorted(by_person.items(), key=lambda pair: pair[0]):
        person = people[person_id]
        slot, moment = due_slot(period, now, zone_of(person))
        # What came before the slot's moment; what came after waits for the next slot.
        if ready := [item for item in items if item.created_at <= moment]:
            due.append(Due(person, period, slot, ready))
    sent_before = set(
        DigestSent.objects.filter(
            person__in=[d.person for d in due], slot__in={d.slot for d in due}
        ).values_list("person_id", "period", "slot")
    )
    due = [d for d in due if (d.person.pk, d.period, d.slot) not in sent_before]
    sent = 0
    for start in range(0, len(due), BATCH):
        sent += _send_batch(due[start : start + BATCH], now)
    return sent


def _send_batch(batch: list[Due], now: dt.datetime) -> int:
    """The batch's digests in one transaction; if another worker took one of their slots
    meanwhile, each in its own, so only that one is left to the other."""
    try:
        return _take(batch, now)
    except IntegrityError:
        return sum(_take_one(digest, now) for digest in batch) if len(batch) > 1 else 0


def _take_one(digest: Due, now: dt.datetime) -> int:
    try:
        return _take([digest], now)
    except IntegrityError:
        return 0  # another worker sent this slot's digest


def _take(batch: list[Due], now: dt.datetime) -> int:
    with transaction.atomic():
        DigestSent.objects.bulk_create(
            DigestSent(
                person=d.person, period=d.period, slot=d.slot, sent_at=now, items=len(d.items)
            )
            for d in batch
        )
        Notification.objects.filter(
            pk__in=[item.pk for d in batch for item in d.items], emailed_at__isnull=True
        ).update(emailed_at=now)
        messages = [
            digest_message(d.person, d.period, d.items)
            for d in batch
            if d.person.email and d.person.is_active
        ]
        transaction.on_commit(lambda: notifications.send_now(messages), robust=True)
    return len(batch)


def digest_message(person, period: str, items: list[Notification]):
    """The digest e-mail: its items grouped by topic (the visit), each with its link."""
    groups: OrderedDict[str, list[Notification]] = OrderedDict()
    for item in items:
        groups.setdefault(item.topic, []).append(item)
    base = settings.BASE_URL.rstrip("/")
    with translation.override(notifications.language_of(person)):
        subject = ngettext(
            "%(name)s: %(count)s notification", "%(name)s: %(count)s notifications", len(items)
        ) % {"name": NAMES[period], "count": len(items)}
    return notifications.plain_email(
        person,
        subject,
        "exchange/notifications/email/digest.txt",
        {
            "groups": list(groups.items()),
            "base": base,
            "period": period,
            "inbox": base + reverse("notifications"),
            "settings_link": base + reverse("notification_settings"),
        },
        headers=unsubscribe.headers_for_digest(person, period),
    )
