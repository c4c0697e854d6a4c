"""The demo's year of visits: five fictional practitioners from five organisations each made a
job-shadowing visit to one of the hosting organisations over the last months, wrote their
after-visit reflection, and proposed excerpts of it (named, with role and country, anonymous);
the demo coordinator coded them and grouped the new codes into the demo's themes. With the demo
member's log, that makes the material of a real publication. Every person and text is fictional."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model

from cms.models import OrganisationPage
from demo.coding import propose_and_code
from demo.people import passwordless_member
from demo.timeline import days_ago, on, walk_to_completed
from exchange.coding.models import Code, Theme
from exchange.membership.models import Profile
from exchange.reflections import services as reflections
from exchange.reflections.models import Phase
from exchange.visits.models import Visit


@dataclass(frozen=True)
class DemoVisit:
    visitor_org: str
    host_org: str
    role: str
    challenge: str
    ended_days_ago: int
    goals: str
    seen: str  # the answer to "What did you see for this goal?", for the first goal
    at_home: str  # the answer to "What would it take at home?", for the first goal
    # (words of `seen` or `at_home`, attribution, [(passage of those words, codes)])
    excerpts: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]


VISITS = [
    DemoVisit(
        visitor_org="Fjordhus Municipal Prevention Unit",
        host_org="Lindenhof Family Counselling",
        role="Prevention coordinator (fictional)",
        challenge="Family support",
        ended_days_ago=250,
        goals="How counsellors keep a family talking after the first call.\n"
        "How the helpline hands a family over to local services.",
        seen="The counsellor asked the mother to describe her son's week in her own words and "
        "wrote nothing down until she had finished. The family set the pace of the call.",
        at_home="We would need one person who stays with the family from the first call to the "
        "last meeting, instead of passing them from desk to desk.",
        excerpts=(
            (
                "The counsellor asked the mother to describe her son's week in her own words and "
                "wrote nothing down until she had finished.",
                "named",
                (("in her own words", "listening first, language of the family"),),
            ),
            (
                "We would need one person who stays with the family from the first call to the "
                "last meeting, instead of passing them from desk to desk.",
                "role_country",
                (("one person who stays with the family", "mentor continuity"),),
            ),
        ),
    ),
    DemoVisit(
        visitor_org="Atelier Dialogue Jeunesse",
        host_org="Kanalwerk Youth Mentors",
        role="Youth worker (fictional)",
        challenge="Community engagement",
        ended_days_ago=200,
        goals="How mentors first meet a young person who did not ask for help.\n"
        "How the team works with the neighbourhood's sports clubs.",
        seen="The mentor met the young man at the football pitch, not at the office, and spoke "
        "about the match for half an hour before anything else. Trust came before content.",
        at_home="It would take a manager who accepts that the first three meetings produce no "
        "report at all.",
        excerpts=(
            (
                "The mentor met the young man at the football pitch, not at the office, and "
                "spoke about the match for half an hour before anything else.",
                "anonymous",
                (
                    ("at the football pitch, not at the office", "first contact"),
                    ("half an hour before anything else", "trust before content"),
                ),
            ),
            (
                "It would take a manager who accepts that the first three meetings produce no "
                "report at all.",
                "named",
                (("no report at all", "trust before content, peer supervision"),),
            ),
        ),
    ),
    DemoVisit(
        visitor_org="Polder Safety Network",
        host_org="Donaubrücke Exit Work",
        role="Case manager (fictional)",
        challenge="Exit and disengagement",
        ended_days_ago=150,
        goals="How exit workers plan the first weeks after someone leaves a group.\n"
        "How the team protects its own staff.",
        seen="Leaving was treated as a process of many small steps: a new routine, a new phone "
        "number, a new circle of people. Nobody expected a clean break on one day.",
        at_home="We would have to plan in months, not in sessions, and say so to our funders.",
        excerpts=(
            (
                "Leaving was treated as a process of many small steps: a new routine, a new "
                "phone number, a new circle of people.",
                "role_country",
                (("a process of many small steps", "exit as a process"),),
            ),
            (
                "We would have to plan in months, not in sessions, and say so to our funders.",
                "private",
                (("plan in months, not in sessions", "exit as a process"),),
            ),
        ),
    ),
    DemoVisit(
        visitor_org="Medina Youth Futures",
        host_org="Nordlys Prison Mentoring",
        role="Mentor (fictional)",
        challenge="Mentoring",
        ended_days_ago=100,
        goals="How a mentor prepares the first visit inside the prison.\n"
        "How mentoring continues after release.",
        seen="Before the first visit the whole team read the file together and agreed on what "
        "the mentor would not ask. The same mentor stayed after release.",
        at_home="A shared preparation hour each week, written into the team's timetable.",
        excerpts=(
            (
                "Before the first visit the whole team read the file together and agreed on what "
                "the mentor would not ask.",
                "named",
                (
                    ("the whole team read the file together", "team preparation"),
                    ("what the mentor would not ask", "first contact"),
                ),
            ),
            (
                "The same mentor stayed after release.",
                "anonymous",
                (("The same mentor stayed", "mentor continuity"),),
            ),
        ),
    ),
    DemoVisit(
        visitor_org="Schelde Women's Circle",
        host_org="Lindenhof Family Counselling",
        role="Family worker (fictional)",
        challenge="Family support",
        ended_days_ago=60,
        goals="How counsellors speak with mothers who feel blamed.\n"
        "How the service keeps fathers involved.",
        seen="No one used the word radicalisation in the first meeting. The counsellor used the "
        "family's own words for what was happening, and the mother relaxed.",
        at_home="Our intake form starts with a risk list. We would start with the family's "
        "story instead.",
        excerpts=(
            (
                "No one used the word radicalisation in the first meeting. The counsellor used "
                "the family's own words for what was happening, and the mother relaxed.",
                "anonymous",
                (
                    ("No one used the word radicalisation", "shame"),
                    ("the family's own words", "language of the family, involving families"),
                ),
            ),
            (
                "Our intake form starts with a risk list. We would start with the family's story "
                "instead.",
                "role_country",
                (("start with the family's story", "listening first"),),
            ),
        ),
    ),
]
# The codes this year added, grouped into the demo's themes; the others wait in the codebook.
THEME_CODES = {
    "Families first": ["language of the family"],
    "The first contact": ["trust before content", "mentor continuity"],
}
CODE_DESCRIPTIONS = {
    "trust before content": "Time spent on the relationship before the subject is raised.",
    "mentor continuity": "The same person stays with someone across stages or services.",
    "exit as a process": "Leaving a group seen as many small steps over time.",
}


def seed_year() -> None:
    coordinator = get_user_model().objects.filter(username="demo-coordinator").first()
    organisations = {page.title: page for page in OrganisationPage.objects.all()}
    if coordinator is None or Code.objects.filter(name="exit as a process").exists():
        return  # not the demo's own accounts, or seeded before
    for demo in VISITS:
        visitor_org, host_org = (
            organisations.get(demo.visitor_org),
            organisations.get(demo.host_org),
        )
        if visitor_org is None or host_org is None:
            continue
        visitor = demo_practitioner(visitor_org, demo.role)
        visit = _visit(visitor, host_org, demo)
        with on(visit.ends_on + timedelta(days=4)):
            entries = _after_visit(visit, visitor, demo)
        with on(visit.ends_on + timedelta(days=21)):
            for words, attribution, spans in demo.excerpts:
                entry = entries.get(demo.seen if words in demo.seen else demo.at_home)
                if entry is None:
                    continue  # the default questions were changed in the admin
                propose_and_code(entry, words, attribution, spans, coordinator)
    for name, description in CODE_DESCRIPTIONS.items():
        Code.objects.filter(name=name).update(description=description)
    for title, names in THEME_CODES.items():
        theme = Theme.objects.filter(title=title).first()
        if theme is not None:
            theme.codes.add(*Code.objects.filter(name__in=names))


def demo_practitioner(organisation: OrganisationPage, role: str):
    return passwordless_member(
        f"demo-visitor-{organisation.slug}",
        email=f"visitor-{organisation.slug}@demo.example",
        name=("Demo visitor", f"({organisation.title})"),
        organisation=organisation,
        role=role,
    )


def _visit(visitor, host_org: OrganisationPage, demo: DemoVisit) -> Visit:
    host = Profile.objects.hosts().filter(organisation=host_org).select_related("user").first()
    offer = host_org.hosting_offers.first()
    return walk_to_completed(
        visitor,
        host.user,
        offer,
        challenge=offer.challenges.filter(name=demo.challenge).first(),
        statement=f"{demo.challenge}: what we want to learn from peers. (Fictional demo text.)",
        goals=demo.goals,
        ended_on=days_ago(demo.ended_days_ago),
    )


def _after_visit(visit: Visit, visitor, demo: DemoVisit) -> dict[str, object]:
    """The after-visit answers for the first goal to the default questions "What did you see"
    and "What would it take at home", by their words (the other answers stay to write, as in
    a real log)."""
    answers = {"What did you see": demo.seen, "What would it take at home": demo.at_home}
    written = {}
    goal = reflections.goals_of(visit)[0]
    for question, slot_goal in reflections.phase_slots(visit, Phase.AFTER, visitor):
        text = next((t for start, t in answers.items() if question.text_en.startswith(start)), "")
        if slot_goal == goal and text:
            written[text] = reflections.entry_save(
                visit_id=visit.pk,
                user=visitor,
                phase=Phase.AFTER,
                question_id=question.pk,
                goal=goal,
                text=text,
                submit=True,
            )
    return written
