"""Saving a hosting offer with its windows (offers.offer_save): one transaction with an audit
entry; the places taken belong to the accept and cancel steps, and a capacity below the places
taken at the moment of saving is refused with nothing saved."""

from wagtail.models import ModelLogEntry

import pytest

from demo.factories import apply, make_member
from exchange.visits import offers
from exchange.visits import services as visits
from exchange.visits.models import HostingOffer, OfferWindow

pytestmark = pytest.mark.django_db


def terms(window, **changes) -> offers.WindowTerms:
    values = {
        "starts_on": window.starts_on,
        "ends_on": window.ends_on,
        "capacity": window.capacity,
        "window_id": window.pk,
    }
    return offers.WindowTerms(**{**values, **changes})


def save(network, *windows, user=None):
    return offers.offer_save(
        offer=HostingOffer.objects.get(pk=network.offer.pk),
        fields={"title": "Family counselling, observed (fictional)"},
        relations={},
        windows=list(windows),
        user=user or network.host,
    )


def accept_one(network):
    visit = apply(make_member(network.visitor_org), network.window).visits.get()
    visits.visit_accept(visit_id=visit.pk, user=network.host)


def test_a_stale_form_keeps_the_places_taken_meanwhile(network):
    stale = terms(network.window, capacity=3)  # read while nothing is booked
    accept_one(network)
    save(network, stale)
    network.window.refresh_from_db()
    assert (network.window.capacity, network.window.booked) == (3, 1)


def test_a_capacity_below_the_places_taken_meanwhile_is_refused_with_nothing_saved(network):
    stale = terms(network.window, capacity=1)  # 1 visitor is fine while nothing is booked
    accept_one(network)
    accept_one(network)
    with pytest.raises(offers.OfferError, match="2 places"):
        save(
            network, stale, offers.WindowTerms(network.window.starts_on, network.window.ends_on, 1)
        )
    network.window.refresh_from_db()
    assert (network.window.capacity, network.window.booked) == (2, 2)
    assert OfferWindow.objects.filter(offer=network.offer).count() == 1  # the new one rolled back


def test_a_window_with_visits_is_not_removed(network):
    apply(network.visitor, network.window)
    with pytest.raises(offers.OfferError, match="has visits"):
        save(network, terms(network.window, remove=True))
    assert OfferWindow.objects.filter(pk=network.window.pk).exists()


def test_an_offer_keeps_a_window(network):
    with pytest.raises(offers.OfferError, match="at least one date window"):
        save(network, terms(network.window, remove=True))


def test_only_the_organisations_hosts_save_its_offers(network):
    for person in (network.colleague, network.visitor, network.outsider):
        with pytest.raises(offers.OfferError, match="Only the hosts"):
            save(network, terms(network.window, capacity=5), user=person)
    network.window.refresh_from_db()
    assert network.window.capacity == 2


def test_creating_and_editing_an_offer_is_in_the_audit_log(network):
    offer = offers.offer_save(
        offer=HostingOffer(organisation=network.host_org),
        fields={
            "title": "Prison mentoring, observed (fictional)",
            "description": "Mentoring sessions.",
            "observation_rules": "No phones.",
        },
        relations={},
        windows=[offers.WindowTerms(network.window.starts_on, network.window.ends_on, 2)],
        user=network.host,
    )
    save(network, terms(network.window, capacity=4))
    assert offer.created_by == network.host
    entries = ModelLogEntry.objects.filter(user=network.host).order_by("pk")
    assert [entry.action for entry in entries] == ["exchange.offer.create", "exchange.offer.edit"]
    assert entries[0].object_id == str(offer.pk)
