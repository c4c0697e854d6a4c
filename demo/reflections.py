"""The demo's reflection log: a visit the demo member made to the demo host's organisation a
fortnight ago, walked through its real steps, with the log begun on both sides (fictional
text): the visitor's expectations and a day's notes, one of them shared with the host, who has
read it; the after-visit reflection is still to write, so the dashboard shows it as due."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.models import Language
from exchange.reflections import services as reflections
from exchange.reflections.models import Phase
from exchange.visits import agreements
from exchange.visits import services as visits
from exchange.visits.models import LearningAgreement, Visit

GOALS = (
    "How the team opens contact with a young person who did not ask for it.\n"
    "How families are involved without making them feel accused."
)
BEFORE = {
    0: "I expect to see the first conversation prepared in the team, not only by one worker. "
    "I will know I learned something if I can describe who speaks first, and why.",
    1: "We meet parents late, when they are already ashamed. I hope to see what is said in the "
    "first call that keeps them talking.",
    "team": "Two counsellors share the family cases; we have no routine for the first contact.",
}
DURING = (
    "Morning case review: the team read the family's own words aloud before any assessment. "
    "Nobody named a client; the cases had numbers only. (Fictional demo entry.)"
)


def seed_visit_with_reflections() -> None:
    people = get_user_model().objects.in_bulk(["demo-member", "demo-host"], field_name="username")
    member, host = people.get("demo-member"), people.get("demo-host")
    if member is None or host is None or Visit.objects.filter(visitor=member).count() != 1:
        return  # not the demo's own accounts, or seeded before
    window = host.profile.organisation.hosting_offers.get().windows.order_by("-starts_on").first()
    visit = walk_to_completed(
        member,
        host,
        window,
        statement="Young people drift into an online group; parents call late.",
        goals=GOALS,
        ended_days_ago=14,
    )
    _write_log(visit, member, host)


def walk_to_completed(
    visitor, host, window, *, statement: str, goals: str, ended_days_ago: int, challenge=None
) -> Visit:
    """A visit taken through its real steps (request, acceptance, agreement signed by both,
    agenda, schedule), moved back in time to have ended `ended_days_ago`, and completed."""
    application = visits.application_submit(
        applicant=visitor,
        data={
            "challenge": challenge or window.offer.challenges.first(),
            "challenge_statement": statement,
            "learning_goals": goals,
            "available_from": window.starts_on,
            "available_until": window.ends_on,
        },
        languages=Language.vocabulary.filter(slug="en"),
        window=window,
        starts_on=window.starts_on,
        ends_on=window.starts_on + timedelta(days=2),
    )
    visit = application.visits.get()
    visits.visit_accept(visit_id=visit.pk, user=host)
    terms = {
        "goals": goals,
        "tasks": "Join the morning case review; observe a session where the client agrees.",
        "host_mentor": f"{host.get_full_name()}, visit host (fictional)",
        "observation_rules": "No notes in client sessions; no client is named outside the room.",
        "starts_on": visit.starts_on,
        "ends_on": visit.ends_on,
    }
    agreements.agreement_update(visit_id=visit.pk, user=host, terms=terms)
    agreements.agreement_sign(visit_id=visit.pk, user=host)
    agreements.agreement_sign(visit_id=visit.pk, user=visitor)
    visits.agenda_add(
        visit_id=visit.pk,
        user=host,
        item={"day": visit.starts_on, "activity": "Morning case review with the team"},
    )
    visits.visit_schedule(visit_id=visit.pk, user=host)
    # The demo's visits took place in the past: their dates move back, as time would have.
    ended = timezone.localdate() - timedelta(days=ended_days_ago)
    dates = {"starts_on": ended - timedelta(days=2), "ends_on": ended}
    Visit.objects.filter(pk=visit.pk).update(**dates)
    LearningAgreement.objects.filter(visit=visit).update(**dates)
    visit.agenda.update(day=dates["starts_on"])
    visits.visit_complete(visit_id=visit.pk, user=host)
    return Visit.objects.select_related("agreement").get(pk=visit.pk)


def _write_log(visit: Visit, member, host) -> None:
    for question, goal in reflections.phase_slots(visit, Phase.BEFORE, member):
        goals = reflections.goals_of(visit)
        text = BEFORE[goals.index(goal)] if goal else BEFORE["team"]
        reflections.entry_save(
            visit_id=visit.pk,
            user=member,
            phase=Phase.BEFORE,
            question_id=question.pk,
            goal=goal,
            text=text,
            submit=True,
        )
    question, _goal = reflections.phase_slots(visit, Phase.DURING, member)[0]
    day = reflections.entry_save(
        visit_id=visit.pk,
        user=member,
        phase=Phase.DURING,
        question_id=question.pk,
        day=visit.starts_on,
        text=DURING,
        submit=True,
    )
    reflections.entry_share(entry_id=day.pk, user=member, audience="partner")
    reflections.entry_read(entry_id=day.pk, user=host)
