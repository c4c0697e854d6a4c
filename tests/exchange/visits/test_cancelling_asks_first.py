"""Cancelling a visit asks first, on a page that says what it does; the reason is required and
its error is linked to its field; nothing changes until it is confirmed."""

from django.urls import reverse

import pytest

from demo.factories import advance
from exchange.visits.models import Visit, VisitState

pytestmark = pytest.mark.django_db


def test_cancelling_asks_first_and_needs_a_reason(client, network):
    visit = advance(network, "agreed")
    client.force_login(network.visitor)
    url = reverse("visit_cancel", args=[visit.pk])
    page = client.get(visit.get_absolute_url()).text
    assert f'<a href="{url}">Cancel the visit</a>' in page
    assert f'action="{url}"' not in page  # no form on the visit's page: one click cancels nothing

    page = client.get(url).text
    assert "Cancel the visit?" in page and "cannot be undone" in page and "Keep the visit" in page
    assert "Required. The other side reads it." in page

    response = client.post(url, {"reason": "  "})
    assert response.status_code == 400
    assert '<a href="#id_reason">Reason: Give a reason, so that the other side knows why.</a>' in (
        response.text
    )
    assert 'id="id_reason_error"' in response.text
    assert Visit.objects.get(pk=visit.pk).state == VisitState.AGREED

    response = client.post(url, {"reason": "A fictional illness in the team."})
    assert response.status_code == 302
    cancelled = Visit.objects.get(pk=visit.pk)
    assert (cancelled.state, cancelled.reason) == (
        VisitState.CANCELLED,
        "A fictional illness in the team.",
    )


def test_only_a_visit_that_can_be_cancelled_has_a_cancel_page_and_only_for_its_people(
    client, network
):
    visit = advance(network, "agreed")
    url = reverse("visit_cancel", args=[visit.pk])
    client.force_login(network.outsider)
    assert client.get(url).status_code == 404
    advance(network, "cancelled", visit)
    client.force_login(network.visitor)
    assert client.get(url).status_code == 404
