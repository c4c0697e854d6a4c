"""Mail by template and audience: each person reads it in their own language (their admin
preference, else the site's), and it leaves after the transaction that decided it commits, so a
step that rolls back mails nobody and a mail server that fails does not undo a step (the failure
is logged). Knows no capability: each keeps its own subjects, templates and audiences (the
visits' in exchange/visits/mail.py)."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


def language_of(user) -> str:
    profile = getattr(user, "wagtail_userprofile", None)
    return (profile and profile.preferred_language) or settings.LANGUAGE_CODE


def email(person, subject, template: str, context: dict) -> EmailMessage:
    """The e-mail to `person`, in their language: `subject` (lazy) formatted with `context`,
    the body rendered from `template` with `context`, the person and the site's name."""
    with translation.override(language_of(person)):
        values = {**context, "person": person, "site_name": settings.WAGTAIL_SITE_NAME}
        return EmailMessage(
            subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + str(subject) % values,
            body=render_to_string(template, values),
            to=[person.email],
        )


def send_after_commit(messages: list[EmailMessage]) -> None:
    if messages:
        transaction.on_commit(lambda: _send(messages), robust=True)


def mail_after_commit(people: list, subject, template: str, context: dict) -> None:
    """`email` to each of `people` who has an address, after the commit."""
    send_after_commit(
        [email(person, subject, template, context) for person in people if person.email]
    )


def _send(messages: list[EmailMessage]) -> None:
    with get_connection() as connection:
        connection.send_messages(messages)
