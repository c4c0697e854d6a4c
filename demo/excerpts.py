"""The demo's excerpt: the demo member proposes a passage of their shared day's note, with
their role and country, and the demo coordinator suggests a shorter version, which waits for
the member's consent on their excerpt's page."""

from django.contrib.auth import get_user_model

from exchange.excerpts import services as excerpts
from exchange.excerpts.models import Excerpt
from exchange.reflections.models import Phase, ReflectionEntry


def seed_excerpt() -> None:
    people = get_user_model().objects.in_bulk(
        ["demo-member", "demo-coordinator"], field_name="username"
    )
    member, coordinator = people.get("demo-member"), people.get("demo-coordinator")
    if member is None or coordinator is None or Excerpt.objects.filter(author=member).exists():
        return
    entry = ReflectionEntry.objects.filter(
        author=member, phase=Phase.DURING, submitted_at__isnull=False
    ).first()
    if entry is None:
        return
    excerpt = excerpts.excerpt_propose(
        entry_id=entry.pk,
        user=member,
        text=(
            "The team read the family's own words aloud before any assessment. Nobody named "
            "a client; the cases had numbers only."
        ),
        attribution="role_country",
        reasons={},
        checklist=set(excerpts.CHECKLIST),
    )
    excerpts.excerpt_suggest(
        excerpt_id=excerpt.pk,
        user=coordinator,
        text="The team read the family's own words aloud before any assessment.",
        reason="Shorter: the second sentence repeats what the first shows. (Demo suggestion.)",
    )
