"""`send_reminders` and the reflection logs: once per phase and author, only while the phase is
still to answer, leading to the log and never quoting it."""

from dataclasses import replace
from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest

from exchange.reflections import reminders
from exchange.reflections import services as reflections
from exchange.reflections.models import Phase
from exchange.visits.models import Visit

pytestmark = pytest.mark.django_db

MARKER = "marker-77b0 never in an e-mail"


def reflection_mail() -> list[tuple[str, str]]:
    return sorted(
        (message.to[0], message.subject.split("] ", 1)[1])
        for message in mail.outbox
        if "/reflections/" in message.body
    )


def run() -> None:
    call_command("send_reminders", stdout=StringIO())


def answer_phase(visit, author, phase) -> None:
    for question, goal in reflections.phase_slots(visit, phase, author):
        reflections.entry_save(
            visit_id=visit.pk,
            user=author,
            phase=phase,
            question_id=question.pk,
            goal=goal,
            text=MARKER,
            submit=True,
        )


def test_the_before_phase_is_reminded_once_to_each_author_when_the_agreement_is_signed(network):
    from demo.factories import advance

    visit = advance(network, "agreed")
    mail.outbox.clear()
    run()
    run()
    to_visitor = "Before your visit to Fictional Harbour Counselling: what do you expect to learn?"
    # The host is shadowed, not visiting: asked what they will show.
    to_host = f"Before {network.visitor.get_full_name()} visits: what will you show?"
    assert reflection_mail() == sorted(
        [(network.visitor.email, to_visitor), (network.host.email, to_host)]
    )
    body = mail.outbox[0].body
    assert f"/visits/{visit.pk}/reflections/" in body and MARKER not in body


def test_an_answered_phase_is_not_reminded(network):
    from demo.factories import advance

    visit = advance(network, "agreed")
    answer_phase(visit, network.visitor, Phase.BEFORE)
    assert [item.recipient for item in reminders.due()] == [network.host]


def test_after_and_follow_up_come_in_their_time(network, settings):
    from demo.factories import advance

    visit = advance(network, "completed")
    answer_phase(visit, network.visitor, Phase.BEFORE)
    answer_phase(visit, network.host, Phase.BEFORE)
    kinds = {(item.kind, item.recipient.pk) for item in reminders.due()}
    assert kinds == {
        ("reflection_after", network.visitor.pk),
        ("reflection_after", network.host.pk),
    }
    answer_phase(visit, network.visitor, Phase.AFTER)  # the visit becomes reflected
    today = timezone.localdate()
    opens = reflections.follow_up_opens(Visit.objects.get(pk=visit.pk))
    assert {(i.kind, i.recipient.pk) for i in reminders.due(today)} == {
        ("reflection_after", network.host.pk)
    }
    later = {(i.kind, i.recipient.pk) for i in reminders.due(opens + timedelta(days=1))}
    assert ("reflection_follow_up", network.visitor.pk) in later
    assert not reminders.due(opens + timedelta(days=200))  # too late to remind at all
    settings.REFLECTION_FOLLOW_UP_MONTHS = 6
    assert not any(
        i.kind == "reflection_follow_up" for i in reminders.due(opens + timedelta(days=1))
    )


def test_finding_them_takes_the_same_queries_for_one_visit_or_ten(
    network, django_assert_max_num_queries
):
    from demo.factories import advance, make_member, make_offer

    for _ in range(10):
        offer = make_offer(network.host_org, windows=((10, 30, 2),))
        visitor = make_member(network.visitor_org)
        advance(replace(network, visitor=visitor), "agreed", visit=_request(visitor, offer))
    with django_assert_max_num_queries(6):
        assert len(reminders.due()) == 20


def _request(visitor, offer):
    from demo.factories import apply

    return apply(visitor, offer.windows.get()).visits.get()
