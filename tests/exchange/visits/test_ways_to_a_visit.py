"""From the public pages to a visit: an organisation's page and a practice's page lead signed-in
members to the offers where they can see it; the public sees no offer at all."""

from django.urls import reverse

import pytest

from cms.models import PracticeIndexPage
from demo.page_factories import make_practice


@pytest.fixture
def practice(network):
    practice = make_practice(
        PracticeIndexPage.objects.get(locale__language_code="en"), organisation=network.host_org
    )
    network.offer.practices.add(practice)
    return practice


@pytest.mark.django_db
def test_members_are_led_from_the_public_pages_to_the_offers(client, network, practice):
    offer_url = reverse("offer_detail", args=[network.offer.pk])
    client.force_login(network.visitor)
    for page in (network.host_org, practice):
        assert offer_url in client.get(page.url).content.decode(), page.title


@pytest.mark.django_db
def test_the_public_never_sees_an_offer(client, network, practice):
    for page in (network.host_org, practice):
        body = client.get(page.url).content.decode()
        assert network.offer.title not in body and "/offers/" not in body


@pytest.mark.django_db
def test_an_unpublished_offer_is_not_shown(client, network, practice):
    network.offer.is_published = False
    network.offer.save()
    client.force_login(network.visitor)
    assert network.offer.title not in client.get(practice.url).content.decode()
