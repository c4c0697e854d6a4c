"""The learning agreement's steps: complete before signing, an edit withdraws the signatures,
amendments confirmed by both sides and kept inside the window and the agenda."""

from datetime import timedelta

import pytest

from demo.factories import TERMS, advance
from exchange.visits import agreements
from exchange.visits import services as visits


@pytest.mark.django_db
def test_the_agreement_needs_every_term_before_signing(network):
    visit = advance(network, "accepted")
    with pytest.raises(visits.VisitError, match="Complete the agreement"):
        agreements.agreement_sign(visit_id=visit.pk, user=network.visitor)


@pytest.mark.django_db
def test_editing_the_agreement_withdraws_signatures(network):
    visit = advance(network, "accepted")
    terms = {**TERMS, "starts_on": visit.starts_on, "ends_on": visit.ends_on}
    agreements.agreement_update(visit_id=visit.pk, user=network.host, terms=terms)
    agreements.agreement_sign(visit_id=visit.pk, user=network.host)
    with pytest.raises(visits.VisitError, match="already signed"):
        agreements.agreement_sign(visit_id=visit.pk, user=network.host)
    changed = {**terms, "tasks": "Observe one session only."}
    agreement = agreements.agreement_update(visit_id=visit.pk, user=network.visitor, terms=changed)
    assert agreement.host_signed_at is None and agreement.visitor_signed_at is None


@pytest.mark.django_db
def test_an_amendment_needs_both_sides_and_the_original_stays_readable(network):
    visit = advance(network, "agreed")
    new_end = visit.ends_on + timedelta(days=1)
    amendment = agreements.amendment_propose(
        visit_id=visit.pk,
        user=network.host,
        reason="A court hearing moved to the third day.",
        changes={"ends_on": new_end, "tasks": "Also attend the court hearing."},
    )
    agreement = visit.agreement
    assert agreement.terms()["ends_on"] == visit.ends_on  # not in force yet
    with pytest.raises(visits.VisitError, match="already waiting"):
        agreements.amendment_propose(
            visit_id=visit.pk, user=network.visitor, reason="x", changes={"tasks": "Other."}
        )
    with pytest.raises(visits.VisitError, match="already confirmed"):
        agreements.amendment_confirm(amendment_id=amendment.pk, user=network.host)
    agreements.amendment_confirm(amendment_id=amendment.pk, user=network.visitor)
    agreement.refresh_from_db()
    assert agreement.terms()["ends_on"] == new_end
    assert agreement.terms()["tasks"] == "Also attend the court hearing."
    assert agreement.tasks == TERMS["tasks"]  # the original, as signed
    visit.refresh_from_db()
    assert visit.ends_on == new_end


@pytest.mark.django_db
def test_an_amendment_outside_the_window_is_refused(network):
    visit = advance(network, "agreed")
    with pytest.raises(visits.VisitError, match="inside the offer's window"):
        agreements.amendment_propose(
            visit_id=visit.pk,
            user=network.visitor,
            reason="Longer.",
            changes={"ends_on": network.window.ends_on + timedelta(days=1)},
        )
    assert not visit.agreement.amendments.exists()


@pytest.mark.django_db
def test_an_amendment_keeps_every_agenda_day(network):
    visit = advance(network, "agreed")
    last_day = visits.agenda_add(
        visit_id=visit.pk,
        user=network.host,
        item={"day": visit.ends_on, "activity": "Case conference (fictional)"},
    )
    shorter = {"ends_on": visit.ends_on - timedelta(days=1)}
    with pytest.raises(visits.VisitError, match="agenda has activities on"):
        agreements.amendment_propose(
            visit_id=visit.pk, user=network.visitor, reason="Shorter.", changes=shorter
        )
    # Proposed while the agenda fitted, then an activity was added on the day that goes.
    visits.agenda_remove(visit_id=visit.pk, user=network.host, item_id=last_day.pk)
    amendment = agreements.amendment_propose(
        visit_id=visit.pk, user=network.visitor, reason="Shorter.", changes=shorter
    )
    visits.agenda_add(
        visit_id=visit.pk,
        user=network.host,
        item={"day": visit.ends_on, "activity": "Team supervision (fictional)"},
    )
    with pytest.raises(visits.VisitError, match="host moves or removes them first"):
        agreements.amendment_confirm(amendment_id=amendment.pk, user=network.host)
    visit.refresh_from_db()
    assert visit.agenda.count() == 1 and visit.ends_on == shorter["ends_on"] + timedelta(days=1)
