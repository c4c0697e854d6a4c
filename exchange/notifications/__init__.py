"""Notifications by template, audience and kind: each person reads them in their own language
(their admin preference, else the site's); each is kept in their inbox on the site, and e-mailed
at once, in a digest or not at all as they chose for its kind (kinds.py). An e-mail leaves after
the transaction that decided it commits, so a step that rolls back tells nobody and a mail
server that fails does not undo a step (the failure is logged). Knows no capability: each keeps
its own subjects, templates, audiences and kinds (the visits' in exchange/visits/mail.py)."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from exchange.notifications.kinds import ACCOUNT, BY_KEY, Channel, Kind


def language_of(user) -> str:
    profile = getattr(user, "wagtail_userprofile", None)
    return (profile and profile.preferred_language) or settings.LANGUAGE_CODE


@dataclass(frozen=True)
class Notice:
    """What the inbox keeps of an e-mail: never its body."""

    person: object
    kind: Kind
    subject: str
    link: str  # a path on the site
    topic: str
    channel: str


def channel_for(person, kind: Kind) -> str:
    """The channel `person` chose for `kind`, else its default; always at once for a kind
    that cannot be turned off."""
    from exchange.notifications.models import NotificationChoice

    if kind.fixed_because or person.pk is None:
        return Channel.AT_ONCE
    chosen = NotificationChoice.objects.filter(person=person, kind=kind.key).first()
    return chosen.channel if chosen else kind.default


def email(
    person, subject, template: str, context: dict, *, kind: Kind, topic: str = ""
) -> EmailMessage:
    """The e-mail to `person`, in their language: `subject` (lazy) formatted with `context`,
    the body rendered from `template` with `context`, the person and the site's name. Its
    `notice` is what their inbox keeps (context["link"] is where it leads); an e-mail sent at
    once ends with how to change that, and carries a one-click unsubscribe (RFC 8058)."""
    from exchange.notifications import unsubscribe

    channel = channel_for(person, kind)
    with translation.override(language_of(person)):
        values = {**context, "person": person, "site_name": settings.WAGTAIL_SITE_NAME}
        subject_text = str(subject) % values
        body = render_to_string(template, values)
        headers = {}
        if channel == Channel.AT_ONCE:
            body += render_to_string(
                "exchange/notifications/email/footer.txt",
                {"kind": kind, "links": unsubscribe.links(person, kind)},
            )
            if not kind.fixed_because:
                headers = unsubscribe.headers(person, kind)
        message = EmailMessage(
            subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject_text,
            body=body,
            to=[person.email] if person.email else [],
            headers=headers,
        )
    link = str(context.get("link", ""))
    message.notice = Notice(  # type: ignore[attr-defined]
        person, kind, subject_text[:300], path_of(link), str(topic)[:300], channel
    )
    return message


def path_of(link: str) -> str:
    """A link's path on this site (the inbox keeps paths: the address may change)."""
    base = settings.BASE_URL.rstrip("/")
    return link[len(base) :] if base and link.startswith(base) else link


def record(messages: list[EmailMessage]) -> list[EmailMessage]:
    """Keep each message's notice in its recipient's inbox; the messages to e-mail now."""
    from exchange.notifications.models import Notification

    now, at_once = timezone.now(), []
    for message in messages:
        notice = message.notice  # type: ignore[attr-defined]
        sends_now = notice.channel == Channel.AT_ONCE and bool(message.to)
        Notification.objects.create(
            recipient=notice.person,
            kind=notice.kind.key,
            subject=notice.subject,
            topic=notice.topic,
            link=notice.link[:500],
            channel=notice.channel,
            created_at=now,
            emailed_at=now if sends_now else None,
        )
        if sends_now:
            at_once.append(message)
    return at_once


def send_after_commit(messages: list[EmailMessage]) -> None:
    """Keep the messages' notices now (in the deciding transaction) and e-mail those meant to
    leave at once after it commits."""
    if at_once := record(messages):
        transaction.on_commit(lambda: send_now(at_once), robust=True)


def deliver(messages: list[EmailMessage]) -> None:
    """Keep the notices and e-mail those meant to leave at once, now (a scheduled job's, whose
    own transaction records that it sent them)."""
    if at_once := record(messages):
        send_now(at_once)


def mail_after_commit(people: list, subject, template: str, context: dict, *, kind: Kind) -> None:
    """`email` to each of `people`, after the commit."""
    send_after_commit([email(person, subject, template, context, kind=kind) for person in people])


def plain_email(person, subject: str, template: str, context: dict, headers: dict) -> EmailMessage:
    """An e-mail to `person` in their language that is not itself a notification (a digest of
    them)."""
    with translation.override(language_of(person)):
        values = {**context, "person": person, "site_name": settings.WAGTAIL_SITE_NAME}
        return EmailMessage(
            subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
            body=render_to_string(template, values),
            to=[person.email],
            headers=headers,
        )


def send_now(messages: list[EmailMessage]) -> None:
    with get_connection() as connection:
        connection.send_messages(messages)


__all__ = ["ACCOUNT", "BY_KEY", "Channel", "Kind", "deliver", "email", "send_after_commit"]
