"""The excerpt pages as their users meet them: proposing through the gate (each flag shown in
place, kept with a reason or edited away), a coordinator's suggestion the author consents to,
withdrawal, receipts, and nobody else ever seeing an excerpt."""

import re

from django.urls import reverse

import pytest

from demo.factories import UserFactory, make_member
from exchange.excerpts import services as excerpts
from exchange.excerpts.models import ConsentEvent, Excerpt
from tests.exchange.conftest import CLEAN, FLAGGED

pytestmark = pytest.mark.django_db

CHECKLIST = [("checklist", key) for key in excerpts.CHECKLIST]


def post(client, url, fields: dict, extra=()):
    """A form post with repeated fields (the checklist)."""
    from urllib.parse import urlencode

    body = urlencode([*fields.items(), *extra])
    return client.post(url, body, content_type="application/x-www-form-urlencoded")


def test_proposing_shows_each_flag_in_place_and_consents_once_decided(client, entry):
    client.force_login(entry.author)
    url = reverse("excerpt_propose", args=[entry.pk])
    page = client.get(url).content.decode()
    assert '<mark class="finding"' in page and "Mrs Berisha" in page  # the answer, flagged

    response = post(client, url, {"text": FLAGGED, "attribution": "anonymous"}, CHECKLIST)
    assert response.status_code == 409
    assert "Edit away or keep, with a reason" in response.content.decode()
    assert not Excerpt.objects.exists()

    keep = {"key-1": "name:Mrs Berisha", "reason-1": "", "key-2": "date:12 March 2024"}
    keep["reason-2"] = "A public event's date."
    text = "The mother called the team on 12 March 2024."
    response = post(client, url, {"text": text, "attribution": "role_country", **keep}, CHECKLIST)
    assert response.status_code == 302
    excerpt = Excerpt.objects.get()
    assert excerpts.live_consent(excerpt).text == text
    detail = client.get(response["Location"]).content.decode()
    assert text in detail and "Withdraw my consent" in detail
    receipts = client.get(reverse("excerpts")).content.decode()
    assert "Your consent receipts" in receipts and text in receipts
    # Named by its words, not by a date; the receipt's code short and explained, not a hash.
    assert "“The mother called the team on 12 March 2024.”</a>" in receipts
    digest = excerpts.live_consent(excerpt).event.digest
    assert f"{digest[:4].upper()}-{digest[4:8].upper()}" in receipts and digest[:17] not in receipts


def test_each_flag_says_in_words_what_kind_of_data_it_may_be(client, entry):
    client.force_login(entry.author)
    url = reverse("excerpt_propose", args=[entry.pk])
    text = "He posts as @lost_lion_1999, grew up in Molenbeek and is (16)."
    page = post(client, url, {"text": text, "attribution": "anonymous"}, CHECKLIST)
    shown = page.content.decode()
    assert page.status_code == 409
    for words, kind in [
        ("@lost_lion_1999", "a link or a handle"),
        ("Molenbeek", "a place that narrows down who it is"),
        ("(16)", "a detail that can single someone out"),
    ]:
        assert re.search(rf"<strong>{re.escape(words)}</strong> · {kind}", shown), words
    assert "(quasi_identifier)" not in shown and "(link)" not in shown  # words, not our names


def test_the_checklist_must_be_confirmed(client, entry):
    client.force_login(entry.author)
    url = reverse("excerpt_propose", args=[entry.pk])
    response = post(client, url, {"text": CLEAN, "attribution": "anonymous"})
    assert response.status_code == 409 and "Confirm each point" in response.content.decode()


def test_a_suggestion_waits_for_the_authors_consent_then_withdrawal(
    client, entry, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    excerpt = excerpts.excerpt_propose(
        entry_id=entry.pk,
        user=entry.author,
        text=CLEAN,
        attribution="named",
        reasons={},
        checklist=set(excerpts.CHECKLIST),
    )
    client.force_login(coordinator)
    overview = client.get(reverse("excerpts")).content.decode()
    assert reverse("excerpt_detail", args=[excerpt.pk]) in overview
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail goes after the commit
        response = client.post(
            reverse("excerpt_suggest", args=[excerpt.pk]),
            {"text": "The family's words come first.", "reason": "Shorter."},
        )
    assert response.status_code == 302
    [mail] = [m for m in mailoutbox if "suggests an edit" in m.subject]
    assert mail.to == [entry.author.email]
    assert reverse("excerpt_detail", args=[excerpt.pk]) in mail.body
    assert "words come first" not in mail.body and CLEAN not in mail.body  # never the text
    client.force_login(entry.author)
    page = client.get(reverse("excerpt_detail", args=[excerpt.pk])).content.decode()
    assert "A coordinator suggests an edit" in page and "Shorter." in page
    version = excerpt.versions.order_by("number").last()
    forged = post(
        client,
        reverse("excerpt_approve", args=[excerpt.pk]),
        {"number": version.number, "digest": "0" * 64},
        CHECKLIST,
    )
    assert forged.status_code == 409 and "reload the page" in forged.content.decode()
    approved = post(
        client,
        reverse("excerpt_approve", args=[excerpt.pk]),
        {"number": version.number, "digest": version.digest},
        CHECKLIST,
    )
    assert approved.status_code == 302
    assert excerpts.live_consent(excerpt).text == "The family's words come first."
    client.post(reverse("excerpt_withdraw", args=[excerpt.pk]))
    again = client.post(reverse("excerpt_withdraw", args=[excerpt.pk]))
    assert again.status_code == 409 and "withdrawn already" in again.content.decode()
    kinds = list(ConsentEvent.objects.values_list("kind", flat=True))
    assert kinds == ["granted", "superseded", "granted", "withdrawn"]

    # Withdrawn words are the author's alone again: not in the coordinator's "Suggest an edit".
    client.force_login(coordinator)
    page = client.get(reverse("excerpt_detail", args=[excerpt.pk])).content.decode()
    assert "words come first" not in page and CLEAN not in page
    assert (
        "withdrawn their consent" in page
        and reverse("excerpt_suggest", args=[excerpt.pk]) not in page
    )
    refused = client.post(
        reverse("excerpt_suggest", args=[excerpt.pk]),
        {"text": "Something else entirely.", "reason": "Try again."},
    )
    assert refused.status_code == 409 and "withdrawn their consent" in refused.content.decode()
    assert excerpt.versions.count() == 2


def test_nobody_else_sees_or_proposes_an_excerpt(client, entry, network):
    excerpt = excerpts.excerpt_propose(
        entry_id=entry.pk,
        user=entry.author,
        text=CLEAN,
        attribution="anonymous",
        reasons={},
        checklist=set(excerpts.CHECKLIST),
    )
    staff = UserFactory(is_staff=True, is_superuser=True, second_factor=True)
    for person in (network.host, network.colleague, network.outsider, staff):
        client.force_login(person)
        assert client.get(reverse("excerpt_detail", args=[excerpt.pk])).status_code == 404
        assert client.get(reverse("excerpt_propose", args=[entry.pk])).status_code == 404
        assert CLEAN not in client.get(reverse("excerpts")).content.decode()
        assert client.post(reverse("excerpt_withdraw", args=[excerpt.pk])).status_code == 404
    assert excerpts.live_consent(excerpt) is not None


def test_bad_input_gets_a_message_and_no_500(client, entry):
    client.force_login(entry.author)
    url = reverse("excerpt_propose", args=[entry.pk])
    for fields in (
        {"text": "x" * 1_501, "attribution": "anonymous"},
        {"text": "a\x00b", "attribution": "anonymous"},
        {"text": CLEAN, "attribution": "famous"},
        {"text": "", "attribution": "anonymous"},
    ):
        response = post(client, url, fields, CHECKLIST)
        assert response.status_code == 400, fields
        assert "There is a problem" in response.content.decode()
    assert not Excerpt.objects.exists()
    other = make_member(entry.visit.application.organisation)
    client.force_login(other)
    assert post(client, url, {"text": CLEAN, "attribution": "anonymous"}).status_code == 404


def test_the_coordinators_case_number_patterns_are_flagged_at_the_gate(client, entry, coordinator):
    client.force_login(coordinator)
    admin = reverse("exchange_case_number_pattern:add")
    refused = client.post(admin, {"pattern": "(JA", "description": "Youth office"})
    assert refused.status_code == 200 and "cannot be used: missing )" in refused.content.decode()
    empty = client.post(admin, {"pattern": "x*", "description": "Everything"})
    assert "would flag everything" in empty.content.decode()
    created = client.post(
        admin, {"pattern": r"ja\.\d+\.k\d+", "description": "Youth office", "is_active": "on"}
    )
    assert created.status_code == 302
    client.force_login(entry.author)
    url = reverse("excerpt_propose", args=[entry.pk])
    text = "The youth office keeps it under ja.77.k19."  # unflagged without the pattern
    response = post(client, url, {"text": text, "attribution": "anonymous"}, CHECKLIST)
    assert response.status_code == 409
    assert re.search(r'<mark class="finding" id="flag-\d+">ja.77.k19<', response.content.decode())
