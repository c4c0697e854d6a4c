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


def send_digests(now: dt.datetime | None = None) -> int:
    """Build and send every digest that is due and not sent yet; the number sent."""
    now = now or timezone.now()
    waiting = set(
        Notification.objects.filter(channel__in=PERIODS, emailed_at__isnull=True)
        .values_list("recipient_id", "channel")
        .distinct()
    )
    people = (
        get_user_model()
        .objects.select_related("wagtail_userprofile")
        .in_bulk({person_id for person_id, _channel in waiting})
    )
    sent = 0
    for person_id, period in sorted(waiting):
        person = people[person_id]
        slot, moment = due_slot(period, now, zone_of(person))
        if DigestSent.objects.filter(person=person, period=period, slot=slot).exists():
            continue  # this slot's digest went; what came since waits for the next
        sent += _send_one(person, period, slot, moment, now)
    return sent


def _send_one(person, period: str, slot: dt.date, moment: dt.datetime, now: dt.datetime) -> int:
    try:
        with transaction.atomic():
            DigestSent.objects.create(person=person, period=period, slot=slot, sent_at=now)
            items = list(
                Notification.objects.filter(
                    recipient=person,
                    channel=period,
                    emailed_at__isnull=True,
                    created_at__lte=moment,
                ).order_by("created_at", "pk")
            )
            if not items:
                transaction.set_rollback(True)  # nothing to tell: no digest, no slot taken
                return 0
            Notification.objects.filter(pk__in=[item.pk for item in items]).update(emailed_at=now)
            DigestSent.objects.filter(person=person, period=period, slot=slot).update(
                items=len(items)
            )
            if person.email and person.is_active:
                message = digest_message(person, period, items)
                transaction.on_commit(lambda: notifications.send_now([message]), robust=True)
    except IntegrityError:
        return 0  # another worker sent this slot's digest
    return 1


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
