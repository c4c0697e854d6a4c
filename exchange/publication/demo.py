"""The demo's publication: this year's, not final yet, with one published chapter that quotes
two of the demo member's excerpts (the words they consented to, with the attribution they
chose), on the demo's "Families first" theme. A card on the home page leads to it."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Site
from wagtail.rich_text import RichText

from exchange.models import ChapterPage, Excerpt, PublicationPage, Theme

INTRODUCTION = (
    "<p>Each year the network's practitioners read what they wrote after their job-shadowing "
    "visits and write down the themes that run across them. This fictional demo shows how a "
    "chapter quotes a practitioner's own words, with their consent.</p>"
)
CHAPTER = [
    (
        "paragraph",
        RichText(
            "<p>Visitors to family counselling services noticed the same thing in three "
            "countries: the counsellors let the family describe the problem in their own words "
            "before anyone assessed it.</p>"
        ),
    ),
    ("heading", {"text": "What visitors saw", "level": "h2"}),
]


def seed_publication() -> None:
    if PublicationPage.objects.exists():
        return
    home = Site.objects.get(is_default_site=True).root_page.specific
    coordinator = get_user_model().objects.filter(username="demo-coordinator").first()
    # The demo member's first two excerpts: the day's note, and the anonymous one on parents.
    quoted = Excerpt.objects.filter(author__username="demo-member").order_by("created_at")[:2]
    today = timezone.localdate()
    publication = home.add_child(
        instance=PublicationPage(
            title=f"What the network learned in {today.year} (demo)",
            slug="themes",
            introduction=INTRODUCTION,
            year=today.year,
            freeze_date=today + timedelta(days=60),
            owner=coordinator,
        )
    )
    publication.save_revision(user=coordinator).publish(user=coordinator)
    body = [*CHAPTER, *(("quote", {"excerpt": excerpt}) for excerpt in quoted)]
    chapter = publication.add_child(
        instance=ChapterPage(
            title="Listening before advising",
            theme=Theme.objects.filter(title="Families first").first(),
            summary="How teams let families speak first, and what visitors took home.",
            body=body,
            owner=coordinator,
        )
    )
    chapter.save_revision(user=coordinator).publish(user=coordinator)
    home.sections.append(
        (
            "section",
            {
                "page": publication,
                "title": "What the network learned",
                "description": "Themes from this year's visits, in practitioners' own words.",
            },
        )
    )
    home.save_revision(user=coordinator).publish(user=coordinator)
