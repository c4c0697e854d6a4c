"""The demo network and the synthetic library both produce a complete, valid library."""

import re

from django.core.management import CommandError, call_command

from wagtail.models import Page

import pytest

from cms.models import OrganisationPage, PracticePage

pytestmark = pytest.mark.django_db


def test_the_demo_network_fills_every_facet_and_every_page_renders(client, demo_pages):
    demo_network_fills_every_facet(client)
    every_demo_page_renders(client)


def demo_network_fills_every_facet(client) -> None:
    organisations = OrganisationPage.objects.live()
    assert organisations.count() >= 12
    assert {str(o.country) for o in organisations} >= {
        "AT", "BE", "DK", "FR", "DE", "XK", "NL", "NO", "TN", "GB",
    }  # fmt: skip
    assert PracticePage.objects.live().count() >= 30
    # Each says so, in its own language.
    assert all(re.search("Fictional|Fiktive|fictive", o.description) for o in organisations)

    response = client.get("/practices/?archived=1")
    assert response.status_code == 200
    for facet in response.context["facets"]:
        assert len(facet.values) >= 2, f"facet {facet.key} has fewer than two values"
    # Each practice once, whatever languages it is in.
    practices = PracticePage.objects.live().values("translation_key").distinct()
    assert response.context["pagination"].total == practices.count()
    # Some demo practices are old enough to show the archived state.
    assert client.get("/practices/").context["archived_hidden"] > 0


def every_demo_page_renders(client) -> None:
    for page in Page.objects.live().specific().filter(depth__gt=1):
        response = client.get(page.url)
        assert response.status_code == 200, page.url


def test_generate_library_adds_routable_published_pages(client, home_page, capsys):
    call_command("generate_library", practices=45, organisations=6, verbosity=0)
    call_command("generate_library", practices=5, organisations=1, verbosity=0)

    assert PracticePage.objects.live().count() == 50
    assert OrganisationPage.objects.live().count() == 7
    assert Page.find_problems() == ([], [], [], [], [])
    practice = PracticePage.objects.order_by("pk").last()
    assert client.get(practice.url).status_code == 200
    assert client.get(practice.organisation.url).status_code == 200
    everything = client.get("/practices/?archived=1")
    assert everything.context["pagination"].total == 50
    assert all(facet.values for facet in everything.context["facets"])


def test_generate_library_rejects_practices_without_organisations(home_page):
    with pytest.raises(CommandError, match="organisations"):
        call_command("generate_library", practices=5, organisations=0, verbosity=0)
