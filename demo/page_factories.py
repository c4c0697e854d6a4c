"""Pages for library tests, built the way editors build them: add_child, then publish."""

from datetime import date, timedelta
from itertools import count

from cms.builders import publish
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

_sequence = count(1)


def make_library(home) -> tuple[PracticeIndexPage, OrganisationIndexPage]:
    library = publish(home, PracticeIndexPage(title="Practice library", slug="practices"))
    organisations = publish(
        home, OrganisationIndexPage(title="Member organisations", slug="organisations")
    )
    return library, organisations


def make_organisation(index, **fields) -> OrganisationPage:
    n = next(_sequence)
    values = {
        "title": f"Fictional organisation {n}",
        "slug": f"organisation-{n}",
        "country": "DE",
        "city": "Leipzig",
        "description": "<p>A fictional organisation.</p>",
    }
    values.update(fields)
    return publish(index, OrganisationPage(**values))


def make_practice(
    library,
    *,
    challenges=("mentoring",),
    countries=("DE",),
    targets=("families",),
    work_settings=("family",),
    languages=("de",),
    reviewed_days_ago: int = 30,
    **fields,
) -> PracticePage:
    n = next(_sequence)
    values = {
        "title": f"Practice {n:03d}",
        "slug": f"practice-{n}",
        "summary": f"Summary of practice {n}.",
        "description": [("paragraph", f"<p>How practice {n} works.</p>")],
        "prevention_level": "at_risk",
        "evidence": "internal",
        "last_reviewed": date.today() - timedelta(days=reviewed_days_ago),
    }
    values.update(fields)
    page = PracticePage(**values)
    page.challenges = list(Challenge.vocabulary.filter(slug__in=challenges))
    page.target_groups = list(TargetGroup.vocabulary.filter(slug__in=targets))
    page.work_settings = list(Setting.vocabulary.filter(slug__in=work_settings))
    page.languages = list(Language.vocabulary.filter(slug__in=languages))
    page.countries = [PracticeCountry(country=code) for code in countries]
    return publish(library, page)
