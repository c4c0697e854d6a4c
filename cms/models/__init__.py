from cms.models.background import ScheduledRun
from cms.models.library import PracticeIndexPage
from cms.models.organisations import OrganisationIndexPage, OrganisationPage
from cms.models.pages import HomePage, PrivacyNoticePage, StandardPage
from cms.models.practices import PracticeCountry, PracticePage, PracticeTag
from cms.models.reports import EvaluationReportPage
from cms.models.search import SynonymGroup
from cms.models.snippets import Challenge, Language, Setting, TargetGroup

__all__ = [
    "EvaluationReportPage",
    "Challenge",
    "HomePage",
    "Language",
    "OrganisationIndexPage",
    "OrganisationPage",
    "PracticeCountry",
    "PracticeIndexPage",
    "PracticePage",
    "PracticeTag",
    "ScheduledRun",
    "Setting",
    "PrivacyNoticePage",
    "StandardPage",
    "SynonymGroup",
    "TargetGroup",
]
