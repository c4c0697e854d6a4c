"""E-mail about visits, to the people a step concerns, each in their own language (their admin
preference, else the site's). Sent after the step's transaction commits: a step that rolls back
mails nobody, and a mail server that fails does not undo a step (the failure is logged)."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from exchange.membership.models import Profile

logger = logging.getLogger(__name__)

SUBJECTS = {
    "proposed": _("New visit request from %(visitor)s"),
    "matched": _("The matching round proposes a visit to %(organisation)s"),
    "accepted": _("Your visit to %(organisation)s is accepted"),
    "declined": _("Your visit request to %(organisation)s was declined"),
    "signed": _("Please sign the learning agreement for the visit to %(organisation)s"),
    "agreed": _("Learning agreement signed: visit to %(organisation)s"),
    "scheduled": _("Your visit to %(organisation)s is scheduled"),
    "completed": _("Thank you for the visit to %(organisation)s: time to reflect"),
    "cancelled": _("Visit to %(organisation)s cancelled"),
    "amendment_proposed": _("A change to the learning agreement waits for you"),
    "amendment_confirmed": _("The learning agreement is amended"),
    "reminder_pending": _("Reminder: a visit request waits for your answer"),
    "reminder_unsigned": _("Reminder: please sign the learning agreement"),
    "reminder_before": _("Your visit to %(organisation)s starts in a few days"),
    "reflection_before": _("Before your visit to %(organisation)s: what do you expect to learn?"),
    "reflection_after": _("After your visit to %(organisation)s: your reflection, please"),
    "reflection_follow_up": _("Months after your visit to %(organisation)s: what has changed?"),
    "survey_after_visit": _("Your visit to %(organisation)s: five questions, please"),
    "survey_follow_up": _("Months after your visit to %(organisation)s: a short survey"),
    "host_missing": _("Your visit request to %(organisation)s waits for a host"),
    "host_missing_coordinator": _("A visit request to %(organisation)s has nobody to answer it"),
    "host_found": _("A visit request from %(visitor)s waits for your answer"),
    "excerpt_suggested": _("A coordinator suggests an edit to your excerpt"),
    "message": _("A new message about the visit to %(organisation)s"),
}

# Who hears of each step, besides never the person who took it.
AUDIENCE = {
    "proposed": ("hosts",),
    "accepted": ("visitor",),
    "declined": ("visitor",),
    "signed": ("visitor", "hosts"),
    "agreed": ("visitor", "hosts"),
    "scheduled": ("visitor", "hosts"),
    "completed": ("visitor",),
    "cancelled": ("visitor", "hosts"),
    "amendment_proposed": ("visitor", "hosts"),
    "amendment_confirmed": ("visitor", "hosts"),
}


def hosts_of(visit) -> list:
    """The active members who host for the visit's organisation."""
    return hosts_by_organisation([visit.window.offer.organisation_id]).get(
        visit.window.offer.organisation_id, []
    )


def hosts_by_organisation(organisation_ids) -> dict[int, list]:
    """The active hosts of each of these organisations, in one query."""
    hosts: dict[int, list] = {}
    profiles = Profile.objects.hosts().filter(organisation_id__in=set(organisation_ids))
    for profile in profiles.select_related("user").order_by("user_id"):
        hosts.setdefault(profile.organisation_id, []).append(profile.user)
    return hosts


def recipients(visit, audience, actor=None) -> list:
    people = []
    if "visitor" in audience and visit.visitor and visit.visitor.is_active:
        people.append(visit.visitor)
    if "hosts" in audience:
        people += hosts_of(visit)
    actor_pk = getattr(actor, "pk", None)
    seen, unique = set(), []
    for person in people:
        if person.pk != actor_pk and person.pk not in seen and person.email:
            seen.add(person.pk)
            unique.append(person)
    return unique


def visit_event(visit, event: str, *, actor=None) -> None:
    """Tell the people concerned that `visit` went through `event` (after the commit)."""
    send_after_commit(visit, event, recipients(visit, AUDIENCE[event], actor))


def send_after_commit(visit, event: str, people: list, path: str = "") -> None:
    messages = [message(visit, event, person, path) for person in people]
    if messages:
        transaction.on_commit(lambda: _send(messages), robust=True)


def _send(messages: list[EmailMessage]) -> None:
    with get_connection() as connection:
        connection.send_messages(messages)


def language_of(user) -> str:
    profile = getattr(user, "wagtail_userprofile", None)
    return (profile and profile.preferred_language) or settings.LANGUAGE_CODE


def _path(visit, event: str) -> str:
    """The page the e-mail leads to: the reflection log for its reminders, else the visit."""
    if event.startswith("reflection_"):
        return reverse("reflection_log", args=[visit.pk])
    if event.startswith("survey_"):
        return reverse("visit_survey", args=[visit.pk, event.removeprefix("survey_")])
    return visit.get_absolute_url()


def message(visit, event: str, person, path: str = "") -> EmailMessage:
    """The e-mail about `event` to `person`, leading to `path` (else the event's own page)."""
    with translation.override(language_of(person)):
        context = {
            "visit": visit,
            "person": person,
            "organisation": visit.window.offer.organisation.title,
            "visitor": visit.visitor.get_full_name() if visit.visitor else _("an erased member"),
            "link": settings.BASE_URL + (path or _path(visit, event)),
            "to_log": event.startswith("reflection_"),
            "to_excerpt": event.startswith("excerpt_"),
            "to_survey": event.startswith("survey_"),
            "site_name": settings.WAGTAIL_SITE_NAME,
            "event": event,
        }
        subject = SUBJECTS[event] % {
            "organisation": context["organisation"],
            "visitor": context["visitor"],
        }
        body = render_to_string("exchange/visits/email/visit.txt", context)
    return EmailMessage(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + str(subject),
        body=body,
        to=[person.email],
    )


def mail_after_commit(people: list, subject, template: str, context: dict) -> None:
    """E-mail that is not about one visit (say, to a publication's editors): `subject` (lazy,
    formatted with `context`) and `template`, in each person's language, after the commit."""
    messages = []
    for person in people:
        if not person.email:
            continue
        with translation.override(language_of(person)):
            values = {**context, "person": person, "site_name": settings.WAGTAIL_SITE_NAME}
            messages.append(
                EmailMessage(
                    subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + str(subject) % context,
                    body=render_to_string(template, values),
                    to=[person.email],
                )
            )
    if messages:
        transaction.on_commit(lambda: _send(messages), robust=True)
