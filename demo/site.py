"""Demo content for the public site: seeded once, never overwriting an editor's changes."""

from datetime import date

from wagtail.models import Page, Site

from cms.builders import publish
from cms.models import HomePage, PrivacyNoticePage, StandardPage
from demo.library import seed_library
from demo.translations import seed_translations

HOME = {
    "hero_heading": "Learning from each other's practice",
    "hero_text": (
        "A fictional demo network of practitioners who prevent violent extremism: family "
        "counsellors, mentors, prison and exit workers who spend a few days inside a peer "
        "organisation abroad to see how the work is done there."
    ),
    "intro": (
        "<p>Conferences tell you what an organisation does. A job-shadowing visit shows you "
        "<b>how</b> its people do it: the first conversation with a worried parent, the mentoring "
        "session after release from prison, the case meeting between youth work and the police.</p>"
        "<p>Members state the challenges they face, hosts open their doors, and the coordinator "
        "matches visitors and hosts on a shared challenge. What visitors learn is written up in "
        "reflection logs and, with their consent, shared with the whole field.</p>"
    ),
}

SECTION_TEXT = {
    "practices": "Practices members can show visitors, filtered by challenge, setting and evidence.",
    "organisations": "Who is in the network, where they work and what they work on.",
    "how-visits-work": "From a shared challenge to a visit, a reflection and a lesson for the field.",
    "join": "Who can join the network, and how: membership is by invitation.",
    "privacy": "What the network holds about you, why, who reads it and for how long.",
}

STANDARD_PAGES = [
    {
        "slug": "how-visits-work",
        "title": "How visits work",
        "show_in_menus": True,
        "summary": "From a shared challenge to a visit, a reflection and a lesson for the field.",
        "body": [
            ("heading", {"text": "1. State your challenge", "level": "h2"}),
            (
                "paragraph",
                "<p>Each member practitioner describes the challenges they face, such as "
                "supporting families of young people at risk or mentoring after release, and the "
                "practices they can show to others.</p>",
            ),
            ("heading", {"text": "2. Apply or host", "level": "h2"}),
            (
                "paragraph",
                "<p>Hosts publish windows in which they can receive visitors. Visitors apply "
                "with a challenge statement and learning goals.</p>",
            ),
            ("heading", {"text": "3. Matching", "level": "h2"}),
            (
                "paragraph",
                "<p>The coordinator pairs visitors and hosts who share a challenge, in "
                "different organisations and with a working language in common.</p>",
            ),
            ("heading", {"text": "4. Visit and reflect", "level": "h2"}),
            (
                "paragraph",
                "<p>A learning agreement sets goals, tasks, a mentor and the observation rules. "
                "Before, during and after the visit the visitor keeps a private reflection "
                "log, and may later offer passages, with consent, for the network's "
                "publication on overarching themes.</p>",
            ),
            ("heading", {"text": "5. Take the next step", "level": "h2"}),
            (
                "paragraph",
                '<p>Members <a href="/offers/">find a hosting offer</a> or apply for the next '
                "matching round from their dashboard. Not a member yet? "
                '<a href="/join/">How to join the network</a>.</p>',
            ),
        ],
    },
    {
        "slug": "join",
        "title": "How to join",
        "summary": "Who can join the network, and how: membership is by invitation.",
        "body": [
            (
                "paragraph",
                "<p>The network's members are organisations that work to prevent violent "
                "extremism: family counselling, youth work, mentoring, exit work, prison and "
                "probation services, and those who evaluate this work.</p>",
            ),
            ("heading", {"text": "How to join", "level": "h2"}),
            (
                "paragraph",
                "<p>Membership is by invitation. If your organisation is a member, ask your "
                "contact there to have the coordinators invite you: the invitation brings a link "
                "to create your account. If your organisation is not a member yet, write a few "
                "lines about your work to the coordinators at coordinators@demo.example (a "
                "fictional address in this demo).</p>",
            ),
            (
                "paragraph",
                '<p>Before you join, read the <a href="/privacy/">privacy notice</a>: what the '
                "network holds about you, and why.</p>",
            ),
        ],
    },
]

# The demo network's privacy notice: what belongs to the (fictional) network; the platform's
# facts (what it holds, who reads it, for how long) are written by the code (cms/models/pages.py).
PRIVACY = {
    "slug": "privacy",
    "title": "Privacy notice",
    "summary": "What the network holds about you, why, who reads it and for how long.",
    "controller": "Practice Exchange demo network (a fictional association)\n"
    "1 Example Street, 1000 Example City (fictional address)",
    "contact_email": "privacy@demo.example",
    "protection_officer": "The network's data protection officer (a fictional role): "
    "dpo@demo.example",
    "processors": [
        (
            "processor",
            {
                "name": "Example Hosting Ltd (fictional)",
                "service": "Runs the servers, the database and its backups.",
                "location": "A data centre in the European Union",
            },
        ),
        (
            "processor",
            {
                "name": "Example Mail Relay (fictional)",
                "service": "Delivers the platform's e-mails.",
                "location": "The European Union",
            },
        ),
    ],
    "authority": "The data protection authority of the country where the network is "
    "registered (in this fictional demo, none: a real network names its own).",
    "body": [
        (
            "paragraph",
            "<p>No figure about fewer than five people is ever published, and no quote appears "
            "without its author's consent to that exact text.</p>",
        ),
    ],
}


def seed_site_pages() -> list[str]:
    """Fill the home page and add the standard pages; returns what it created or filled."""
    home = Site.objects.get(is_default_site=True).root_page.specific
    if not isinstance(home, HomePage):
        raise TypeError(f"The default site's root page is a {type(home).__name__}, not a HomePage.")
    library, organisations, done = seed_library(home)
    pages: list[Page] = [library, organisations]
    for spec in STANDARD_PAGES:
        page = StandardPage.objects.child_of(home).filter(slug=spec["slug"]).first()
        if page is None:
            page = publish(
                home,
                StandardPage(
                    title=spec["title"],
                    slug=spec["slug"],
                    summary=spec["summary"],
                    body=spec["body"],
                    show_in_menus=spec.get("show_in_menus", False),
                ),
            )
            done.append(f"page {page.url_path}")
        pages.append(page)
    pages.append(_privacy_notice(home, done))

    # Only a home page nobody has written yet gets the demo text.
    if not home.hero_text and not home.intro and not home.sections:
        for field, value in HOME.items():
            setattr(home, field, value)
        home.sections = [
            ("section", {"page": page, "title": "", "description": SECTION_TEXT[page.slug]})
            for page in pages
        ]
        home.save_revision().publish()
        done.append("home page text")
    done += seed_translations(home, library, organisations)
    return done


def _privacy_notice(home: HomePage, done: list[str]) -> Page:
    page = home.get_children().filter(slug=PRIVACY["slug"]).first()
    if page is None:
        page = publish(home, PrivacyNoticePage(**PRIVACY, last_reviewed=date.today()))
        done.append(f"page {page.url_path}")
    return page
