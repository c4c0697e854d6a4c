"""Taking a visit home, step by step: the practices a visit showed (listed by the host before
it, by the visitor against a goal or afterwards), the visitor's intention for each, the
follow-ups at 3, 6 and 12 months, and what was passed on. Each refusal says why."""

from datetime import timedelta

from django.db import connection
from django.utils import timezone

import pytest

from demo.factories import advance
from exchange.transfer import services
from exchange.transfer.models import FollowUp, PassedOn
from exchange.transfer.services import TransferError

from .conftest import ended, months_ago

pytestmark = pytest.mark.django_db


def test_the_host_lists_practices_before_the_visit_and_the_visitor_links_one_to_a_goal(
    network, practices
):
    visit = advance(network, "agreed")
    seen = services.practice_add(visit_id=visit.pk, user=network.host, practice_id=practices[0].pk)
    assert seen.visitor == network.visitor and seen.practice_key == practices[0].translation_key
    goal = "See how a first family conversation is opened."
    mine = services.practice_add(
        visit_id=visit.pk, user=network.visitor, practice_id=practices[2].pk, goal=goal
    )
    assert mine.goal == goal
    with pytest.raises(TransferError, match="already on this visit's list"):
        services.practice_add(visit_id=visit.pk, user=network.visitor, practice_id=practices[0].pk)
    with pytest.raises(TransferError, match="learning goals"):
        services.practice_add(
            visit_id=visit.pk, user=network.visitor, practice_id=practices[1].pk, goal="Other"
        )
    for outsider in (network.colleague, network.outsider):
        with pytest.raises(TransferError):
            services.practice_add(visit_id=visit.pk, user=outsider, practice_id=practices[1].pk)


def test_a_practice_is_not_listed_before_the_agreement(network, practices):
    visit = advance(network, "accepted")
    with pytest.raises(TransferError, match="once the agreement is signed"):
        services.practice_add(visit_id=visit.pk, user=network.visitor, practice_id=practices[0].pk)


def test_the_host_lists_no_practice_after_the_visit_nor_anyone_a_draft(
    network, practices, took_place
):
    visit = took_place
    with pytest.raises(TransferError, match="the host, before the visit"):
        services.practice_add(visit_id=visit.pk, user=network.host, practice_id=practices[0].pk)
    draft = practices[1]
    draft.unpublish()
    with pytest.raises(TransferError, match="not in the library"):
        services.practice_add(visit_id=visit.pk, user=network.visitor, practice_id=draft.pk)


def test_the_visitor_says_what_they_mean_to_do_after_the_visit(network, practices, took_place):
    seen = services.practice_add(
        visit_id=took_place.pk, user=network.visitor, practice_id=practices[0].pk
    )
    services.intention_record(
        visit_id=took_place.pk,
        user=network.visitor,
        seen_id=seen.pk,
        intention="adapt",
        why="Our families speak three languages.",
    )
    seen.refresh_from_db()
    assert seen.intention == "adapt" and seen.intention_why == "Our families speak three languages."
    with connection.cursor() as cursor:
        cursor.execute("SELECT intention_why FROM exchange_practiceseen WHERE id = %s", [seen.pk])
        stored = cursor.fetchone()[0]
    assert stored and "three languages" not in stored  # the column holds a token
    with pytest.raises(TransferError, match="Only the visitor"):
        services.intention_record(
            visit_id=took_place.pk, user=network.host, seen_id=seen.pk, intention="adopt"
        )
    with pytest.raises(TransferError, match="Choose what you mean"):
        services.intention_record(
            visit_id=took_place.pk, user=network.visitor, seen_id=seen.pk, intention="maybe"
        )


def test_an_intention_waits_for_the_visit_to_take_place(network, practices):
    visit = advance(network, "scheduled")
    seen = services.practice_add(visit_id=visit.pk, user=network.host, practice_id=practices[0].pk)
    with pytest.raises(TransferError, match="once the visit has taken place"):
        services.intention_record(
            visit_id=visit.pk, user=network.visitor, seen_id=seen.pk, intention="adopt"
        )


def answer(seen, status="adopted", **more):
    return {seen.pk: {"status": status, "helped": [], "hindered": [], "note": "", **more}}


def test_each_follow_up_opens_in_its_month_and_is_answered_once(network, practices):
    visit = ended(advance(network, "completed"), months_ago(6))
    seen = services.practice_add(
        visit_id=visit.pk, user=network.visitor, practice_id=practices[0].pk
    )
    with pytest.raises(TransferError, match="opens on"):
        services.follow_up_answer(
            visit_id=visit.pk, user=network.visitor, month=12, answers=answer(seen)
        )
    saved = services.follow_up_answer(
        visit_id=visit.pk,
        user=network.visitor,
        month=6,
        answers=answer(seen, "adapting", helped=["management"], hindered=["time"], note="Slowly."),
    )
    assert [(f.status, f.helped, f.hindered, f.note) for f in saved] == [
        ("adapting", ["management"], ["time"], "Slowly.")
    ]
    with pytest.raises(TransferError, match="answered already"):
        services.follow_up_answer(
            visit_id=visit.pk, user=network.visitor, month=6, answers=answer(seen)
        )
    services.follow_up_answer(
        visit_id=visit.pk, user=network.visitor, month=3, answers=answer(seen)
    )
    assert FollowUp.objects.filter(seen=seen).count() == 2
    seen.refresh_from_db()
    assert seen.latest_status == "adapting"  # the 6-month answer, though the 3-month came later


def test_a_follow_up_is_saved_whole_or_not_at_all(network, practices):
    visit = ended(advance(network, "completed"), months_ago(3))
    first, second = (
        services.practice_add(visit_id=visit.pk, user=network.visitor, practice_id=p.pk)
        for p in practices[:2]
    )
    both = {**answer(first), **answer(second, "sometimes")}
    with pytest.raises(TransferError, match="where each practice stands"):
        services.follow_up_answer(visit_id=visit.pk, user=network.visitor, month=3, answers=both)
    with pytest.raises(TransferError, match="Answer for each practice"):
        services.follow_up_answer(
            visit_id=visit.pk, user=network.visitor, month=3, answers=answer(first)
        )
    with pytest.raises(TransferError, match="Choose from the answers"):
        services.follow_up_answer(
            visit_id=visit.pk,
            user=network.visitor,
            month=3,
            answers={**answer(first), **answer(second, helped=["luck"])},
        )
    assert not FollowUp.objects.exists()


def test_a_practice_not_for_us_is_not_followed_up(network, practices):
    visit = ended(advance(network, "completed"), months_ago(3))
    kept, dropped = (
        services.practice_add(visit_id=visit.pk, user=network.visitor, practice_id=p.pk)
        for p in practices[:2]
    )
    services.intention_record(
        visit_id=visit.pk, user=network.visitor, seen_id=dropped.pk, intention="not_for_us"
    )
    assert services.asked_at_follow_up(visit) == [kept]


def test_what_was_passed_on_is_recorded_with_its_day_and_colleagues(network, practices, took_place):
    seen = services.practice_add(
        visit_id=took_place.pk, user=network.visitor, practice_id=practices[0].pk
    )
    today = timezone.localdate()
    item = services.passed_on_add(
        visit_id=took_place.pk,
        user=network.visitor,
        kind="team_session",
        on=today,
        colleagues=12,
        seen_id=seen.pk,
        note="Two hours with the family team.",
    )
    assert (item.colleagues, item.seen, item.note) == (12, seen, "Two hours with the family team.")
    for on, colleagues, message in [
        (today + timedelta(days=1), 3, "has not come yet"),
        (took_place.starts_on - timedelta(days=1), 3, "before the visit"),
        (today, 10_001, "from 0 to 10,000"),
        (today, -1, "from 0 to"),
    ]:
        with pytest.raises(TransferError, match=message):
            services.passed_on_add(
                visit_id=took_place.pk,
                user=network.visitor,
                kind="training",
                on=on,
                colleagues=colleagues,
            )
    services.passed_on_remove(visit_id=took_place.pk, user=network.visitor, item_id=item.pk)
    assert not PassedOn.objects.exists()


def test_a_practice_answered_at_a_follow_up_stays_on_the_list(network, practices):
    visit = ended(advance(network, "completed"), months_ago(3))
    seen = services.practice_add(
        visit_id=visit.pk, user=network.visitor, practice_id=practices[0].pk
    )
    services.follow_up_answer(
        visit_id=visit.pk, user=network.visitor, month=3, answers=answer(seen)
    )
    with pytest.raises(TransferError, match="stays on the list"):
        services.practice_remove(visit_id=visit.pk, user=network.visitor, seen_id=seen.pk)
