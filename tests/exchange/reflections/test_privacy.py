"""Where a reflection's words can be found. A unique marker goes into every answer of every phase,
by the visitor and the host mentor, through the pages as they use them; one answer is shared
with the host mentor and one with the coordinators, and each reads it. Then the marker is
looked for everywhere a leak could show: public pages and search, every search index on disk,
every e-mail, every log record, every page other members, the coordinators and staff can open,
their personal-data exports, and the database itself (every row, and on SQLite the raw file).
It is found only where the rules allow, and never in the database in clear."""

import json
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Site

import pytest

from demo.factories import UserFactory, advance, make_member
from exchange.personal_data.export import export as export_of
from exchange.reflections import services as reflections
from exchange.reflections.models import Phase, ReflectionEntry
from exchange.roles import COORDINATORS
from exchange.visits.models import Visit
from tests.exchange.conftest import Network, make_network
from tests.privacy import index_files, leaks_behind_the_scenes, leaks_to_public_pages
from tests.worlds import shared_world

MARKER = "zqx7e1marker"  # one search token: a word no page, index or e-mail holds by chance


def write_every_answer(client: Client, visit: Visit, author) -> None:
    """Through the phase pages, as the author would: every slot, submitted."""
    client.force_login(author)
    for phase in Phase.values:
        days = reflections.visit_days(visit) if phase == Phase.DURING else [None]
        for day in days[:2]:
            for question, goal in reflections.phase_slots(visit, phase, author):
                response = client.post(
                    reverse("reflection_phase", args=[visit.pk, phase]),
                    {
                        "question": question.pk,
                        "goal": goal,
                        "day": day.isoformat() if day else "",
                        "text": f"{MARKER}-{author.pk} {phase}: the client's faith and record.",
                        "submit": "on",
                    },
                )
                assert response.status_code == 302, response.content.decode().split(
                    "error-summary"
                )[-1][:400]


def pages_of_others(visit: Visit) -> list[str]:
    entries = ReflectionEntry.objects.filter(visit=visit)
    return [
        reverse("dashboard"),
        reverse("visit_detail", args=[visit.pk]),
        reverse("reflection_log", args=[visit.pk]),
        reverse("reflections"),
        *(reverse("reflection_phase", args=[visit.pk, phase]) for phase in Phase.values),
        *(reverse("reflection_entry", args=[entry.pk]) for entry in entries),
        "/admin/",
        "/admin/visits/",
        f"/admin/visits/inspect/{visit.pk}/",
        f"/admin/visits/history/{visit.pk}/",
        "/admin/reflection-questions/",
        "/admin/reports/site-history/",
        f"/admin/users/edit/{visit.visitor_id}/",
        reverse("personal_data"),
    ]


@dataclass
class Written:
    """A completed visit whose log was written through the pages, and who is around it."""

    network: Network
    visit: Visit
    coordinator: object
    staff: object
    other_host: object  # of the host organisation, not the visit's mentor
    to_partner: ReflectionEntry  # shared with the host mentor
    to_coordinators: ReflectionEntry


def write_the_cycle(home) -> Written:
    """Every answer of every phase by the visitor and the host mentor, through the pages; a
    draft over one; one answer shared with the partner, one with the coordinators; the
    reminders sent."""
    network = make_network(home)
    visit = advance(network, "completed")
    long_ago = timezone.localdate() - timedelta(days=150)
    Visit.objects.filter(pk=visit.pk).update(
        starts_on=long_ago - timedelta(days=2), ends_on=long_ago
    )
    visit.refresh_from_db()
    client = Client()
    write_every_answer(client, visit, network.host)
    write_every_answer(client, visit, network.visitor)  # the last after-answer: reflected
    # A draft too, over the last submitted version of one answer.
    first = ReflectionEntry.objects.filter(author=network.visitor, phase=Phase.AFTER).first()
    reflections.entry_save(
        visit_id=visit.pk,
        user=network.visitor,
        phase=first.phase,
        question_id=first.question_id,
        goal=first.goal,
        day=first.day,
        text=f"{MARKER} a draft nobody else may read",
    )
    coordinator = UserFactory(second_factor=True)
    coordinator.groups.add(Group.objects.get(name=COORDINATORS))
    to_partner, to_coordinators = ReflectionEntry.objects.filter(author=network.visitor)[1:3]
    for entry, audience in ((to_partner, "partner"), (to_coordinators, "coordinators")):
        client.post(
            reverse("reflection_share", args=[entry.pk]), {"audience": audience, "share": "on"}
        )
    call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Written(
        network=network,
        visit=visit,
        coordinator=coordinator,
        staff=UserFactory(is_staff=True, is_superuser=True, second_factor=True),
        other_host=make_member(network.host_org, hosts=True),
        to_partner=to_partner,
        to_coordinators=to_coordinators,
    )


written = shared_world("written", write_the_cycle)


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code in (200, 302, 404), (url, response.status_code)
    return response.content.decode(errors="replace")


def signed_in(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


# Committed, so that the copy of the database file holds what a backup would, and the e-mails
# the steps send go out.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("search_index")
def test_a_reflection_is_read_by_whom_it_was_shared_with_and_leaks_nowhere(tmp_path, all_logs):
    world = write_the_cycle(Site.objects.get(is_default_site=True).root_page.specific)
    call_command("update_index", verbosity=0)
    network, visit = world.network, world.visit

    after = reverse("reflection_phase", args=[visit.pk, "after"])
    assert MARKER in page(signed_in(network.visitor), after)
    assert MARKER in page(
        signed_in(network.host), reverse("reflection_entry", args=[world.to_partner.pk])
    )
    assert MARKER in page(
        signed_in(world.coordinator),
        reverse("reflection_entry", args=[world.to_coordinators.pk]),
    )
    assert MARKER in json.dumps(export_of(network.visitor), default=str)

    found = leaks_to_public_pages(Client(), MARKER)
    found += leaks_behind_the_scenes(MARKER, all_logs.lines, tmp_path)
    assert not found, "the marker leaked to:\n" + "\n".join(found)
    assert len(mail.outbox) > 0 and len(all_logs.lines) > 0 and index_files()


OTHERS = ("host", "other_host", "colleague", "outsider", "coordinator", "staff")


@pytest.mark.django_db
@pytest.mark.parametrize("role", OTHERS)
def test_a_reflection_shows_to_others_only_where_it_was_shared(written, role, all_logs):
    """Every page a person around the visit can open, and their personal-data export: the
    visitor's words show only on the entry shared with them."""
    network, visit = written.network, written.visit
    person = getattr(written, role, None) or getattr(network, role)
    # The host mentor is an author too: for them, the visitor's words are the marker.
    needle = f"{MARKER}-{network.visitor.pk}" if role == "host" else MARKER
    allowed = {
        "host": reverse("reflection_entry", args=[written.to_partner.pk]),
        "coordinator": reverse("reflection_entry", args=[written.to_coordinators.pk]),
    }.get(role)
    client = signed_in(person)
    urls = [url for url in pages_of_others(visit) if url != allowed]
    found = [url for url in urls if needle in page(client, url)]
    if needle in json.dumps(export_of(person), default=str):
        found.append(f"the personal-data export of {person.username}")
    found += [f"a log record: {line[:120]}" for line in all_logs.lines if needle in line]
    assert not found, f"the marker leaked to {role} on:\n" + "\n".join(found)
    if allowed:
        assert needle in page(client, allowed)
