"""An amendment reads as before and after, in words; the other side may decline it, and the
agreement stays as it was. The agreement is read-only to a side that has signed it, and saving
a change says what it does to the signatures."""

from datetime import timedelta
from html import unescape

from django.urls import reverse
from django.utils.formats import date_format

import pytest

from demo.factories import TERMS, advance
from exchange.visits import agreements
from exchange.visits.rules import VisitError

pytestmark = pytest.mark.django_db


def page(client, person, visit) -> str:
    client.force_login(person)
    return unescape(client.get(visit.get_absolute_url()).text)


def test_an_amendment_shows_before_and_after_and_the_other_side_may_decline_it(client, network):
    visit = advance(network, "agreed")
    new_end = visit.ends_on + timedelta(days=1)
    amendment = agreements.amendment_propose(
        visit_id=visit.pk,
        user=network.host,
        reason="A fictional hearing moved to the third day.",
        changes={"ends_on": new_end},
    )
    html = page(client, network.visitor, visit)
    row = (
        f'<th scope="row">Last day</th><td>{date_format(visit.ends_on, "SHORT_DATE_FORMAT")}</td>'
        f"<td>{date_format(new_end, 'SHORT_DATE_FORMAT')}</td>"
    )
    assert row in html and "ends_on" not in html
    decline = reverse("amendment_decline", args=[visit.pk, amendment.number])
    assert f'action="{decline}"' in html
    assert f'action="{decline}"' not in page(client, network.host, visit)  # the proposer's side

    with pytest.raises(VisitError, match="proposed or confirmed"):
        agreements.amendment_decline(amendment_id=amendment.pk, user=network.host, reason="No.")
    client.force_login(network.visitor)
    response = client.post(decline, {"decline-amendment-reason": ""})
    assert response.status_code == 400
    assert '<a href="#id_decline-amendment-reason">' in response.text
    response = client.post(decline, {"decline-amendment-reason": "The third day is a holiday."})
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.ends_on != new_end and visit.agreement.terms()["ends_on"] == visit.ends_on
    html = page(client, network.visitor, visit)
    assert "Declined" in html and "The third day is a holiday." in html
    with pytest.raises(VisitError, match="was declined"):
        agreements.amendment_confirm(amendment_id=amendment.pk, user=network.visitor)
    # Declined, it no longer holds the place of the one open amendment: another can follow.
    agreements.amendment_propose(
        visit_id=visit.pk, user=network.visitor, reason="Shorter.", changes={"tasks": "One."}
    )


def test_a_signed_side_reads_the_agreement_and_a_change_says_what_it_does_to_signatures(
    client, network
):
    visit = advance(network, "accepted")
    terms = {**TERMS, "starts_on": visit.starts_on, "ends_on": visit.ends_on}
    agreements.agreement_update(visit_id=visit.pk, user=network.host, terms=terms)
    agreements.agreement_sign(visit_id=visit.pk, user=network.host)

    host_page = page(client, network.host, visit)
    assert "<summary>Change the agreement</summary>" in host_page  # read-only until asked
    assert "You have signed: saving a change withdraws your signature" in host_page
    visitor_page = page(client, network.visitor, visit)
    assert "<summary>Change the agreement</summary>" not in visitor_page  # editing it now
    assert "The other side has signed: saving a change withdraws their signature" in visitor_page

    data = {
        **terms,
        "tasks": "Observe one session only.",
        "starts_on": visit.starts_on.isoformat(),
        "ends_on": visit.ends_on.isoformat(),
    }
    response = client.post(reverse("agreement_edit", args=[visit.pk]), data, follow=True)
    assert "The agreement is saved; both sides sign the new text." in unescape(response.text)
    response = client.post(reverse("agreement_edit", args=[visit.pk]), data, follow=True)
    assert "The agreement is saved." in unescape(response.text)
