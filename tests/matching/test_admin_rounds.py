"""A matching round through the coordinator's admin pages: create, run, review, reject, run
again, publish."""

from io import StringIO

from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

import pytest

from exchange.visits.models import Visit, VisitState
from matching.models import Round
from tests.cms.test_background import DATABASE_QUEUE


@pytest.mark.django_db
def test_a_round_from_creation_to_published_visits(client, world):
    client.force_login(world["coordinator"])
    response = client.post(
        reverse("matching_round:add"),
        {
            "name": "Autumn exchange (fictional)",
            "year": world["round"].year,
            "window_from": world["round"].window_from.isoformat(),
            "window_until": world["round"].window_until.isoformat(),
            **{name: getattr(world["round"], name) for name in Round.WEIGHTS},
        },
    )
    assert response.status_code == 302
    round_ = Round.objects.get(name="Autumn exchange (fictional)")
    assert round_.cross_border_required is False  # the box was left unticked
    review = reverse("matching_round:review", args=[round_.pk])
    assert response["Location"] == review  # the next step, running it, is on the round's page
    assert "Publish: propose these visits" not in client.get(review).content.decode()  # no run yet

    response = client.post(reverse("matching_round:run", args=[round_.pk]), follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == review
    assert "The round ran" in page and "shared challenge (5.0)" in page
    assert "capacity" in page  # the second applicant: the only place is taken

    assert "its places went to pairs that scored higher" in page and "(full)" not in page
    pair = round_.latest_run.proposals.get()
    client.post(reverse("matching_round:decide", args=[round_.pk, pair.pk, "rejected"]))
    page = client.get(review).content.decode()  # every pair rejected: nothing to publish
    assert "No pair to publish" in page and "Publish: propose these visits" not in page
    client.post(reverse("matching_round:run", args=[round_.pk]))
    second = round_.latest_run.proposals.get()
    assert second.application_id != pair.application_id

    page = client.get(review).content.decode()
    # One pair: its visitor and the organisation's one host are told.
    assert "Propose 1 visit and send 2 e-mails to visitors and hosts." in page
    publish = reverse("matching_round:publish", args=[round_.pk])
    response = client.post(publish, follow=True)  # the box left unticked
    assert "Tick the box" in response.content.decode() and not Visit.objects.exists()
    response = client.post(publish, {"confirm": "yes"}, follow=True)
    assert "1 visits proposed" in response.content.decode()
    visit = Visit.objects.get()
    assert visit.state == VisitState.PROPOSED and visit.application_id == second.application_id
    response = client.post(publish, {"confirm": "yes"}, follow=True)
    assert "already published" in response.content.decode()


@pytest.mark.django_db
def test_rounds_are_for_coordinators(client, world):
    client.force_login(world["host"])
    review = reverse("matching_round:review", args=[world["round"].pk])
    assert client.get(review)["Location"] == reverse("wagtailadmin_home")
    response = client.post(reverse("matching_round:run", args=[world["round"].pk]))
    assert response["Location"] == reverse("wagtailadmin_home")
    assert not world["round"].runs.exists()


# Committed: the worker closes a connection it finds inside a transaction, as after a crash.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_queued_run_shows_its_progress_until_its_pairs_are_ready(client, world):
    """With a worker backend the run view only queues the run: the review page says how far it
    has come and reloads itself, then shows the pairs once the worker is done."""
    client.force_login(world["coordinator"])
    round_ = world["round"]
    review = reverse("matching_round:review", args=[round_.pk])
    with override_settings(TASKS=DATABASE_QUEUE):
        response = client.post(reverse("matching_round:run", args=[round_.pk]), follow=True)
        page = response.content.decode()
        assert "The round is queued" in page and ": queued" in page
        assert '<meta http-equiv="refresh"' in page and "No pair." not in page
        assert "Publish" not in page
        response = client.post(reverse("matching_round:run", args=[round_.pk]), follow=True)
        assert "under way" in response.content.decode()

        call_command("worker", "--batch", stdout=StringIO())  # the worker process's loop, once

    page = client.get(review).content.decode()
    assert ": done" in page and "shared challenge (5.0)" in page
    assert '<meta http-equiv="refresh"' not in page and "Publish" in page
