"""The demo's publication: this year's, not final yet, with a published chapter on each of the
demo's two themes, quoting the excerpts coded with the theme's codes that may be published (the
words their authors consented to, with the attribution they chose). A card on the home page
leads to it."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Locale, Site
from wagtail.rich_text import RichText

from exchange.coding.models import Theme
from exchange.excerpts.models import Excerpt
from exchange.publication.models import ChapterPage, PublicationPage, shown_quotes

INTRODUCTION = (
    "<p>Each year the network's practitioners read what they wrote after their job-shadowing "
    "visits and write down the themes that run across them. This fictional demo shows how a "
    "chapter quotes a practitioner's own words, with their consent.</p>"
)
CHAPTERS = {
    "Families first": (
        "Listening before advising",
        "How teams let families speak first, and what visitors took home.",
        "Visitors to family counselling services noticed the same thing in three countries: the "
        "counsellors let the family describe the problem in their own words before anyone "
        "assessed it.",
    ),
    "The first contact": (
        "The first meeting is prepared together",
        "Who speaks first, where, and what is left unsaid: the first contact as team work.",
        "Mentors and exit workers rarely meet someone who asked for them. The visitors saw "
        "teams prepare that first meeting together, hold it on the young person's ground, and "
        "keep the same person beside them afterwards.",
    ),
}


def quotes_on(theme: Theme, limit: int = 4) -> list[Excerpt]:
    """The excerpts coded with the theme's codes that may be published, oldest first."""
    coded = Excerpt.objects.filter(codes__in=theme.codes.all()).distinct().order_by("created_at")
    shown = shown_quotes(excerpt.pk for excerpt in coded)
    return [excerpt for excerpt in coded if excerpt.pk in shown][:limit]


CARD_IN = {
    "de": (
        "Was das Netzwerk gelernt hat",
        "Themen aus den Hospitationen dieses Jahres, in den Worten der Fachleute.",
    ),
    "fr": (
        "Ce que le réseau a appris",
        "Les thèmes des visites de cette année, dans les mots des praticiens.",
    ),
}


def seed_publication() -> None:
    if PublicationPage.objects.exists():
        return
    home = Site.objects.get(is_default_site=True).root_page.specific
    coordinator = get_user_model().objects.filter(username="demo-coordinator").first()
    today = timezone.localdate()
    publication = home.add_child(
        instance=PublicationPage(
            title=f"What the network learned in {today.year} (demo)",
            slug="themes",
            show_in_menus=True,
            introduction=INTRODUCTION,
            year=today.year,
            freeze_date=today + timedelta(days=60),
            owner=coordinator,
        )
    )
    publication.save_revision(user=coordinator).publish(user=coordinator)
    for theme in Theme.objects.filter(title__in=CHAPTERS).order_by("pk"):
        title, summary, opening = CHAPTERS[theme.title]
        body = [
            ("paragraph", RichText(f"<p>{opening}</p>")),
            ("heading", {"text": "In their own words", "level": "h2"}),
            *(("quote", {"excerpt": excerpt}) for excerpt in quotes_on(theme)),
        ]
        chapter = publication.add_child(
            instance=ChapterPage(
                title=title, theme=theme, summary=summary, body=body, owner=coordinator
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
    # The German and French home pages name it in their language (the chapters stay in the
    # language they were written in, shown at each language's address with a notice).
    for language, (title, description) in CARD_IN.items():
        translated = home.get_translation_or_none(Locale.objects.get(language_code=language))
        if translated is not None:
            translated.specific.sections.append(
                ("section", {"page": publication, "title": title, "description": description})
            )
            translated.specific.save_revision(user=coordinator).publish(user=coordinator)
