"""The demo's coding: three more excerpts the demo member wrote from their log (anonymous, not
for publication, named), coded by the demo coordinator with a memo, and two themes that group
the codes. All fictional."""

from django.contrib.auth import get_user_model

from exchange.coding import services as coding
from exchange.coding.models import Code, Theme
from exchange.excerpts import services as excerpts
from exchange.excerpts.models import Excerpt
from exchange.reflections.models import Phase, ReflectionEntry

EXCERPTS = [
    (
        "We meet parents late, when they are already ashamed. What is said in the first call "
        "decides whether they keep talking.",
        "anonymous",
        [("meet parents late", "involving families"), ("already ashamed", "shame")],
    ),
    (
        "Two counsellors share the family cases, and we have no routine for the first contact.",
        "private",
        [("no routine for the first contact", "first contact, team preparation")],
    ),
    (
        "I expect the first conversation to be prepared by the whole team, not by one worker "
        "alone.",
        "named",
        [("prepared by the whole team", "team preparation")],
    ),
]
THEMES = [
    (
        "Families first",
        "Visitors saw families speak before anyone assessed them, and shame kept low.",
        ["involving families", "listening first", "shame"],
    ),
    (
        "The first contact",
        "How teams prepare the first conversation with someone who did not ask for it.",
        ["first contact", "team preparation"],
    ),
]


def propose_and_code(entry, text: str, attribution: str, spans, coordinator) -> Excerpt:
    """The entry's author proposes the words through the gate, and the coordinator codes each
    (passage, codes) of `spans`."""
    excerpt = excerpts.excerpt_propose(
        entry_id=entry.pk,
        user=entry.author,
        text=text,
        attribution=attribution,
        reasons={},
        checklist=set(excerpts.CHECKLIST),
    )
    for passage, codes in spans:
        coding.span_code(
            excerpt_id=excerpt.pk, user=coordinator, passage=passage, start=None, codes=codes
        )
    return excerpt


def seed_coding() -> None:
    people = get_user_model().objects.in_bulk(
        ["demo-member", "demo-coordinator"], field_name="username"
    )
    member, coordinator = people.get("demo-member"), people.get("demo-coordinator")
    if member is None or coordinator is None or Code.objects.exists():
        return
    entry = ReflectionEntry.objects.filter(
        author=member, phase=Phase.BEFORE, submitted_at__isnull=False
    ).first()
    if entry is None:
        return
    for text, attribution, spans in EXCERPTS:
        propose_and_code(entry, text, attribution, spans, coordinator)
    shared = Excerpt.objects.filter(author=member, phase=Phase.DURING).first()
    if shared is not None:
        coding.span_code(
            excerpt_id=shared.pk,
            user=coordinator,
            passage="read the family's own words aloud",
            start=None,
            codes="listening first, involving families",
        )
    shame = Code.objects.get(name="shame")
    coding.code_edit(
        code_id=shame.pk,
        user=coordinator,
        name="shame",
        description="A family's or a young person's shame, named or shown.",
        memo="Comes with late contact in every log so far: ask hosts how early they call.",
    )
    for title, summary, codes in THEMES:
        theme = Theme.objects.create(title=title, summary=summary)
        theme.codes.set(Code.objects.filter(name__in=codes))
