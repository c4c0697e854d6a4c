"""One-click unsubscribe from a kind of notification: a signed link in every e-mail sent at
once, and the RFC 8058 headers that let a mail program use it without opening the site. The
link names the person and the kind, signed with the site's key (SECRET_KEY, and its fallbacks
after a rotation): nobody can make one for someone else. Following it moves that kind to "only
on the site"; the inbox keeps it."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from exchange.notifications.kinds import BY_KEY, Kind

SALT = "exchange.notifications.unsubscribe"


def token(person, kind: Kind) -> str:
    return signing.dumps([person.pk, kind.key], salt=SALT)


def read(value: str) -> tuple[int, Kind] | None:
    """(the person's id, the kind) a token names, or None for one that is not ours."""
    try:
        person_id, key = signing.loads(value, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(person_id, int) or key not in BY_KEY or BY_KEY[key].fixed_because:
        return None
    return person_id, BY_KEY[key]


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
