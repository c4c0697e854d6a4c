"""Seeds the demo practice library and organisation profiles (added once, never overwritten)."""

from datetime import date

from wagtail.models import Page

from cms.builders import child_or_publish
from cms.models import (
    Challenge,
    Language,
    OrganisationIndexPage,
    OrganisationPage,
    PracticeCountry,
    PracticeIndexPage,
    PracticePage,
    Setting,
    TargetGroup,
)
from demo.organisations import ORGANISATIONS
from demo.practices import P as PRACTICES

EVALUATIONS = {
    "none": "Not evaluated yet; the team keeps attendance and a short log of each session.",
    "internal": "The team evaluated its own work with participant questionnaires and case reviews.",
    "external": "An external evaluator followed the practice for a year, with interviews and "
    "before-and-after measures.",
    "peer_reviewed": "Reviewed by practitioners from another country against shared questions, "
    "and evaluated externally; findings were published.",
}
IMPLEMENTATION = {
    "general": (
        "Two trained facilitators per group.",
        "Ten weekly sessions",
        "Low: materials and rooms",
    ),
    "at_risk": (
        "One coordinator and a pool of trained mentors or counsellors.",
        "Six to twelve months",
        "Medium: one full-time post per 20 participants",
    ),
    "individual": (
        "Case workers with supervision, linked to statutory partners.",
        "One year or more",
        "High: intensive one-to-one work",
    ),
}


def ensure_index_pages(home: Page, done: list[str] | None = None) -> tuple[Page, Page]:
    """The practice library at /practices/ and the organisation profiles at /organisations/."""
    done = [] if done is None else done
    library = child_or_create(
        home,
        PracticeIndexPage,
        "practices",
        done,
        title="Practice library",
        show_in_menus=True,
        intro="<p>Practices that members run and can show during a job-shadowing visit. Filter by "
        "the challenge you face, the setting you work in or the evidence you need.</p>",
    )
    organisations_index = child_or_create(
        home,
        OrganisationIndexPage,
        "organisations",
        done,
        title="Member organisations",
        show_in_menus=True,
        intro="<p>The organisations of the network and the practices they can show visitors.</p>",
    )
    return library, organisations_index


def seed_library(home: Page) -> tuple[Page, Page, list[str]]:
    """Create the two index pages, the organisations and the practices that are missing."""
    done: list[str] = []
    library, organisations_index = ensure_index_pages(home, done)
    vocab = {
        model: {term.slug: term for term in model.vocabulary.all()}
        for model in (Challenge, Setting, TargetGroup, Language)
    }
    organisations = {}
    for slug, name, country, city, kind, languages, challenges, settings, text in ORGANISATIONS:
        organisations[slug] = child_or_create(
            organisations_index,
            OrganisationPage,
            slug,
            done,
            title=name,
            country=country,
            city=city,
            organisation_type=kind,
            description=f"<p>Fictional demo organisation. {text}</p>",
            languages=[vocab[Language][s] for s in languages],
            challenges=[vocab[Challenge][s] for s in challenges],
            work_settings=[vocab[Setting][s] for s in settings],
        )
    for (
        slug,
        title,
        org,
        countries,
        challenges,
        level,
        targets,
        settings,
        languages,
        evidence,
        scope,
        start_year,
        reviewed,
        summary,
        mechanism,
        keywords,
    ) in PRACTICES:
        organisation = organisations[org]
        staff, duration, cost = IMPLEMENTATION[level]
        child_or_create(
            library,
            PracticePage,
            slug,
            done,
            title=title,
            summary=summary,
            organisation=organisation,
            description=[
                ("heading", {"text": "Who runs it", "level": "h2"}),
                ("paragraph", f"<p>{staff} Participants take part for {duration.lower()}.</p>"),
                ("heading", {"text": "What a visitor sees", "level": "h2"}),
                (
                    "paragraph",
                    "<p>Visitors join the team's daily work for two to five days, sit in "
                    "where the observation rules allow it, and talk the practice through with the "
                    "staff who run it.</p>",
                ),
            ],
            countries=[PracticeCountry(country=code) for code in countries],
            challenges=[vocab[Challenge][s] for s in challenges],
            prevention_level=level,
            target_groups=[vocab[TargetGroup][s] for s in targets],
            work_settings=[vocab[Setting][s] for s in settings],
            languages=[vocab[Language][s] for s in languages],
            evidence=evidence,
            scope=scope,
            start_year=start_year,
            last_reviewed=date.fromisoformat(reviewed),
            mechanism=mechanism,
            deliverables="A short manual, session plans and a yearly report to partners.",
            staff=staff,
            duration=duration,
            cost=cost,
            evaluation_summary=EVALUATIONS[evidence],
            sustainability="Funded by the municipality and a foundation; staff trained in-house.",
            transferability="Transferable where partners agree on roles; needs adaptation to local "
            "law on information sharing.",
            manual="A short manual for new staff, in the practice's languages (fictional); the "
            "team sends it on request.",
            training="Two days with the team, then a call a month for the first half year "
            "(fictional).",
            contact=f"The {organisation.title} team, through the network's coordinators",
            tags=keywords,
        )
    return library, organisations_index, done


def child_or_create(parent: Page, model, slug: str, done: list[str], **fields) -> Page:
    page, created = child_or_publish(parent, model, slug, **fields)
    if created:
        done.append(f"page {page.url_path}")
    return page
