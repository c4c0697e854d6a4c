"""One-click unsubscribe from a kind of notification: a signed link in every e-mail sent at
once, and the RFC 8058 headers that let a mail program use it without opening the site. The
link names the person and the kind, signed with the site's key (SECRET_KEY, and its fallbacks
after a rotation): nobody can make one for someone else. Following it moves that kind to "only
on the site"; the inbox keeps it."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from exchange.notifications.kinds import BY_KEY, Channel, Kind

DIGESTS = (Channel.DAILY, Channel.WEEKLY)

SALT = "exchange.notifications.unsubscribe"


def token(person, kind: Kind | str) -> str:
    """A token for one kind, or for a digest ("daily", "weekly": every kind it gathers)."""
    key = kind if isinstance(kind, str) else kind.key
    return signing.dumps([person.pk, key], salt=SALT)


def read(value: str) -> tuple[int, str] | None:
    """(the person's id, the kind's key or the digest's period) a token names, or None for
    one that is not ours or names a kind that cannot be turned off."""
    try:
        person_id, key = signing.loads(value, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(person_id, int) or not isinstance(key, str):
        return None
    if key in DIGESTS or (key in BY_KEY and not BY_KEY[key].fixed_because):
        return person_id, key
    return None


def links(person, kind: Kind) -> dict[str, str]:
    base = settings.BASE_URL.rstrip("/")
    found = {"settings": base + reverse("notification_settings")}
    if not kind.fixed_because:
        address = reverse("notification_unsubscribe", args=[token(person, kind)])
        found["unsubscribe"] = base + address
    return found


def headers(person, kind: Kind) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{links(person, kind)['unsubscribe']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def headers_for_digest(person, period: str) -> dict[str, str]:
    """A digest's one-click unsubscribe: every kind it gathers moves to "only on the site"."""
    base = settings.BASE_URL.rstrip("/")
    address = base + reverse("notification_unsubscribe", args=[token(person, period)])
    return {
        "List-Unsubscribe": f"<{address}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
