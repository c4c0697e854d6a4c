"""The visit workflow through its services: the lifecycle, every forbidden transition, the
agreement and its amendments, bad input, the audit log and the e-mail."""

from datetime import timedelta

from django.core import mail
from django.db import IntegrityError, transaction

from wagtail.models import ModelLogEntry

import pytest

from demo.factories import UserFactory, advance, apply, make_member, make_offer, propose
from exchange.roles import COORDINATORS
from exchange.visits import agreements, steps
from exchange.visits import services as visits
from exchange.visits.models import OfferWindow, Visit, VisitState


def booked(window) -> int:
    return OfferWindow.objects.get(pk=window.pk).booked


@pytest.mark.django_db
def test_the_whole_lifecycle_takes_one_place_and_is_logged(network):
    visit = propose(network)
    assert visit.state == VisitState.PROPOSED and booked(network.window) == 0
    advance(network, "reflected", visit)
    assert booked(network.window) == 1
    actions = list(
        ModelLogEntry.objects.for_instance(visit).order_by("pk").values_list("action", flat=True)
    )
    assert actions == [
        "exchange.visit.propose",
        "exchange.visit.accept",
        "exchange.visit.agreement_edit",
        "exchange.visit.agreement_sign",
        "exchange.visit.agreement_sign",
        "exchange.visit.agree",
        "exchange.visit.agenda_add",
        "exchange.visit.schedule",
        "exchange.visit.complete",
        "exchange.visit.reflect",
    ]
    entry = ModelLogEntry.objects.for_instance(visit).get(action="exchange.visit.accept")
    assert entry.user_id == network.host.pk


def _every_state(network):
    """One visit in each state, each with its own visitor."""
    result = {}
    for state in VisitState.values:
        visitor = make_member(network.visitor_org)
        visit = propose(network, visitor)
        network_for = type(network)(**{**network.__dict__, "visitor": visitor})
        OfferWindow.objects.filter(pk=network.window.pk).update(capacity=20)
        result[state] = advance(network_for, state, visit)
    return result


def _attempt(name, visit, user):
    step = {
        "accept": lambda: visits.visit_accept(visit_id=visit.pk, user=user),
        "decline": lambda: visits.visit_decline(visit_id=visit.pk, user=user, reason="No."),
        "agree": lambda: agreements.agreement_sign(visit_id=visit.pk, user=user),
        "schedule": lambda: visits.visit_schedule(visit_id=visit.pk, user=user),
        "complete": lambda: visits.visit_complete(visit_id=visit.pk, user=user),
        "reflect": lambda: visits.visit_mark_reflected(visit_id=visit.pk, user=user),
        "cancel": lambda: visits.visit_cancel(visit_id=visit.pk, user=user, reason="No."),
    }[name]
    return step()


@pytest.mark.django_db
def test_every_forbidden_transition_is_refused_and_changes_nothing(network):
    coordinator = UserFactory()
    coordinator.groups.add(coordinator.groups.model.objects.get(name=COORDINATORS))
    by_state = _every_state(network)
    refused = 0
    for name, transition in steps.TRANSITIONS.items():
        for state, visit in by_state.items():
            people = {
                "visitor": visit.visitor,
                "host": network.host,
                "coordinator": coordinator,
                "colleague": network.colleague,
                "outsider": network.outsider,
            }
            for role, user in people.items():
                if state in transition.sources and role in transition.roles:
                    continue
                before = Visit.objects.get(pk=visit.pk)
                places = booked(network.window)
                with pytest.raises(visits.VisitError) as refusal:
                    _attempt(name, visit, user)
                assert str(refusal.value)
                after = Visit.objects.get(pk=visit.pk)
                assert (after.state, after.reason) == (before.state, before.reason)
                assert booked(network.window) == places
                refused += 1
    assert refused > 150


@pytest.mark.django_db
def test_a_declined_visit_keeps_its_reason_and_frees_nothing(network):
    visit = advance(network, "declined")
    assert visit.reason == "Full team." and booked(network.window) == 0
    with pytest.raises(visits.VisitError, match="Say why"):
        visits.visit_decline(
            visit_id=propose(network, make_member(network.visitor_org)).pk,
            user=network.host,
            reason=" ",
        )


@pytest.mark.django_db
def test_cancelling_an_accepted_visit_frees_its_place(network):
    visit = advance(network, "agreed")
    assert booked(network.window) == 1
    visits.visit_cancel(visit_id=visit.pk, user=network.host, reason="Our team is ill.")
    assert booked(network.window) == 0
    visit.refresh_from_db()
    assert visit.state == VisitState.CANCELLED and visit.reason == "Our team is ill."


@pytest.mark.django_db
def test_a_full_window_refuses_the_next_acceptance_with_a_clear_message(network):
    OfferWindow.objects.filter(pk=network.window.pk).update(capacity=1)
    first = propose(network)
    second = propose(network, make_member(network.visitor_org))
    visits.visit_accept(visit_id=first.pk, user=network.host)
    with pytest.raises(visits.WindowFull, match="This window is full"):
        visits.visit_accept(visit_id=second.pk, user=network.host)
    second.refresh_from_db()
    assert second.state == VisitState.PROPOSED and booked(network.window) == 1
    assert not hasattr(Visit.objects.get(pk=second.pk), "agreement")


@pytest.mark.django_db
def test_the_database_refuses_more_places_than_capacity(network):
    with pytest.raises(IntegrityError), transaction.atomic():
        OfferWindow.objects.filter(pk=network.window.pk).update(booked=3)


@pytest.mark.django_db
def test_one_place_per_visitor_and_window(network):
    propose(network)
    with pytest.raises(visits.VisitError, match="already has a visit on overlapping days"):
        propose(network)


@pytest.mark.django_db
def test_a_visitor_cannot_be_double_booked(network):
    other_offer = make_offer(network.outsider.profile.organisation)
    make_member(network.outsider.profile.organisation, hosts=True)
    here = propose(network)
    other_window = other_offer.windows.get()
    with pytest.raises(visits.VisitError, match="overlapping days"):  # refused when proposed
        apply(network.visitor, other_window)
    # A visit on the same days from before that rule (or a direct insert) meets the accept check.
    there = Visit.objects.create(
        application=apply(network.visitor),
        visitor=network.visitor,
        window=other_window,
        starts_on=here.starts_on,
        ends_on=here.ends_on,
    )
    visits.visit_accept(visit_id=here.pk, user=network.host)
    other_host = other_offer.organisation.member_profiles.get(hosts_visitors=True).user
    with pytest.raises(visits.VisitError, match="already has a visit on these dates"):
        visits.visit_accept(visit_id=there.pk, user=other_host)
    there.refresh_from_db()
    assert there.state == VisitState.PROPOSED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("days", "message"),
    [
        ((-1, 2), "inside the offer's window"),
        ((0, 30), "inside the offer's window"),
        ((2, 1), "cannot be before"),
    ],
)
def test_dates_outside_the_window_or_reversed_are_refused(network, days, message):
    with pytest.raises(visits.VisitError, match=message):
        apply(network.visitor, network.window, days=days)
    assert not Visit.objects.exists()
    assert not network.visitor.visit_applications.exists()  # the application rolled back too


@pytest.mark.django_db
def test_no_visit_to_ones_own_organisation(network):
    with pytest.raises(visits.VisitError, match="another organisation"):
        apply(network.colleague, network.window)


@pytest.mark.django_db
def test_agenda_days_must_be_visit_days(network):
    visit = advance(network, "agreed")
    with pytest.raises(visits.VisitError, match="one of the visit's days"):
        visits.agenda_add(
            visit_id=visit.pk,
            user=network.host,
            item={"day": visit.ends_on + timedelta(days=1), "activity": "Late"},
        )
    with pytest.raises(visits.VisitError, match="Add the agenda"):
        visits.visit_schedule(visit_id=visit.pk, user=network.host)
    with pytest.raises(visits.VisitError, match="host organisation sets the agenda"):
        visits.agenda_add(
            visit_id=visit.pk, user=network.visitor, item={"day": visit.starts_on, "activity": "x"}
        )


@pytest.mark.django_db
def test_a_visit_is_confirmed_only_from_its_first_day(network):
    visit = advance(network, "scheduled")
    with pytest.raises(visits.VisitError, match="from its first day"):
        visits.visit_complete(visit_id=visit.pk, user=network.host)


@pytest.mark.django_db
def test_withdrawing_an_application_cancels_its_open_request(network):
    application = apply(network.visitor, network.window)
    visits.application_withdraw(application=application, user=network.visitor)
    assert application.visits.get().state == VisitState.CANCELLED
    with pytest.raises(visits.VisitError, match="already withdrawn"):
        visits.application_withdraw(application=application, user=network.visitor)


@pytest.mark.django_db
def test_each_step_mails_the_people_it_concerns_after_the_commit(
    network, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        visit = propose(network)
    assert [m.to for m in mail.outbox] == [[network.host.email]]
    assert "New visit request" in mail.outbox[0].subject
    assert network.colleague.email not in str([m.to for m in mail.outbox])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        visits.visit_decline(visit_id=visit.pk, user=network.host, reason="We are moving offices.")
    assert [m.to for m in mail.outbox] == [[network.visitor.email]]
    assert "We are moving offices." in mail.outbox[0].body
    assert visit.get_absolute_url() in mail.outbox[0].body


@pytest.mark.django_db
def test_a_refused_step_mails_nobody(network, django_capture_on_commit_callbacks):
    visit = propose(network)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(visits.VisitError):
        visits.visit_accept(visit_id=visit.pk, user=network.visitor)
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_direct_request_needs_the_visits_days(network):
    from cms.models import Challenge

    with pytest.raises(visits.VisitError, match="first and last day"):
        visits.application_submit(
            applicant=network.visitor,
            data={
                "challenge": Challenge.vocabulary.first(),
                "challenge_statement": "s",
                "learning_goals": "g",
                "available_from": network.window.starts_on,
                "available_until": network.window.ends_on,
            },
            languages=[],
            window=network.window,
        )
    assert not network.visitor.visit_applications.exists()
