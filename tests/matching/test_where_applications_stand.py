"""An applicant reads where their application stands after a round, in words: proposed by the
round, or not matched this round and why (never the engine's reason as the coordinators read
it), and that it waits for the next one."""

from django.urls import reverse

import pytest

from matching import services

pytestmark = pytest.mark.django_db


def dashboard(client, person) -> str:
    client.force_login(person)
    return client.get(reverse("dashboard")).text


def test_after_a_round_each_applicant_reads_where_they_stand(client, world):
    alice, bruno = world["alice"], world["bruno"]
    for application in (alice, bruno):
        assert "Waiting for a matching round" in dashboard(client, application.applicant)
    services.round_run(round_=world["round"], user=world["coordinator"])
    for application in (alice, bruno):  # a run is the coordinators' draft: nothing shows yet
        assert "Waiting for a matching round" in dashboard(client, application.applicant)
    (visit,) = services.round_publish(round_=world["round"], user=world["coordinator"])
    matched, missed = (alice, bruno) if visit.application == alice else (bruno, alice)
    html = dashboard(client, matched.applicant)
    assert "Proposed by the matching round" in html and "Matched with a host" not in html
    assert "it waits for the host&#x27;s answer" in html
    html = dashboard(client, missed.applicant)
    assert "Not matched this round" in html and "capacity" not in html
    assert "The hosts who fitted had no place left this round. It waits for the next round." in html
    page = client.get(reverse("application_detail", args=[missed.pk])).text
    assert "Not matched this round" in page and "waits for a matching round" not in page
