"""Where an excerpt's words can be found before anything is published: by its author and the
coordinators on the excerpt pages, and nowhere else: not on public pages or search, in other
members' or staff's pages and exports, in an e-mail, a log record, an index file, a database
row, or (SQLite) the raw database file. The kept flag's reason is held to the same rule."""

import json

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from wagtail.models import Site

import pytest

from demo.factories import UserFactory, advance, make_member
from exchange.excerpts import services as excerpts
from exchange.excerpts.models import Excerpt
from exchange.personal_data.export import export as export_of
from exchange.reflections import services as reflections
from exchange.reflections.models import Phase
from exchange.roles import COORDINATORS
from tests.exchange.conftest import make_network
from tests.privacy import leaks_behind_the_scenes, leaks_to_public_pages

MARKER = "qvz3excerptmarker"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("search_index")
def test_an_excerpt_is_found_only_by_its_author_and_the_coordinators(tmp_path, all_logs):
    network = make_network(Site.objects.get(is_default_site=True).root_page.specific)
    visit = advance(network, "completed")
    question, goal = reflections.phase_slots(visit, Phase.AFTER, network.visitor)[0]
    entry = reflections.entry_save(
        visit_id=visit.pk,
        user=network.visitor,
        phase=Phase.AFTER,
        question_id=question.pk,
        goal=goal,
        text="An answer.",
        submit=True,
    )
    coordinator = UserFactory(second_factor=True)
    coordinator.groups.add(Group.objects.get(name=COORDINATORS))
    client = Client()
    client.force_login(network.visitor)
    body = (
        f"text={MARKER}+began+on+12+March+2024&attribution=named"
        f"&key-1=date:12+March+2024&reason-1={MARKER}-reason"
        + "".join(f"&checklist={key}" for key in excerpts.CHECKLIST)
    )
    response = client.post(
        reverse("excerpt_propose", args=[entry.pk]),
        body,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 302, response.content.decode()[-600:]
    excerpt = Excerpt.objects.get()
    excerpts.excerpt_suggest(
        excerpt_id=excerpt.pk, user=coordinator, text=f"{MARKER} shorter.", reason="Shorter."
    )
    call_command("update_index", verbosity=0)

    detail = reverse("excerpt_detail", args=[excerpt.pk])
    for reader in (network.visitor, coordinator):
        client.force_login(reader)
        assert MARKER in client.get(detail).content.decode()

    found = []
    found += leaks_to_public_pages(client, MARKER)
    staff = UserFactory(is_staff=True, is_superuser=True, second_factor=True)
    other_host = make_member(network.host_org, hosts=True)
    pages = [
        detail,
        reverse("excerpts"),
        reverse("excerpt_propose", args=[entry.pk]),
        reverse("reflection_entry", args=[entry.pk]),
        reverse("dashboard"),
        "/admin/",
        "/admin/reports/site-history/",
        f"/admin/visits/inspect/{visit.pk}/",
    ]
    for person in (network.host, other_host, network.colleague, network.outsider, staff):
        client.force_login(person)
        found += [
            f"{person.username} on {url}"
            for url in pages
            if MARKER in client.get(url).content.decode()
        ]
        if MARKER in json.dumps(export_of(person), default=str):
            found.append(f"the export of {person.username}")
    found += leaks_behind_the_scenes(MARKER, all_logs.lines, tmp_path)
    assert not found, "the marker leaked to:\n" + "\n".join(found)
    assert MARKER in json.dumps(export_of(network.visitor), default=str)  # receipts
