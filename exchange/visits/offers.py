"""Hosting offers: a host saves an offer of their organisation with its date windows, in one
transaction with an audit entry. A window's places taken (`booked`) belong to the accept and
cancel steps: saving an offer never writes them, and a capacity below the places taken at the
moment of saving (an accept may have committed since the form was read) is refused, with
nothing saved."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from exchange import audit
from exchange.visits.models import HostingOffer, OfferWindow
from exchange.visits.rules import VisitError, hosted_organisation_id

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class OfferError(VisitError):
    """The offer cannot be saved as it is; the message says why, and nothing was saved."""


@dataclass(frozen=True)
class WindowTerms:
    starts_on: date
    ends_on: date
    capacity: int
    window_id: int | None = None  # an existing window of the offer; None for a new one
    remove: bool = False


def offer_save(
    *,
    offer: HostingOffer,
    fields: dict,
    relations: dict[str, Iterable],
    windows: list[WindowTerms],
    user: "User",
) -> HostingOffer:
    """Create or change `offer` (its own fields, its many-to-many `relations` and its windows).
    All or nothing."""
    if hosted_organisation_id(user) != offer.organisation_id:
        raise OfferError(_("Only the hosts of an organisation publish its offers."))
    creating = offer.pk is None
    with transaction.atomic():
        for name, value in fields.items():
            setattr(offer, name, value)
        if creating:
            offer.created_by = user
        offer.save()
        for name, values in relations.items():
            getattr(offer, name).set(values)
        for terms in windows:
            _save_window(offer, terms)
        if not offer.windows.exists():
            raise OfferError(_("An offer needs at least one date window."))
        action = "exchange.offer.create" if creating else "exchange.offer.edit"
        audit.record(offer, action, user, windows=offer.windows.count())
    return offer


def _save_window(offer: HostingOffer, terms: WindowTerms) -> None:
    if terms.window_id is None:
        if not terms.remove:
            OfferWindow.objects.create(
                offer=offer,
                starts_on=terms.starts_on,
                ends_on=terms.ends_on,
                capacity=terms.capacity,
            )
        return
    existing = OfferWindow.objects.filter(pk=terms.window_id, offer=offer)
    window = existing.first()
    if window is None:
        raise OfferError(_("A window of this offer was removed meanwhile. Nothing was saved."))
    if terms.remove:
        try:
            window.delete()
        except ProtectedError as error:
            raise OfferError(
                _("The window %(window)s has visits: it cannot be removed. Nothing was saved.")
                % {"window": window}
            ) from error
        return
    # The conditional update compares with the places taken now, not when the form was read.
    written = existing.filter(booked__lte=terms.capacity).update(
        starts_on=terms.starts_on, ends_on=terms.ends_on, capacity=terms.capacity
    )
    if not written:
        booked = existing.values_list("booked", flat=True).get()
        raise OfferError(
            _(
                "%(booked)s places of the window %(window)s are taken: its capacity cannot be "
                "lower. Nothing was saved."
            )
            % {"booked": booked, "window": window}
        )
