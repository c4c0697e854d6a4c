"""The visitor and the visit's hosts reach each other on the visit's page: nobody else reads or
writes there, the text is encrypted at rest, and the e-mail that announces a message carries
neither its text nor anyone's address."""

from django.core import mail
from django.db import connection
from django.urls import reverse

import pytest

from demo.factories import advance, make_coordinator, propose
from exchange.personal_data import services as personal_data
from exchange.personal_data.export import export as export_of
from exchange.visits import messages as visit_messages
from exchange.visits.models import VisitMessage
from exchange.visits.rules import VisitError

SECRET = "Meet me at the side door, the client from Thursday will be there."


@pytest.fixture
def visit(network):
    return propose(network)


@pytest.mark.django_db
def test_a_message_reaches_the_other_side_by_a_link_never_by_its_text(
    client, network, visit, django_capture_on_commit_callbacks
):
    mail.outbox.clear()  # the request's own e-mail to the host
    client.force_login(network.visitor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("visit_message", args=[visit.pk]), {"text": SECRET})
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[network.host.email]]
    email = mail.outbox[0]
    assert SECRET not in email.body and network.visitor.email not in email.body
    assert f"/visits/{visit.pk}/#messages" in email.body

    client.force_login(network.host)
    page = client.get(reverse("visit_detail", args=[visit.pk])).content.decode()
    assert SECRET in page and network.visitor.email not in page and network.host.email not in page


@pytest.mark.django_db
def test_the_text_is_encrypted_at_rest(network, visit):
    visit_messages.message_send(visit_id=visit.pk, user=network.host, text=SECRET)
    with connection.cursor() as cursor:
        cursor.execute("SELECT ciphertext FROM exchange_visitmessage")
        (stored,) = cursor.fetchone()
    assert "side door" not in stored
    assert VisitMessage.objects.get().text == SECRET


@pytest.mark.django_db
def test_nobody_else_reads_or_writes(client, network, visit):
    visit_messages.message_send(visit_id=visit.pk, user=network.visitor, text=SECRET)
    coordinator = make_coordinator()
    for outsider in (network.colleague, network.outsider, coordinator):
        with pytest.raises(VisitError):
            visit_messages.message_send(visit_id=visit.pk, user=outsider, text="Hello")
    client.force_login(coordinator)  # sees the visit, not the conversation
    page = client.get(reverse("visit_detail", args=[visit.pk])).content.decode()
    assert page.count("side door") == 0 and 'id="messages"' not in page
    client.force_login(network.outsider)
    response = client.post(reverse("visit_message", args=[visit.pk]), {"text": "Hi"})
    assert response.status_code == 404
    assert VisitMessage.objects.count() == 1


@pytest.mark.django_db
def test_an_empty_or_overlong_message_is_refused_with_a_message(client, network, visit):
    client.force_login(network.visitor)
    url = reverse("visit_message", args=[visit.pk])
    for text in ("   ", "x" * 4001):
        response = client.post(url, {"text": text})
        assert response.status_code == 400
        assert 'href="#id_text"' in response.content.decode()
    assert not VisitMessage.objects.exists()


@pytest.mark.django_db
def test_messages_go_with_their_author_and_are_in_their_export(network, visit):
    visit_messages.message_send(visit_id=visit.pk, user=network.visitor, text=SECRET)
    visit_messages.message_send(visit_id=visit.pk, user=network.host, text="Welcome!")
    exported = export_of(network.visitor)["visit_messages"]
    assert [row["text"] for row in exported] == [SECRET]
    personal_data.erase(network.visitor)
    assert [message.text for message in VisitMessage.objects.all()] == ["Welcome!"]


@pytest.mark.django_db
def test_the_agreement_prints_on_its_own_page_for_the_visit_people_only(client, network):
    visit = advance(network, "agreed")
    client.force_login(network.visitor)
    page = client.get(reverse("agreement_print", args=[visit.pk])).content.decode()
    assert "Observation and confidentiality rules" in page and "Signed on the platform" in page
    assert 'class="printable"' in page
    client.force_login(network.outsider)
    assert client.get(reverse("agreement_print", args=[visit.pk])).status_code == 404
    not_accepted = propose(network, network.outsider)  # no agreement yet
    assert client.get(reverse("agreement_print", args=[not_accepted.pk])).status_code == 404


@pytest.mark.django_db
def test_an_ended_visit_keeps_its_messages_but_takes_no_more(client, network, visit):
    visit_messages.message_send(visit_id=visit.pk, user=network.visitor, text=SECRET)
    advance(network, "declined", visit)
    with pytest.raises(VisitError, match="has ended"):
        visit_messages.message_send(visit_id=visit.pk, user=network.host, text="Sorry!")
    client.force_login(network.host)
    page = client.get(reverse("visit_detail", args=[visit.pk])).content.decode()
    assert SECRET in page and "Send the message" not in page
