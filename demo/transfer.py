"""What the demo's visits changed: each visitor of last year listed the host's practice they
saw, said what they meant to do with it, answered the follow-ups that had opened (3, 6 and 12
months after the visit), and recorded passing it on to colleagues; the demo member listed what
they saw a fortnight ago and has yet to say what they will do. Every step is taken through the
real services at its own date (demo/timeline.py). Every person and text is fictional."""

from datetime import timedelta

from django.utils import timezone

from wagtail.models import Locale

from cms.models import PracticePage
from demo.timeline import on
from exchange.reflections.services import goals_of
from exchange.transfer import services
from exchange.transfer.models import FOLLOW_UP_MONTHS

# By the visit's place in the year: what the visitor meant to do, then where the practice stood
# at each follow-up. Most adapt; one in five finds it is not for them.
INTENTIONS = ["adapt", "adopt", "adapt", "adapt", "not_for_us"]
PATHS = {
    "adopt": ("adapting", "adopted", "adopted"),
    "adapt": ("not_started", "adapting", "adapting"),
}
HELPED = [["management"], ["materials", "host"], ["colleagues"], ["training"]]
HINDERED = [["time"], [], ["funding", "staff"], ["rules"]]
PASSED_ON = ["team_session", "training", "team_session", "document", "procedure"]


def host_practice(visit) -> PracticePage | None:
    """The first practice the host organisation runs, as the library first published it."""
    return (
        PracticePage.objects.live()
        .filter(organisation=visit.window.offer.organisation_id, locale=Locale.get_default())
        .order_by("pk")
        .first()
    )


def take_home(visit, visitor, n: int) -> None:
    """The visitor's take-home of a visit that ended, its `n`th of the year."""
    practice = host_practice(visit)
    today = timezone.localdate()
    if practice is None:
        return
    with on(visit.ends_on + timedelta(days=3)):
        seen = services.practice_add(visit_id=visit.pk, user=visitor, practice_id=practice.pk)
        intention = INTENTIONS[n % len(INTENTIONS)]
        services.intention_record(
            visit_id=visit.pk,
            user=visitor,
            seen_id=seen.pk,
            intention=intention,
            why="Fictional demo reason: what fits our clients, and what we would change.",
        )
    if intention == "not_for_us":
        return
    for step, month in enumerate(FOLLOW_UP_MONTHS):
        day = services.opens_on(visit, month) + timedelta(days=5)
        if day >= today:
            break
        with on(day):
            services.follow_up_answer(
                visit_id=visit.pk,
                user=visitor,
                month=month,
                answers={
                    seen.pk: {
                        "status": PATHS[intention][step],
                        "helped": HELPED[(n + step) % len(HELPED)],
                        "hindered": HINDERED[(n + step) % len(HINDERED)],
                    }
                },
            )
    passed = visit.ends_on + timedelta(days=40)
    if passed < today:
        with on(passed):
            services.passed_on_add(
                visit_id=visit.pk,
                user=visitor,
                kind=PASSED_ON[n % len(PASSED_ON)],
                on=passed,
                colleagues=6 + 3 * (n % 4),
                seen_id=seen.pk,
            )


def seen_by_the_demo_member(visit, member) -> None:
    """The demo member lists the practice they saw, against their first goal, the day after
    their visit; what they will do with it is still to say (the dashboard's next step)."""
    practice = host_practice(visit)
    if practice is None:
        return
    with on(visit.ends_on + timedelta(days=1)):
        services.practice_add(
            visit_id=visit.pk,
            user=member,
            practice_id=practice.pk,
            goal=goals_of(visit)[0],
        )
