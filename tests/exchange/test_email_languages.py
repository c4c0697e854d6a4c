"""E-mails go out in their recipient's language (their saved choice), whatever the language of
the request that sent them."""

from django.core import mail
from django.utils import translation

from wagtail.users.models import UserProfile

import pytest

from demo.factories import propose

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "subject", "body"),
    [
        ("de", "Neue Besuchsanfrage von", "Lesen Sie die Herausforderung und die Lernziele"),
        ("fr", "Nouvelle demande de visite de", "Lisez son défi et ses objectifs"),
        ("", "New visit request from", "Read their challenge and learning goals"),
    ],
)
def test_a_visit_request_reaches_the_host_in_the_hosts_language(
    network, django_capture_on_commit_callbacks, language, subject, body
):
    UserProfile.objects.update_or_create(
        user=network.host, defaults={"preferred_language": language}
    )
    mail.outbox.clear()
    sender_language = "fr" if language != "fr" else "de"  # the sender's is another
    with translation.override(sender_language), django_capture_on_commit_callbacks(execute=True):
        propose(network)
    (email,) = [message for message in mail.outbox if message.to == [network.host.email]]
    assert subject in email.subject
    assert body in email.body
