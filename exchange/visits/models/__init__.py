"""The visits capability's models: hosting offers and their windows, then the visits made in
them (applications, learning agreements, agendas, reminders, calendar feeds, messages)."""

from exchange.visits.models.offers import HostingOffer, OfferWindow
from exchange.visits.models.visits import (
    AgendaItem,
    Amendment,
    Application,
    CalendarFeed,
    LearningAgreement,
    ReminderSent,
    Visit,
    VisitMessage,
    VisitState,
)

__all__ = [
    "AgendaItem",
    "Amendment",
    "Application",
    "CalendarFeed",
    "HostingOffer",
    "LearningAgreement",
    "OfferWindow",
    "ReminderSent",
    "Visit",
    "VisitMessage",
    "VisitState",
]
