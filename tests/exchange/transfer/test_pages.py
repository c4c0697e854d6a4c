"""The take-home page, the follow-up form and the concern channel, as their people use them:
what each person sees, what a refusal looks like, and what stays private."""

from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest

from demo.factories import advance, make_coordinator
from exchange.transfer import services
from exchange.transfer.models import Concern, FollowUp, PassedOn

from .conftest import ended, months_ago

pytestmark = pytest.mark.django_db

WHY = "marker-5c1e the visitor own reason"


def page(client, user, visit, **params):
    client.force_login(user)
    return client.get(reverse("transfer_take_home", args=[visit.pk]), params)


def test_the_visitor_chooses_a_practice_among_the_hosts_and_by_title(
    client, network, practices, took_place
):
    response = page(client, network.visitor, took_place)
    html = response.content.decode()
    assert response.status_code == 200 and "What you take home" in html
    # The host organisation's practices are offered at once; the other is found by its title.
    assert "Fictional family circles" in html and "Fictional street mentoring" in html
    assert "Fictional prison dialogue" not in html
    found = page(client, network.visitor, took_place, q="prison").content.decode()
    assert "Fictional prison dialogue" in found
    nothing = page(client, network.visitor, took_place, q="zzzz").content.decode()
    assert "No other practice of the library has “zzzz” in its title." in nothing

    response = client.post(
        reverse("transfer_practice_add", args=[took_place.pk]),
        {"practice": practices[2].pk, "goal": "See how a first family conversation is opened."},
    )
    assert response.status_code == 302
    assert took_place.practices_seen.get().practice == practices[2]
    refused = client.post(reverse("transfer_practice_add", args=[took_place.pk]), {"goal": ""})
    assert refused.status_code == 400 and "There is a problem" in refused.content.decode()


def test_the_visitor_says_what_they_mean_to_do_and_a_missing_answer_is_linked(
    client, network, practices, took_place
):
    seen = services.practice_add(
        visit_id=took_place.pk, user=network.visitor, practice_id=practices[0].pk
    )
    url = reverse("transfer_intention", args=[took_place.pk, seen.pk])
    client.force_login(network.visitor)
    refused = client.post(url, {f"intention-{seen.pk}-why": WHY})
    html = refused.content.decode()
    assert refused.status_code == 400 and WHY in html  # what was typed comes back
    assert f'href="#id_intention-{seen.pk}-intention_0"' in html
    assert (
        client.post(
            url, {f"intention-{seen.pk}-intention": "adopt", f"intention-{seen.pk}-why": WHY}
        ).status_code
        == 302
    )
    shown = page(client, network.visitor, took_place).content.decode()
    assert "Adopt it as it is" in shown and WHY in shown
    # The host sees the list, never the visitor's intention or words.
    host_view = page(client, network.host, took_place).content.decode()
    assert "Fictional family circles" in host_view
    assert WHY not in host_view and "Adopt it as it is" not in host_view


def test_only_the_visitor_and_the_hosts_open_the_page(client, network, practices, took_place):
    for person in (network.outsider, network.colleague, make_coordinator()):
        assert page(client, person, took_place).status_code == 404


def test_the_host_lists_what_the_visitor_will_see_on_the_visit_page(client, network, practices):
    visit = advance(network, "agreed")
    response = page(client, network.host, visit)
    assert "Practices the visitor will see" in response.content.decode()
    client.post(reverse("transfer_practice_add", args=[visit.pk]), {"practice": practices[1].pk})
    detail = client.get(reverse("visit_detail", args=[visit.pk])).content.decode()
    assert "Practices the visitor will see" in detail and "Fictional street mentoring" in detail


def test_the_six_month_follow_up_is_answered_on_its_page_then_read_back(client, network, practices):
    visit = ended(advance(network, "completed"), months_ago(6))
    seen = services.practice_add(
        visit_id=visit.pk, user=network.visitor, practice_id=practices[0].pk
    )
    client.force_login(network.visitor)
    url = reverse("transfer_follow_up", args=[visit.pk, 6])
    assert client.get(reverse("transfer_follow_up", args=[visit.pk, 12])).status_code == 200
    closed = client.post(reverse("transfer_follow_up", args=[visit.pk, 12]), {})
    assert closed.status_code == 409 and "opens on" in closed.content.decode()
    refused = client.post(url, {f"practice-{seen.pk}-note": WHY})
    assert refused.status_code == 400 and WHY in refused.content.decode()
    response = client.post(
        url,
        {
            f"practice-{seen.pk}-status": "adapting",
            f"practice-{seen.pk}-helped": ["management", "materials"],
            f"practice-{seen.pk}-hindered": ["time"],
            f"practice-{seen.pk}-note": WHY,
        },
    )
    assert response.status_code == 302
    answer = FollowUp.objects.get()
    assert (answer.month, answer.status, answer.helped) == (
        6,
        "adapting",
        ["management", "materials"],
    )
    again = client.get(url).content.decode()
    assert "You answered this follow-up" in again and "Support from our management" in again
    assert client.post(url, {f"practice-{seen.pk}-status": "adopted"}).status_code == 409
    assert FollowUp.objects.count() == 1
    assert client.get(reverse("transfer_follow_up", args=[visit.pk, 7])).status_code == 404
    client.force_login(network.host)
    assert client.get(url).status_code == 404


def test_what_was_passed_on_is_added_and_a_bad_number_says_why(
    client, network, practices, took_place
):
    client.force_login(network.visitor)
    url = reverse("transfer_passed_on", args=[took_place.pk])
    today = timezone.localdate().isoformat()
    refused = client.post(url, {"kind": "training", "on": today, "colleagues": "many"})
    assert (
        refused.status_code == 400
        and "How many colleagues did it reach?" in refused.content.decode()
    )
    assert client.post(url, {"kind": "training", "on": today, "colleagues": "8"}).status_code == 302
    assert PassedOn.objects.get().colleagues == 8
    assert "8 colleagues" in page(client, network.visitor, took_place).content.decode()


def test_a_member_reports_a_concern_and_the_coordinators_hear_of_it_without_its_words(
    client, network, practices, django_capture_on_commit_callbacks
):
    coordinator = make_coordinator()
    practice_page = client.get(practices[0].url).content.decode()
    assert "Report a harm or a concern" in practice_page
    url = reverse("transfer_concern", args=[practices[0].pk])
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(network.outsider)
    assert client.post(url, {"text": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"text": WHY})
    assert response.status_code == 200 and "Your concern is sent" in response.content.decode()
    assert Concern.objects.get().text == WHY
    sent = [m for m in mail.outbox if coordinator.email in m.to]
    assert len(sent) == 1 and "Fictional family circles" in sent[0].subject
    assert WHY not in sent[0].body
    assert client.get(reverse("transfer_concerns")).status_code in (302, 403)
    client.force_login(coordinator)
    listing = client.get(reverse("transfer_concerns")).content.decode()
    assert WHY in listing
    concern = Concern.objects.get()
    client.post(reverse("concern_handled", args=[concern.pk]))
    concern.refresh_from_db()
    assert concern.handled_by == coordinator
