"""A person's inbox and channel choices: read, mark read, choose."""

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from exchange.notifications.kinds import BY_KEY, KINDS, Channel, Kind
from exchange.notifications.models import Notification, NotificationChoice

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def channels_of(person: "User") -> dict[str, str]:
    """Each kind's channel for `person` (one query)."""
    chosen = dict(NotificationChoice.objects.filter(person=person).values_list("kind", "channel"))
    return {
        kind.key: Channel.AT_ONCE if kind.fixed_because else chosen.get(kind.key, kind.default)
        for kind in KINDS
    }


def choose(person: "User", choices: dict[str, str]) -> list[Kind]:
    """Set `person`'s channel for each kind named; the kinds that changed."""
    changed = []
    current = channels_of(person)
    with transaction.atomic():
        for key, channel in choices.items():
            kind = BY_KEY[key]
            if kind.fixed_because or channel not in Channel.values or current[key] == channel:
                continue
            NotificationChoice.objects.update_or_create(
                person=person, kind=key, defaults={"channel": channel}
            )
            changed.append(kind)
    return changed


def set_time_zone(person: "User", zone: str) -> bool:
    """Keep `person`'s time zone (Wagtail's profile holds it); whether it changed."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(person)
    if profile.current_time_zone == zone:
        return False
    profile.current_time_zone = zone
    profile.save(update_fields=["current_time_zone"])
    return True


def unread_count(person: "User") -> int:
    return Notification.objects.filter(recipient=person, read_at__isnull=True).count()


def mark_all_read(person: "User") -> int:
    return Notification.objects.filter(recipient=person, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def open_notification(person: "User", pk: int) -> Notification | None:
    """The person's own notification, marked read; None for anyone else's."""
    notification = Notification.objects.filter(recipient=person, pk=pk).first()
    if notification is not None and notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification
