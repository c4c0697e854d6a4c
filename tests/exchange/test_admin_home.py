"""The coordinators' admin home: what waits for them, each row leading to where it is dealt
with; nobody else gets the panel."""

import re

from django.urls import reverse

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from demo.factories import make_coordinator, propose


def rows(page: str) -> dict[str, str]:
    panel = page.split('id="network-today-section"', 1)[1].split("</table>", 1)[0]
    found = re.findall(
        r'<td class="title">(?:<a href="[^"]*">)?([^<]+)(?:</a>)?</td>\s*<td>(\d+)</td>', panel
    )
    return dict(found)


@pytest.mark.django_db
def test_the_coordinators_see_what_waits_for_them(client, network):
    propose(network)
    client.force_login(make_coordinator())
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    found = rows(page)
    assert found["Visit requests waiting for the host&#x27;s answer"] == "1"
    for label in ("Reflections due", "Surveys due", "Excerpts waiting to be coded"):
        assert label in found
    assert "Open matching rounds" in found and "Invitations not yet accepted" in found
    assert list(found)[0].startswith("Visit requests")  # the visits first
    assert f'href="{reverse("exchange_visit:index")}?state=proposed"' in page
    # Every row leads where it is dealt with: the reflections due, to the visits waiting for one.
    assert (
        f'<a href="{reverse("exchange_visit:index")}?state=completed">Reflections due</a>' in page
    )


@pytest.mark.django_db
def test_nobody_else_gets_the_panel(client, network):
    network.host.is_staff = True
    network.host.save()
    TOTP.activate(network.host, generate_totp_secret())
    client.force_login(network.host)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert 'id="network-today-section"' not in response.content.decode()
