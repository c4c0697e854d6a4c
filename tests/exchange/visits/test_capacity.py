"""A window's capacity holds under concurrent accepts, on SQLite and on PostgreSQL (CI runs the
suite on both): 50 requests at once, through the real view, each thread on its own database
connection."""

import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import connection
from django.test import Client
from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest

from demo.factories import apply, make_member, make_offer
from demo.page_factories import make_library, make_organisation
from exchange.visits.models import LearningAgreement, OfferWindow, Visit, VisitState

REQUESTS = 50
CAPACITY = 5
DOUBLE_CLICKED = 10  # visits whose accept is sent twice at once


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_parallel_accepts_fill_the_window_exactly(home_page):
    _library, organisations = make_library(home_page)
    host_org = make_organisation(organisations, title="Fictional Port Counselling", country="BE")
    visitor_org = make_organisation(organisations, title="Fictional Lake Mentors", country="SE")
    host = make_member(host_org, hosts=True)
    offer = make_offer(host_org, windows=((10, 40, CAPACITY),))
    window = offer.windows.get()
    proposed = [
        apply(make_member(visitor_org), window).visits.get()
        for _ in range(REQUESTS - DOUBLE_CLICKED)
    ]
    targets = proposed + proposed[:DOUBLE_CLICKED]
    clients = []
    for _ in targets:  # signed in before the race: only the accepts compete
        client = Client(raise_request_exception=False)
        client.force_login(host)
        clients.append(client)
    start = threading.Barrier(len(targets))

    def accept(index: int):
        try:
            start.wait()
            url = reverse("visit_step", args=[targets[index].pk, "accept"])
            response = clients[index].post(url)
            return response.status_code, response.content.decode()
        finally:
            connection.close()  # this thread's own connection

    with ThreadPoolExecutor(max_workers=len(targets)) as pool:
        results = list(pool.map(accept, range(len(targets))))

    statuses = [status for status, _body in results]
    assert statuses.count(500) == 0
    assert statuses.count(302) == CAPACITY
    refusals = [body for status, body in results if status == 409]
    assert len(refusals) == REQUESTS - CAPACITY
    full = [body for body in refusals if "This window is full" in body]
    # A double click that loses finds its own visit already accepted: told so, not "full".
    assert len(full) >= REQUESTS - CAPACITY - DOUBLE_CLICKED
    assert all("This window is full" in body or "is accepted" in body for body in refusals)

    assert OfferWindow.objects.get(pk=window.pk).booked == CAPACITY
    accepted = Visit.objects.filter(window=window, state=VisitState.ACCEPTED)
    assert accepted.count() == CAPACITY
    assert accepted.values("visitor").distinct().count() == CAPACITY
    assert LearningAgreement.objects.filter(visit__window=window).count() == CAPACITY
    accept_entries = ModelLogEntry.objects.filter(action="exchange.visit.accept")
    assert accept_entries.count() == CAPACITY


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_offer_edits_racing_accepts_never_lose_a_booked_place(home_page):
    """Four hosts save the offer again and again while ten visits are accepted: every accepted
    visit still holds its place afterwards (an edit used to write back the count it had read)."""
    _library, organisations = make_library(home_page)
    host_org = make_organisation(organisations, title="Fictional Dune Counselling", country="BE")
    visitor_org = make_organisation(organisations, title="Fictional Fjord Mentors", country="NO")
    offer = make_offer(host_org, windows=((10, 40, 11),))
    window = offer.windows.get()
    hosts = [make_member(host_org, hosts=True) for _ in range(EDITORS)]
    proposed = [apply(make_member(visitor_org), window).visits.get() for _ in range(ACCEPTS)]
    jobs = [("accept", visit) for visit in proposed]
    jobs += [("edit", hosts[n % EDITORS]) for n in range(EDITORS * EDITS_EACH)]
    clients = []
    for kind, target in jobs:
        client = Client(raise_request_exception=False)
        client.force_login(hosts[0] if kind == "accept" else target)
        clients.append(client)
    start = threading.Barrier(len(jobs))

    def run(index: int) -> int:
        kind, target = jobs[index]
        try:
            start.wait()
            if kind == "accept":
                url = reverse("visit_step", args=[target.pk, "accept"])
                return clients[index].post(url).status_code
            capacity = 12 + index % 2  # each edit changes the window, so it is written
            data = window_form_data(offer, window, capacity=capacity)
            return clients[index].post(reverse("offer_edit", args=[offer.pk]), data).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        statuses = list(pool.map(run, range(len(jobs))))

    assert 500 not in statuses
    assert statuses[:ACCEPTS] == [302] * ACCEPTS
    window.refresh_from_db()
    accepted = Visit.objects.filter(window=window, state=VisitState.ACCEPTED).count()
    assert accepted == ACCEPTS
    assert window.booked == accepted
    assert window.capacity in (12, 13)


EDITORS, EDITS_EACH, ACCEPTS = 4, 3, 10


def window_form_data(offer, window, **changes) -> dict:
    from cms.models import Challenge, Language

    data = {
        "title": offer.title,
        "description": offer.description,
        "challenges": [Challenge.vocabulary.order_by("pk").first().pk],
        "languages": [Language.vocabulary.order_by("pk").first().pk],
        "observation_rules": offer.observation_rules,
        "is_published": "on",
        "windows-TOTAL_FORMS": "1",
        "windows-INITIAL_FORMS": "1",
        "windows-0-id": str(window.pk),
        "windows-0-starts_on": window.starts_on.isoformat(),
        "windows-0-ends_on": window.ends_on.isoformat(),
        "windows-0-capacity": str(window.capacity),
    }
    data.update({f"windows-0-{key}": str(value) for key, value in changes.items()})
    return data
