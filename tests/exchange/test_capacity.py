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

from exchange.models import LearningAgreement, OfferWindow, Visit, VisitState
from tests.cms.factories import make_library, make_organisation
from tests.exchange.factories import apply, make_member, make_offer

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
