"""Who did what, in Wagtail's audit log. Every action the exchange writes has a name and a label
registered here (the admin's history shows the label); writing an unregistered action is a
programming error, so no entry is ever shown as a bare code."""

from typing import TYPE_CHECKING

from django.db.models import Model
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

if TYPE_CHECKING:
    from django.contrib.auth.models import User

LABELS: dict[str, Promise | str] = {
    "exchange.application.create": _("Application: submitted"),
    "exchange.application.withdraw": _("Application: withdrawn"),
    "exchange.offer.create": _("Hosting offer: created"),
    "exchange.offer.edit": _("Hosting offer: edited"),
    "exchange.invitation.create": _("Invitation: sent"),
    "exchange.invitation.resend": _("Invitation: sent again"),
    "exchange.invitation.revoke": _("Invitation: withdrawn"),
    "exchange.invitation.accept": _("Invitation: accepted"),
    "exchange.profile.edit": _("Profile: edited by its member"),
    "exchange.reflection.submit": _("Reflection: submitted"),
    "exchange.reflection.share": _("Reflection: shared"),
    "exchange.reflection.unshare": _("Reflection: sharing withdrawn"),
    "exchange.excerpt.propose": _("Excerpt: proposed"),
    "exchange.excerpt.revise": _("Excerpt: edited by its author"),
    "exchange.excerpt.suggest": _("Excerpt: edit suggested by a coordinator"),
    "exchange.excerpt.confirm_flags": _("Excerpt: what its author kept confirmed for publication"),
    "exchange.chapter.invite": _("Chapter: an author invited"),
    "exchange.chapter.uninvite": _("Chapter: an author's invitation ended"),
    "exchange.coding.code": _("Excerpt: a span coded"),
    "exchange.coding.uncode": _("Excerpt: a code taken off a span"),
    "exchange.coding.code_edit": _("Code: renamed or described"),
    "exchange.coding.merge": _("Code: merged into another"),
    "exchange.consent.grant": _("Consent: given to an exact text"),
    "exchange.consent.withdraw": _("Consent: withdrawn"),
    "exchange.calendar.create": _("Calendar address: made"),
    "exchange.calendar.renew": _("Calendar address: replaced"),
}


def register(labels: dict[str, Promise | str]) -> None:
    """A capability's actions, registered when its module is loaded."""
    LABELS.update(labels)


def record(instance: Model, action: str, user: "User | None", **data: object) -> None:
    if action not in LABELS:
        raise KeyError(f"{action} is not a registered audit action (exchange/audit.py)")
    log(instance, action, user=user, data=data)
