"""Matching rounds through the adapter: the database's applications and windows in, stored
proposals and misses out, pins and rejections respected, publishing as proposed visits."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

import pytest

from demo.factories import make_member, make_offer
from demo.page_factories import make_organisation
from exchange.visits.models import Visit, VisitState
from matching import engine, services
from matching.models import Exclusion, Proposal, Run


@pytest.mark.django_db
def test_a_run_stores_its_inputs_pairs_and_misses(world):
    run = services.round_run(round_=world["round"], user=world["host"])
    assert {v["id"] for v in run.inputs["visitors"]} == {
        f"a{world['alice'].pk}",
        f"a{world['bruno'].pk}",
    }
    assert [h["capacity"] for h in run.inputs["hosts"]] == [1]
    (proposal,) = run.proposals.all()
    (miss,) = run.misses.all()
    assert proposal.window == world["window"] and miss.reason == "capacity"
    assert dict(proposal.parts)["shared challenge"] == 5.0
    assert run.total == proposal.score and run.total >= run.greedy_total
    again = services.round_run(round_=world["round"], user=world["host"])
    assert [p.application_id for p in again.proposals.all()] == [proposal.application_id]


@pytest.mark.django_db
def test_the_next_run_works_around_a_rejection_and_keeps_a_pin(world):
    run = services.round_run(round_=world["round"], user=world["host"])
    first = run.proposals.get()
    services.proposal_decide(proposal=first, decision=Proposal.Decision.REJECTED, user=None)
    second = services.round_run(round_=world["round"], user=None).proposals.get()
    assert second.application_id != first.application_id
    services.proposal_decide(proposal=second, decision=Proposal.Decision.PINNED, user=None)
    third = services.round_run(round_=world["round"], user=None).proposals.get()
    assert (third.application_id, third.forced) == (second.application_id, True)


@pytest.mark.django_db
def test_publishing_proposes_the_visits_and_tells_both_people(
    world, django_capture_on_commit_callbacks
):
    run = services.round_run(round_=world["round"], user=world["host"])
    proposal = run.proposals.get()
    with django_capture_on_commit_callbacks(execute=True):
        (visit,) = services.round_publish(round_=world["round"], user=world["coordinator"])
    assert visit.state == VisitState.PROPOSED and visit.application == proposal.application
    assert visit.window.contains(visit.starts_on, visit.ends_on)
    assert (visit.ends_on - visit.starts_on).days == services.VISIT_DAYS - 1
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([world["host"].email, visit.visitor.email])
    # The host hears who proposed the visit: the round, not a request of the visitor's.
    (to_host,) = [message for message in mail.outbox if message.to == [world["host"].email]]
    assert "The matching round proposes a visit by" in to_host.subject
    assert "asks to visit" not in to_host.body and "matching round proposes" in to_host.body
    world["round"].refresh_from_db()
    assert world["round"].published_at is not None
    with pytest.raises(services.RoundError, match="already published"):
        services.round_publish(round_=world["round"], user=None)
    with pytest.raises(services.RoundError, match="published"):
        services.round_run(round_=world["round"], user=None)
    # A matched application is not offered again in another round.
    assert visit.application not in services.open_applications(world["round"])


@pytest.mark.django_db
def test_publishing_is_all_or_nothing(world):
    services.round_run(round_=world["round"], user=None)
    # The window filled up meanwhile: the pair cannot become a visit, and nothing is published.
    world["window"].offer.is_published = False
    world["window"].offer.save(update_fields=["is_published"])
    with pytest.raises(services.RoundError, match="Run the round again"):
        services.round_publish(round_=world["round"], user=None)
    assert not Visit.objects.exists()
    world["round"].refresh_from_db()
    assert world["round"].published_at is None


@pytest.mark.django_db
def test_a_swap_pins_the_application_to_its_alternate(world):
    index = world["window"].offer.organisation.get_parent()
    other_org = make_organisation(index, title="Fictional Moor Counselling", country="DE")
    make_member(other_org, hosts=True)
    second_host = make_offer(other_org, windows=((10, 40, 1),)).windows.get()
    run = services.round_run(round_=world["round"], user=None)
    pair = next(p for p in run.proposals.all() if second_host.pk in p.alternates)
    with pytest.raises(services.RoundError, match="alternates"):
        services.proposal_swap(proposal=pair, window_id=pair.window_id, user=None)
    services.proposal_swap(proposal=pair, window_id=second_host.pk, user=None)
    again = services.round_run(round_=world["round"], user=None)
    moved = again.proposals.get(application=pair.application)
    assert (moved.window_id, moved.forced) == (second_host.pk, True)


@pytest.mark.django_db
def test_a_stored_run_replays_to_the_same_pairs(world):
    run = services.round_run(round_=world["round"], user=None)
    replayed = services.run_replay(run)
    assert [(p.visitor, p.host) for p in replayed.pairs] == [
        (f"a{p.application_id}", f"w{p.window_id}") for p in run.proposals.order_by("application")
    ]
    assert replayed.total == run.total


@pytest.mark.django_db
def test_a_declared_conflict_is_never_proposed(world):
    host_org = world["window"].offer.organisation
    Exclusion.objects.create(
        application=world["alice"], organisation=host_org, reason="Former colleague (fictional)"
    )
    run = services.round_run(round_=world["round"], user=None)
    assert run.proposals.get().application == world["bruno"]
    miss = run.misses.get()
    assert (miss.application, miss.reason) == (world["alice"], "declared conflict or exclusion")


# --- a run's stages ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_run_writes_each_stage_as_it_gets_there(world, monkeypatch):
    """What a review page in another process reads while a worker runs the round: the stage,
    from the database, at the moment the engine is solving."""
    seen = {}
    solve = engine.solve

    def solve_and_look(problem):
        seen["status"], seen["inputs"] = Run.objects.values_list("status", "inputs").get()
        return solve(problem)

    monkeypatch.setattr(engine, "solve", solve_and_look)
    queued = services.round_queue(round_=world["round"], user=None)
    assert queued.status == Run.Status.QUEUED and not queued.is_finished
    run = services.round_run(round_=world["round"], user=None, run=queued)
    assert seen["status"] == Run.Status.SOLVING
    assert len(seen["inputs"]["visitors"]) == 2  # stored before the engine starts
    run.refresh_from_db()
    assert run.status == Run.Status.DONE and run.is_finished and run.proposals.exists()


@pytest.mark.django_db
def test_a_run_that_stops_on_an_error_says_so(world, monkeypatch):
    def broken(problem):
        raise MemoryError

    monkeypatch.setattr(engine, "solve", broken)
    with pytest.raises(MemoryError):
        services.round_run(round_=world["round"], user=None)
    run = world["round"].latest_run
    assert run.status == Run.Status.FAILED and "unexpected error" in run.error
    assert run.finished_at is not None and not run.proposals.exists()


@pytest.mark.django_db
def test_one_run_at_a_time_unless_the_last_one_stalled(world):
    first = services.round_queue(round_=world["round"], user=None)
    with pytest.raises(services.RoundError, match="under way"):
        services.round_queue(round_=world["round"], user=None)
    # Its worker died: after a while the round is free again, and the run says what happened.
    Run.objects.filter(pk=first.pk).update(
        started_at=timezone.now() - services.RUN_STALLED_AFTER - timedelta(minutes=1)
    )
    second = services.round_run(round_=world["round"], user=None)
    first.refresh_from_db()
    assert (first.status, first.error) == (Run.Status.FAILED, "Stopped before it finished.")
    assert second.status == Run.Status.DONE


@pytest.mark.django_db
def test_a_round_takes_one_application_per_person_and_nobody_already_visiting(world):
    from demo.factories import apply

    alice = world["alice"].applicant
    second_of_alice = apply(alice)  # a second application of the same person
    ids = set(services.open_applications(world["round"]).values_list("pk", flat=True))
    assert world["alice"].pk in ids and second_of_alice.pk not in ids
    apply(world["bruno"].applicant, world["window"])  # Bruno asks the host directly
    ids = set(services.open_applications(world["round"]).values_list("pk", flat=True))
    assert not any(pk in ids for pk in (world["bruno"].pk,))


@pytest.mark.django_db
def test_nobody_is_proposed_two_visits_on_overlapping_days(world):
    from demo.factories import apply
    from exchange.visits import services as visits

    bruno = world["bruno"].applicant
    apply(bruno, world["window"], days=(0, 4))
    later = make_offer(world["window"].offer.organisation, windows=((12, 40, 3),))
    with pytest.raises(visits.VisitError, match="overlapping days"):
        visits.visit_propose(
            application=world["bruno"],
            window=later.windows.get(),
            starts_on=world["window"].starts_on + timedelta(days=2),
            ends_on=world["window"].starts_on + timedelta(days=5),
            proposed_by=world["coordinator"],
        )
    assert Visit.objects.filter(visitor=bruno).count() == 1
