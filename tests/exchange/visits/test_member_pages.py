"""The member's way through the site: first steps after sign-up, the dashboard as a task list,
every visit in one list, nothing of anyone else's."""

import html
import re
from datetime import timedelta

from django.urls import reverse

import pytest

from cms.models import Language
from demo.factories import TERMS, advance, apply, propose
from exchange.visits import agreements
from exchange.visits.models import Application


def signed_in(client, user):
    client.force_login(user)
    return client


def tags(page: str) -> list[str]:
    return [html.unescape(tag) for tag in re.findall(r'class="status-tag[^"]*">([^<]+)<', page)]


@pytest.mark.django_db
def test_a_new_member_is_welcomed_with_first_steps_that_follow_what_they_did(client, network):
    page = signed_in(client, network.visitor).get(reverse("welcome")).content.decode()
    for step in ("Say what you work on", "Protect your account", "Ask for a visit"):
        assert step in page
    assert "Publish what visitors can observe" not in page  # not a host
    assert tags(page) == ["Not yet started", "Optional", "Not yet started"]

    apply(network.visitor, network.window)
    page = client.get(reverse("welcome")).content.decode()
    assert tags(page)[-1] == "Completed"


@pytest.mark.django_db
def test_a_host_is_asked_to_publish_an_offer_until_the_organisation_has_one(client, network):
    page = signed_in(client, network.host).get(reverse("welcome")).content.decode()
    assert "Publish what visitors can observe" in page
    index = page.index("Publish what visitors can observe")
    assert "Completed" in page[index : index + 600]  # the network's host organisation has one


@pytest.mark.django_db
def test_the_dashboard_puts_what_waits_for_the_member_first_and_drops_finished_visits(
    client, network
):
    signed = advance(network, "accepted", propose(network, network.outsider))
    agreements.agreement_update(
        visit_id=signed.pk,
        user=network.host,
        terms={**TERMS, "starts_on": signed.starts_on, "ends_on": signed.ends_on},
    )
    agreements.agreement_sign(visit_id=signed.pk, user=network.host)
    waiting = propose(network)  # waits for the host
    page = signed_in(client, network.host).get(reverse("dashboard")).content.decode()
    hosting = page.split("Visitors to your organisation", 1)[1]
    # The host's own move first, then what waits for someone else.
    assert tags(hosting)[:2] == [
        "Accept or decline the request",
        "Waiting for the visitor's signature",
    ]

    page = signed_in(client, network.visitor).get(reverse("dashboard")).content.decode()
    assert "Waiting for the host" in page
    advance(network, "declined", waiting)
    page = client.get(reverse("dashboard")).content.decode()
    assert reverse("visit_detail", args=[waiting.pk]) not in page
    assert "You have no visit under way." in page


@pytest.mark.django_db
def test_the_visit_list_shows_the_members_and_their_organisations_visits_only(client, network):
    mine = propose(network)
    theirs = propose(network, network.outsider)
    page = signed_in(client, network.visitor).get(reverse("visit_list")).content.decode()
    assert reverse("visit_detail", args=[mine.pk]) in page
    assert reverse("visit_detail", args=[theirs.pk]) not in page
    assert "Proposed" in page

    page = signed_in(client, network.host).get(reverse("visit_list")).content.decode()
    assert reverse("visit_detail", args=[mine.pk]) in page
    assert reverse("visit_detail", args=[theirs.pk]) in page

    page = signed_in(client, network.colleague).get(reverse("visit_list")).content.decode()
    assert "No visit yet." in page  # a colleague who does not host sees none of them
    assert client.get(reverse("visit_list") + "?page=abc").status_code == 200


@pytest.mark.django_db
def test_a_direct_request_asks_for_the_days_once_and_starts_from_the_profile(client, network):
    profile = network.visitor.profile
    challenge = network.offer.challenges.first()
    language = Language.vocabulary.first()
    profile.challenges_faced.add(challenge)
    profile.languages.create(language=language)
    url = reverse("application_create") + f"?offer={network.offer.pk}"
    page = signed_in(client, network.visitor).get(url).content.decode()
    assert 'name="available_from"' not in page and 'name="visit_starts_on"' in page
    assert re.search(rf'<option value="{challenge.pk}" selected>', page)
    assert re.search(rf'value="{language.pk}"[^>]*checked', page)

    first = network.window.starts_on + timedelta(days=1)
    response = client.post(
        url,
        {
            "challenge": challenge.pk,
            "challenge_statement": "Parents ask for help after their son's arrest.",
            "learning_goals": "How the team works with parents.",
            "languages": [language.pk],
            "window": network.window.pk,
            "visit_starts_on": first.isoformat(),
            "visit_ends_on": (first + timedelta(days=2)).isoformat(),
        },
    )
    assert response.status_code == 302
    application = Application.objects.get(applicant=network.visitor)
    assert (application.available_from, application.available_until) == (
        first,
        first + timedelta(days=2),
    )


@pytest.mark.django_db
def test_a_refused_request_lists_each_problem_at_the_top_linked_to_its_field(client, network):
    url = reverse("application_create") + f"?offer={network.offer.pk}"
    response = signed_in(client, network.visitor).post(url, {"visit_starts_on": "soon"})
    page = response.content.decode()
    assert response.status_code == 400
    summary = page.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    for field in ("challenge", "challenge_statement", "window", "visit_starts_on"):
        assert f'href="#id_{field}"' in summary, field
    # Each message is tied to its input, so a screen reader reads it with the field.
    assert re.search(r'id="id_challenge_statement_error"', page)
    assert re.search(r'aria-describedby="[^"]*id_challenge_statement_error', page)
