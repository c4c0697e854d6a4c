"""Each application says where it stands, in words: waiting for the host (a request), declined
and what next, a visit under way or done, withdrawn."""

from django.urls import reverse

import pytest

from demo.factories import advance, apply, propose
from exchange.visits import services as visits

pytestmark = pytest.mark.django_db


def dashboard(client, person) -> str:
    client.force_login(person)
    return client.get(reverse("dashboard")).text


def test_a_request_waits_for_the_host_then_reads_declined_with_the_way_on(client, network):
    visit = propose(network)
    html = dashboard(client, network.visitor)
    assert "Waiting for the host" in html and "Matched with a host" not in html
    assert f"{network.host_org.title} has your request and will accept or decline it." in html
    advance(network, "declined", visit)
    html = dashboard(client, network.visitor)
    assert "Declined" in html and f"{network.host_org.title} could not receive you." in html
    assert "The application waits for the next matching round" in html


def test_an_application_without_a_request_waits_for_a_round_and_a_visit_reads_under_way(
    client, network
):
    application = apply(network.visitor)
    assert "Waiting for a matching round" in dashboard(client, network.visitor)
    advance(network, "agreed")
    assert "Visit under way" in dashboard(client, network.visitor)
    visits.application_withdraw(application=application, user=network.visitor)
    page = client.get(reverse("application_detail", args=[application.pk])).text
    assert "Withdrawn" in page
