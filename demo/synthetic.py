"""A large, realistic synthetic library for benchmarks: fast bulk inserts of published pages.

Creating pages one by one through Wagtail (revisions, signals, search indexing) costs tens of
milliseconds each; 20,000 practices would take many minutes. Here the page tree rows are computed
and inserted in bulk, as a published page without revisions would look. Search indexing is left
to `manage.py update_index`.
"""

import random
import uuid
from collections.abc import Callable, Iterator
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from taggit.models import Tag
from wagtail.models import Locale, Page

from cms.locales import default_locale_id
from cms.models import (
    Challenge,
    Language,
    OrganisationIndexPage,
    OrganisationPage,
    PracticeCountry,
    PracticeIndexPage,
    PracticePage,
    PracticeTag,
    Setting,
    TargetGroup,
)
from cms.models.organisations import OrganisationType
from cms.models.practices import Evidence, PreventionLevel, Scope

COUNTRIES = [
    "AT",
    "BE",
    "DK",
    "FR",
    "DE",
    "XK",
    "NL",
    "NO",
    "TN",
    "GB",
    "SE",
    "FI",
    "IT",
    "ES",
    "PL",
]
CITIES = [
    "North",
    "South",
    "Harbour",
    "River",
    "Hill",
    "Lake",
    "Market",
    "Bridge",
    "Castle",
    "Mill",
]
APPROACHES = [
    "Mentoring circles",
    "Family coaching",
    "A helpline",
    "Dialogue groups",
    "Case conferences",
    "Peer education",
    "Online outreach",
    "Exit counselling",
    "Resilience training",
    "Street work",
    "Parent evenings",
    "A referral pathway",
    "Theatre workshops",
    "Sports mentoring",
]
AUDIENCES = [
    "for young people at risk",
    "for worried parents",
    "for prisoners before release",
    "for teachers",
    "for returning families",
    "for girls and young women",
    "for youth workers",
    "for local communities",
    "for probation officers",
]
PLACES = [
    "in schools",
    "in prison",
    "on gaming platforms",
    "in the neighbourhood",
    "in youth centres",
    "at home",
    "across agencies",
    "in mosques and churches",
    "on probation",
]
KEYWORDS = ["trust", "dialogue", "exit", "resilience", "family", "online", "peer", "release"]

BATCH = 1000


def generate_library(
    *, practices: int, organisations: int, seed: int = 2026, progress: Callable = lambda n: None
) -> tuple[PracticeIndexPage, OrganisationIndexPage]:
    """Add `organisations` organisation pages and `practices` practice pages, all published."""
    rng = random.Random(seed)  # noqa: S311 (reproducible test data, not secrets)
    library = PracticeIndexPage.objects.get(locale_id=default_locale_id())
    organisation_index = OrganisationIndexPage.objects.get(locale_id=default_locale_id())
    terms = {
        model: list(model.objects.values_list("pk", flat=True))
        for model in (Challenge, Setting, TargetGroup, Language)
    }
    # Numbering continues after an earlier run, so slugs stay unique under each parent.
    first_organisation = OrganisationPage.objects.filter(slug__startswith="synthetic-").count()
    first_practice = PracticePage.objects.filter(slug__startswith="synthetic-").count()
    with transaction.atomic():
        organisation_ids = []
        for rows in chunks(range(first_organisation, first_organisation + organisations), BATCH):
            organisation_ids += insert_pages(
                organisation_index,
                OrganisationPage,
                [organisation_fields(rng, n) for n in rows],
            )
            progress(len(rows))
        add_terms(OrganisationPage, organisation_ids, terms, rng, practice=False)

        tags = [Tag.objects.get_or_create(name=word, slug=word)[0].pk for word in KEYWORDS]
        for rows in chunks(range(first_practice, first_practice + practices), BATCH):
            fields = [practice_fields(rng, n, organisation_ids) for n in rows]
            ids = insert_pages(library, PracticePage, fields)
            add_terms(PracticePage, ids, terms, rng, practice=True)
            PracticeCountry.objects.bulk_create(
                PracticeCountry(practice_id=pk, country=code, sort_order=i)
                for pk in ids
                for i, code in enumerate(rng.sample(COUNTRIES, rng.choice([1, 1, 2, 3])))
            )
            PracticeTag.objects.bulk_create(
                PracticeTag(content_object_id=pk, tag_id=tag)
                for pk in ids
                for tag in rng.sample(tags, 2)
            )
            progress(len(rows))
    return library, organisation_index


def insert_pages(parent: Page, model, rows: list[dict]) -> list[int]:
    """Insert published pages of `model` as the last children of `parent`; returns their ids."""
    parent = Page.objects.select_for_update().get(pk=parent.pk)
    last = parent.get_last_child()
    position = Page._str2int(last.path[-Page.steplen :]) if last else 0
    content_type = ContentType.objects.get_for_model(model)
    locale = Locale.get_default()
    now = timezone.now()
    base_rows = []
    for offset, row in enumerate(rows, start=1):
        base_rows.append(
            Page(
                title=row["title"],
                draft_title=row["title"],
                slug=row["slug"],
                content_type=content_type,
                path=Page._get_path(parent.path, parent.depth + 1, position + offset),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{row['slug']}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                locale=locale,
                translation_key=uuid.uuid4(),
            )
        )
    pages = Page.objects.bulk_create(base_rows)
    page_fields = {field.attname for field in Page._meta.concrete_fields}
    for page, row in zip(pages, rows, strict=True):
        specific = model(
            page_ptr_id=page.pk, **{k: v for k, v in row.items() if k not in page_fields}
        )
        # Only the subclass table: the Page row above already exists.
        specific.save_base(raw=True, force_insert=True)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(rows))
    return [page.pk for page in pages]


def add_terms(model, ids: list[int], terms, rng: random.Random, *, practice: bool) -> None:
    relations = {"challenges": Challenge, "work_settings": Setting, "languages": Language}
    if practice:
        relations["target_groups"] = TargetGroup
    for relation, term_model in relations.items():
        through = getattr(model, relation).through
        source = f"{model._meta.model_name}_id"
        target = f"{term_model._meta.model_name}_id"
        through.objects.bulk_create(
            through(**{source: pk, target: term})
            for pk in ids
            for term in rng.sample(terms[term_model], rng.choice([1, 2, 2, 3]))
        )


def organisation_fields(rng: random.Random, n: int) -> dict:
    name = f"Synthetic {rng.choice(CITIES)} Prevention Network {n + 1}"
    return {
        "title": name,
        "slug": f"synthetic-organisation-{n + 1}",
        "country": rng.choice(COUNTRIES),
        "city": f"{rng.choice(CITIES)}town",
        "organisation_type": rng.choice(OrganisationType.values),
        "description": f"<p>{name} is a synthetic organisation made for benchmarks.</p>",
    }


def practice_fields(rng: random.Random, n: int, organisation_ids: list[int]) -> dict:
    title = f"{rng.choice(APPROACHES)} {rng.choice(AUDIENCES)} {rng.choice(PLACES)}"
    summary = (
        f"{title}: a synthetic practice that shows how a team works with the people it serves, "
        "what it takes and what is known about its effects."
    )
    return {
        "title": title,
        "slug": f"synthetic-practice-{n + 1}",
        "summary": summary,
        "description": [
            {"type": "paragraph", "value": f"<p>{summary}</p>", "id": str(uuid.uuid4())}
        ],
        "organisation_id": rng.choice(organisation_ids) if organisation_ids else None,
        "prevention_level": rng.choice(PreventionLevel.values),
        "evidence": rng.choice(Evidence.values),
        "scope": rng.choice(Scope.values),
        "mechanism": "Trust built over time lets people question what they were told.",
        "start_year": rng.randint(2000, 2025),
        "last_reviewed": date.today() - timedelta(days=rng.randint(0, 6 * 365)),
    }


def chunks(items, size: int) -> Iterator[list]:
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]
