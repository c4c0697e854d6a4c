"""E-mail out of the request (exchange/mail.py): it waits in the queue until the worker sends
it, and neither the queue nor the outbox keeps an address or a link once it has gone."""

import base64
import contextlib
import quopri
import re
from io import StringIO

from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

import pytest
from django_tasks_db.models import DBTaskResult

from demo.factories import UserFactory
from demo.page_factories import make_library, make_organisation
from exchange.mail import RawEmail
from exchange.membership import services as invitations
from exchange.outbox import QueuedEmail


@pytest.fixture
def queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "exchange.mail.QueuedEmailBackend"
    settings.QUEUED_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def queued() -> list[str]:
    return sorted(result.task_path.rsplit(".", 1)[-1] for result in DBTaskResult.objects.ready())


def stored_everywhere() -> str:
    """Every value the task queue and the outbox hold, as the database holds it, with whatever
    decodes as base64 (a message on the wire) decoded as one who read a backup would."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM exchange_queuedemail")
        outbox = cursor.fetchall()
    tasks = list(
        DBTaskResult.objects.values_list(
            "args_kwargs", "return_value", "exception_class_path", "traceback"
        )
    )
    stored = repr(outbox) + repr(tasks)
    decoded = []
    for chunk in re.findall(r"[A-Za-z0-9+/=]{40,}", stored):
        with contextlib.suppress(ValueError):
            decoded.append(quopri.decodestring(base64.b64decode(chunk)).decode(errors="replace"))
    return stored + "".join(decoded)


# Committed: the worker closes a connection it finds inside a transaction.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_email_waits_in_the_queue_until_the_worker_sends_it(queue):
    email = EmailMessage(
        "Your visit is confirmed", "See you on Monday.", "site@example.org", ["a@example.org"]
    )
    email.attach("visit.ics", "BEGIN:VCALENDAR\nEND:VCALENDAR\n", "text/calendar")
    email.send()
    assert mail.outbox == []
    assert queued() == ["send_queued_email"]

    call_command("worker", "--batch", stdout=StringIO())

    (sent,) = mail.outbox
    assert sent.subject == "Your visit is confirmed"
    assert sent.recipients() == ["a@example.org"]
    parts = list(sent.message().walk())
    assert any(part.get_filename() == "visit.ics" for part in parts)
    assert "See you on Monday." in sent.message().as_string()
    assert not QueuedEmail.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_invitation_and_password_reset_links_never_rest_in_the_queue(queue, client, home_page):
    """A stolen invitation made an account and a stored reset link took one over: the links
    were the queued task's arguments, kept a week, and in every backup."""
    _library, organisations = make_library(home_page)
    organisation = make_organisation(organisations, title="Fictional Quay Mentors")
    invitations.invite("invitee@demo.example", organisation)
    member = UserFactory(email="member@demo.example")
    client.post(reverse("account_reset_password"), {"email": member.email})
    assert queued().count("send_queued_email") == 2
    waiting = stored_everywhere()
    for secret in (
        "invitee@demo.example",
        "member@demo.example",
        "/invitation/",
        "/password/reset/",
    ):
        assert secret not in waiting, secret  # encrypted while it waits

    call_command("worker", "--batch", stdout=StringIO())

    bodies = " ".join(
        part.get_payload(decode=True).decode()
        for message in mail.outbox
        for part in message.message().walk()
        if part.get_content_type() == "text/plain"
    )
    links = re.findall(r"https?://\S+/(?:invitation|password/reset)/\S+", bodies)
    assert len(links) == 2, bodies
    left = stored_everywhere()
    for secret in (*links, *[link.rstrip("/").rsplit("/", 1)[-1] for link in links]):
        assert secret not in left, secret
    assert "invitee@demo.example" not in left and "member@demo.example" not in left
    assert not QueuedEmail.objects.exists()


def test_a_stored_message_writes_the_line_ends_smtp_asks_for():
    built = EmailMessage("Subject", "Line one\nLine two", "a@example.org", ["b@example.org"])
    stored = RawEmail(
        sender="a@example.org", recipients=["b@example.org"], raw=built.message().as_bytes()
    )
    assert b"Line one\r\nLine two" in stored.message().as_bytes(linesep="\r\n")
