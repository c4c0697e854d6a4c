from cms.models.library import (
    OrganisationIndexPage,
    OrganisationPage,
    PracticeCountry,
    PracticeIndexPage,
    PracticePage,
    PracticeTag,
)
from cms.models.pages import HomePage, StandardPage
from cms.models.snippets import Challenge, Language, Setting, TargetGroup

__all__ = [
    "Challenge",
    "HomePage",
    "Language",
    "OrganisationIndexPage",
    "OrganisationPage",
    "PracticeCountry",
    "PracticeIndexPage",
    "PracticePage",
    "PracticeTag",
    "Setting",
    "StandardPage",
    "TargetGroup",
]
