"""The demo's reflection log: a visit the demo member made to the demo host's organisation a
fortnight ago, walked through its real steps at their own dates (demo/timeline.py), with the log begun on both sides (fictional
text): the visitor's expectations and a day's notes, one of them shared with the host, who has
read it; the after-visit reflection is still to write, so the dashboard shows it as due."""

from datetime import timedelta

from django.contrib.auth import get_user_model

from demo.timeline import days_ago, on, walk_to_completed
from demo.transfer import seen_by_the_demo_member
from exchange.reflections import services as reflections
from exchange.reflections.models import Phase
from exchange.visits.models import Visit

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
    visit = walk_to_completed(
        member,
        host,
        host.profile.organisation.hosting_offers.get(),
        statement="Young people drift into an online group; parents call late.",
        goals=GOALS,
        ended_on=days_ago(14),
    )
    _write_log(visit, member, host)
    seen_by_the_demo_member(visit, member)


def _write_log(visit: Visit, member, host) -> None:
    """Written when it would have been: the expectations a week before the visit, the notes on
    its first evening, shared and read the next morning."""
    with on(visit.starts_on - timedelta(days=7)):
        _expectations(visit, member)
    with on(visit.starts_on, hour=19):
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
    with on(visit.starts_on + timedelta(days=1), hour=8):
        reflections.entry_read(entry_id=day.pk, user=host)


def _expectations(visit: Visit, member) -> None:
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
