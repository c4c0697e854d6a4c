"""Private text never reaches a notification or a digest: a marker in every private field a
step can carry (a decline's and a cancellation's reason, a message, a shared reflection, an
excerpt and a coordinator's suggested edit) is in no inbox row and in no digest e-mail."""

import datetime as dt

from django.core import mail
from django.utils import timezone

import pytest

from demo.factories import make_coordinator, make_excerpt, propose
from exchange.excerpts import services as excerpts
from exchange.notifications import digests, services
from exchange.notifications.kinds import KINDS, Channel
from exchange.notifications.models import Notification
from exchange.reflections import services as reflections
from exchange.reflections.models import Audience
from exchange.visits import messages as visit_messages
from exchange.visits import services as visits
from tests.exchange.conftest import after_visit_answer

pytestmark = pytest.mark.django_db

MARKER = "marker-77c3"


def test_no_private_text_in_any_notification_or_digest(
    network, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_DIGEST_AT = "07:00"
    for person in (network.visitor, network.host):
        services.choose(person, {kind.key: Channel.DAILY for kind in KINDS})
    with django_capture_on_commit_callbacks(execute=True):
        declined = propose(network)
        visits.visit_decline(
            visit_id=declined.pk, user=network.host, reason=f"{MARKER} decline reason"
        )
        entry = after_visit_answer(network, f"{MARKER} reflection text")
        visit = entry.visit
        visit_messages.message_send(
            visit_id=visit.pk, user=network.visitor, text=f"{MARKER} message"
        )
        reflections.entry_share(entry_id=entry.pk, user=network.visitor, audience=Audience.PARTNER)
        excerpt = make_excerpt(entry, f"{MARKER} reflection text")
        excerpts.excerpt_suggest(
            excerpt_id=excerpt.pk,
            user=make_coordinator(),
            text=f"{MARKER} shorter",
            reason=f"{MARKER} why shorter",
        )
        other = propose(network, visitor=network.outsider)
        visits.visit_cancel(visit_id=other.pk, user=network.outsider, reason=f"{MARKER} cancel")
    kept = list(Notification.objects.values_list("subject", "topic", "link"))
    assert len(kept) >= 5
    assert not [row for row in kept if MARKER in " ".join(row)]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = digests.send_digests(timezone.now() + dt.timedelta(days=1))
    assert sent >= 2 and len(mail.outbox) == sent
    assert not [message for message in mail.outbox if MARKER in message.body + message.subject]
