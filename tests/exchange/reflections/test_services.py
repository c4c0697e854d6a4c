"""Reflection logs through their services: phases open in turn, drafts and submitted versions,
sharing entry by entry, every read by someone else logged, and text encrypted at rest."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.db import connection
from django.utils import timezone

import pytest

from demo.factories import UserFactory, advance, make_member
from exchange.reflections import services as reflections
from exchange.reflections.models import AskedOf, EntryRead, EntryVersion, Phase, ReflectionQuestion
from exchange.roles import COORDINATORS
from exchange.visits.models import Visit, VisitState

pytestmark = pytest.mark.django_db

MARKER = "marker-4d1e: the client's faith and criminal record"


def question(phase: str, asked_of: str = AskedOf.VISITOR) -> ReflectionQuestion:
    questions = ReflectionQuestion.objects.filter(phase=phase, asked_of=asked_of)
    return questions.order_by("sort_order").first()


def write(visit, author, phase=Phase.BEFORE, text=MARKER, **slot):
    """An answer to the phase's first question asked of the author, for its first goal or day
    where it asks one."""
    asked = question(phase, reflections.role_on(visit, author))
    if asked.per_goal:
        slot.setdefault("goal", reflections.goals_of(visit)[0])
    if phase == Phase.DURING:
        slot.setdefault("day", visit.starts_on)
    return reflections.entry_save(
        visit_id=visit.pk, user=author, phase=phase, question_id=asked.pk, text=text, **slot
    )


def test_the_default_questions_cover_every_phase_for_the_visitor_and_for_the_host():
    for role in (AskedOf.VISITOR, AskedOf.HOST):
        asked = ReflectionQuestion.objects.filter(asked_of=role)
        assert set(asked.values_list("phase", flat=True)) == set(Phase.values)
    after = ReflectionQuestion.objects.filter(phase=Phase.AFTER, per_goal=True)
    assert after.filter(asked_of=AskedOf.VISITOR).count() == 3
    assert after.filter(asked_of=AskedOf.HOST).count() == 1


def test_phases_open_in_turn(network):
    visit = advance(network, "agreed")

    def in_state(state, **dates):
        Visit.objects.filter(pk=visit.pk).update(state=state, **dates)
        return Visit.objects.get(pk=visit.pk)

    with pytest.raises(reflections.ReflectionError, match="not open"):
        write(in_state(VisitState.ACCEPTED), network.visitor)
    write(in_state(VisitState.AGREED), network.visitor)
    with pytest.raises(reflections.ReflectionError, match="not open"):
        write(in_state(VisitState.AGREED), network.visitor, Phase.AFTER)
    with pytest.raises(reflections.ReflectionError, match="opens on its first day"):
        write(in_state(VisitState.SCHEDULED), network.visitor, Phase.DURING)
    write(in_state(VisitState.COMPLETED), network.visitor, Phase.AFTER)
    with pytest.raises(reflections.ReflectionError, match="follow-up opens on"):
        write(in_state(VisitState.COMPLETED), network.visitor, Phase.FOLLOW_UP)
    long_ago = timezone.localdate() - timedelta(days=100)
    past = in_state(VisitState.REFLECTED, starts_on=long_ago - timedelta(days=2), ends_on=long_ago)
    write(past, network.visitor, Phase.FOLLOW_UP)
    with pytest.raises(reflections.ReflectionError, match="not open"):
        write(in_state(VisitState.CANCELLED, reason="Ill."), network.visitor, Phase.AFTER)


def test_only_the_visitor_and_the_host_mentor_keep_a_log(network):
    visit = advance(network, "agreed")
    write(visit, network.host)  # the host who signed the agreement
    other_host = make_member(network.host_org, hosts=True)
    for person in (other_host, network.colleague, network.outsider):
        with pytest.raises(reflections.ReflectionError, match="Only the visitor and the host"):
            write(visit, person)


def test_bad_text_gets_a_message_and_saves_nothing(network):
    visit = advance(network, "agreed")
    for text, message in [("a\x00b", "NUL"), ("x" * 20_001, "at most 20,000")]:
        with pytest.raises(reflections.ReflectionError, match=message):
            write(visit, network.visitor, text=text)
    assert not EntryVersion.objects.exists()


def test_a_draft_is_saved_over_and_a_submitted_version_never_changes(network):
    visit = advance(network, "agreed")
    entry = write(visit, network.visitor, text="first draft")
    write(visit, network.visitor, text="second draft")
    assert [v.text for v in entry.versions.all()] == ["second draft"]
    reflections.entry_submit(entry_id=entry.pk, user=network.visitor)
    write(visit, network.visitor, text="an edit after submitting")
    assert [(v.number, v.submitted, v.text) for v in entry.versions.all()] == [
        (1, True, "second draft"),
        (2, False, "an edit after submitting"),
    ]
    with pytest.raises(reflections.ReflectionError, match="not yours"):
        reflections.entry_submit(entry_id=entry.pk, user=network.host)
    # Typing back the submitted text leaves nothing new: no draft, no version to submit.
    write(visit, network.visitor, text="second draft", submit=True)
    assert [(v.number, v.submitted) for v in entry.versions.all()] == [(1, True)]


def test_an_entry_is_its_authors_until_shared_and_every_other_read_is_logged(network):
    visit = advance(network, "agreed")
    entry = write(visit, network.visitor)
    coordinator = UserFactory(second_factor=True)
    coordinator.groups.add(Group.objects.get(name=COORDINATORS))
    other_host = make_member(network.host_org, hosts=True)
    superuser = UserFactory(is_staff=True, is_superuser=True, second_factor=True)
    everyone_else = [network.host, other_host, network.colleague, network.outsider, coordinator]
    everyone_else.append(superuser)

    def readers() -> set:
        return {person for person in everyone_else if reflections.may_read(entry, person)}

    assert readers() == set()
    with pytest.raises(reflections.ReflectionError, match="Submit the entry"):
        reflections.entry_share(entry_id=entry.pk, user=network.visitor, audience="partner")
    reflections.entry_submit(entry_id=entry.pk, user=network.visitor)
    reflections.entry_share(entry_id=entry.pk, user=network.visitor, audience="partner")
    assert readers() == {network.host}
    write(visit, network.visitor, text="a later draft the host must not see")
    assert reflections.entry_read(entry_id=entry.pk, user=network.host).text == MARKER
    assert reflections.entry_read(entry_id=entry.pk, user=network.visitor).text.startswith(
        "a later draft"
    )
    reads = list(EntryRead.objects.values_list("entry_id", "version", "reader_id", "author_id"))
    assert reads == [(entry.pk, 1, network.host.pk, network.visitor.pk)]

    reflections.entry_share(entry_id=entry.pk, user=network.visitor, audience="coordinators")
    assert readers() == {network.host, coordinator}
    reflections.entry_unshare(entry_id=entry.pk, user=network.visitor, audience="partner")
    assert readers() == {coordinator}
    with pytest.raises(reflections.ReflectionError, match="not shared with them"):
        reflections.entry_unshare(entry_id=entry.pk, user=network.visitor, audience="partner")
    with pytest.raises(reflections.ReflectionError, match="not shared with you"):
        reflections.entry_read(entry_id=entry.pk, user=network.host)


def test_the_database_holds_no_reflection_in_clear(network):
    visit = advance(network, "agreed")
    entry = write(visit, network.visitor)
    reflections.entry_submit(entry_id=entry.pk, user=network.visitor)
    with connection.cursor() as cursor:
        cursor.execute("SELECT ciphertext FROM exchange_entryversion")
        stored = [row[0] for row in cursor.fetchall()]
    assert stored and all("marker" not in value.lower() for value in stored)
    assert MARKER not in str(entry) and "marker" not in repr(entry.versions.get()).lower()


def test_erasing_the_author_erases_their_entries_and_keeps_the_read_record(network):
    from exchange.personal_data import services as personal_data
    from exchange.reflections.models import ReflectionEntry

    visit = advance(network, "agreed")
    entry = write(visit, network.visitor)
    reflections.entry_submit(entry_id=entry.pk, user=network.visitor)
    reflections.entry_share(entry_id=entry.pk, user=network.visitor, audience="partner")
    reflections.entry_read(entry_id=entry.pk, user=network.host)
    personal_data.erase(network.visitor)
    assert not ReflectionEntry.objects.exists() and not EntryVersion.objects.exists()
    assert EntryRead.objects.filter(entry_id=entry.pk, reader_id=network.host.pk).count() == 1


def test_the_visitors_after_phase_answered_in_full_makes_the_visit_reflected(network):
    visit = advance(network, "completed")
    goals = reflections.goals_of(visit)
    slots = reflections.phase_slots(visit, Phase.AFTER, network.visitor)
    assert goals and len(slots) == 3 * len(goals) + 1
    for position, (asked, goal) in enumerate(slots):
        entry = reflections.entry_save(
            visit_id=visit.pk,
            user=network.visitor,
            phase=Phase.AFTER,
            question_id=asked.pk,
            goal=goal,
            text=f"Answer {position}",
        )
        visit.refresh_from_db()
        assert visit.state == VisitState.COMPLETED  # not before the last answer is submitted
        reflections.entry_submit(entry_id=entry.pk, user=network.visitor)
    visit.refresh_from_db()
    assert visit.state == VisitState.REFLECTED


def test_the_personal_data_export_holds_the_authors_entries_their_sharing_and_reads(network):
    from exchange.personal_data.export import export as export_of

    visit = advance(network, "agreed")
    entry = write(visit, network.visitor)
    reflections.entry_submit(entry_id=entry.pk, user=network.visitor)
    reflections.entry_share(entry_id=entry.pk, user=network.visitor, audience="partner")
    reflections.entry_read(entry_id=entry.pk, user=network.host)
    [exported] = export_of(network.visitor)["reflection_log"]
    assert [v["text"] for v in exported["versions"]] == [MARKER]
    assert [s["with"] for s in exported["shared"]] == ["partner"]
    assert [r["reader_id"] for r in exported["read_by_others"]] == [network.host.pk]
    assert export_of(network.host)["reflection_log"] == []  # a reader gets no copy
