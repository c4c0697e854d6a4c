from exchange.models.membership import (
    Invitation,
    InvitationQuerySet,
    InvitationState,
    LanguageLevel,
    Profile,
    ProfileLanguage,
    new_token,
    token_digest,
)
from exchange.models.offers import HostingOffer, OfferWindow
from exchange.models.visits import (
    AgendaItem,
    Amendment,
    Application,
    CalendarFeed,
    LearningAgreement,
    ReminderSent,
    Visit,
    VisitState,
)

__all__ = [
    "AgendaItem",
    "Amendment",
    "Application",
    "CalendarFeed",
    "HostingOffer",
    "Invitation",
    "InvitationQuerySet",
    "InvitationState",
    "LanguageLevel",
    "LearningAgreement",
    "OfferWindow",
    "Profile",
    "ProfileLanguage",
    "ReminderSent",
    "Visit",
    "VisitState",
    "new_token",
    "token_digest",
]
