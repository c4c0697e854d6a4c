"""Django loads an app's models from its `models` module; the exchange app's live in its
capabilities (exchange/<capability>/models.py; the kernel's outbox in exchange/outbox.py). This
module only gathers them for Django: the project's code imports a model from its capability."""

from exchange.coding.models import Code, CodedSpan, Theme
from exchange.excerpts.models import (
    Attribution,
    CaseNumberPattern,
    ConsentEvent,
    Excerpt,
    ExcerptVersion,
    FlagsConfirmation,
)
from exchange.membership.models import Invitation, Profile, ProfileLanguage
from exchange.notifications.models import DigestSent, Notification, NotificationChoice
from exchange.outbox import QueuedEmail
from exchange.personal_data.models import RetentionWarning
from exchange.publication.models import ChapterPage, PublicationPage
from exchange.reflections.models import (
    EntryRead,
    EntryShare,
    EntryVersion,
    ReflectionEntry,
    ReflectionQuestion,
)
from exchange.reports.models import PracticeFigures
from exchange.surveys.models import Survey, SurveyAnswer, SurveyQuestion, SurveyResponse
from exchange.transfer.models import Concern, FollowUp, PassedOn, PracticeSeen
from exchange.visits.models import (
    AgendaItem,
    Amendment,
    Application,
    CalendarFeed,
    HostingOffer,
    LearningAgreement,
    OfferWindow,
    ReminderSent,
    Visit,
    VisitMessage,
)

__all__ = [
    "AgendaItem",
    "Amendment",
    "Application",
    "Attribution",
    "CalendarFeed",
    "CaseNumberPattern",
    "ChapterPage",
    "Code",
    "CodedSpan",
    "Concern",
    "ConsentEvent",
    "DigestSent",
    "EntryRead",
    "EntryShare",
    "EntryVersion",
    "Excerpt",
    "ExcerptVersion",
    "FlagsConfirmation",
    "FollowUp",
    "HostingOffer",
    "Invitation",
    "LearningAgreement",
    "Notification",
    "NotificationChoice",
    "OfferWindow",
    "PassedOn",
    "PracticeFigures",
    "PracticeSeen",
    "Profile",
    "ProfileLanguage",
    "PublicationPage",
    "QueuedEmail",
    "ReflectionEntry",
    "ReflectionQuestion",
    "ReminderSent",
    "RetentionWarning",
    "Survey",
    "SurveyAnswer",
    "SurveyQuestion",
    "SurveyResponse",
    "Theme",
    "Visit",
    "VisitMessage",
]
