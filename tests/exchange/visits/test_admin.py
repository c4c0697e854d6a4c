"""The coordinator's list of every visit in the admin: filters, spreadsheet export, read-only."""

import csv
import io

from django.contrib.auth.models import Group
from django.urls import reverse

import pytest
from openpyxl import load_workbook

from cms.models import Challenge
from demo.factories import UserFactory, apply, make_member, make_offer
from demo.page_factories import make_organisation
from exchange.roles import COORDINATORS
from exchange.visits import services as visits

INDEX = reverse("exchange_visit:index")


@pytest.fixture
def coordinator():
    user = UserFactory(second_factor=True)
    user.groups.add(Group.objects.get(name=COORDINATORS))
    return user


@pytest.fixture
def two_visits(network):
    """One proposed visit to the Dutch host; one declined visit to a Finnish host."""
    first = apply(network.visitor, network.window).visits.get()
    finnish = make_organisation(
        network.host_org.get_parent(), title="Fictional Fjord Exit Work", country="FI"
    )
    other_offer = make_offer(finnish)
    finnish_host = make_member(finnish, hosts=True)
    second = apply(make_member(network.visitor_org), other_offer.windows.get()).visits.get()
    visits.visit_decline(visit_id=second.pk, user=finnish_host, reason="Closed that week.")
    return first, second


@pytest.mark.django_db
def test_the_coordinator_filters_every_visit(client, coordinator, network, two_visits):
    first, second = two_visits
    client.force_login(coordinator)
    listing = client.get(INDEX).content.decode()
    assert reverse("exchange_visit:inspect", args=[first.pk]) in listing
    assert reverse("exchange_visit:inspect", args=[second.pk]) in listing
    # Visitors by name, never by username.
    assert first.visitor.get_full_name() in listing and first.visitor.username not in listing

    def shown(**params) -> set[int]:
        page = client.get(INDEX, params).content.decode()
        return {v.pk for v in two_visits if reverse("exchange_visit:inspect", args=[v.pk]) in page}

    assert shown(state="declined") == {second.pk}
    assert shown(country="FI") == {second.pk}
    assert shown(country="AT") == {first.pk, second.pk}  # both visitors come from Austria
    assert shown(year=str(first.starts_on.year)) == {first.pk, second.pk}
    other = Challenge.vocabulary.exclude(pk=first.application.challenge_id).first()
    assert shown(challenge=str(other.pk)) == set()


@pytest.mark.django_db
def test_the_coordinator_exports_the_list(client, coordinator, two_visits):
    client.force_login(coordinator)
    response = client.get(INDEX, {"export": "xlsx", "state": "declined"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Visit", "State", "First day")
    assert len(rows) == 2 and rows[1][0] == two_visits[1].pk
    assert "Fictional Fjord Exit Work" in rows[1]

    response = client.get(INDEX, {"export": "csv"})
    text = b"".join(response.streaming_content).decode()
    assert len(list(csv.reader(io.StringIO(text)))) == 3


@pytest.mark.django_db
def test_the_list_is_read_only_and_for_coordinators(client, coordinator, network, two_visits):
    first, second = two_visits
    client.force_login(coordinator)
    inspect = client.get(reverse("exchange_visit:inspect", args=[first.pk]))
    assert inspect.status_code == 200
    history_url = reverse("exchange_visit:history", args=[second.pk])
    details = client.get(reverse("exchange_visit:inspect", args=[second.pk])).content.decode()
    assert f'href="{history_url}"' in details  # the history is a button away, not only a URL
    history = client.get(history_url).content.decode()
    assert "Visit: declined" in history  # the audit log of its steps
    # Its header leads to the visit's details; no link to an edit view that refuses them.
    assert reverse("exchange_visit:edit", args=[second.pk]) not in history
    assert reverse("exchange_visit:inspect", args=[second.pk]) in history
    for name in ("edit", "delete"):
        response = client.get(reverse(f"exchange_visit:{name}", args=[first.pk]))
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    client.force_login(network.host)
    response = client.get(INDEX)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
