"""Member views of the visit workflow. They translate requests into the steps (services.py,
agreements.py, offers.py); what a user may not see answers 404, so an id reveals nothing."""

from exchange.visits.views.offers import (
    application_create,
    application_detail,
    application_withdraw,
    offer_detail,
    offer_edit,
    offer_list,
)
from exchange.visits.views.overview import (
    calendar_feed,
    calendar_settings,
    dashboard,
    visit_list,
    welcome,
)
from exchange.visits.views.visit import (
    agenda_add,
    agenda_remove,
    agreement_edit,
    agreement_print,
    amendment_confirm,
    amendment_decline,
    amendment_propose,
    message_send,
    visit_cancel,
    visit_detail,
    visit_step,
)

__all__ = [
    "agenda_add",
    "agenda_remove",
    "agreement_edit",
    "agreement_print",
    "amendment_confirm",
    "amendment_decline",
    "amendment_propose",
    "application_create",
    "application_detail",
    "application_withdraw",
    "calendar_feed",
    "calendar_settings",
    "dashboard",
    "message_send",
    "offer_detail",
    "offer_edit",
    "offer_list",
    "visit_cancel",
    "visit_detail",
    "visit_list",
    "visit_step",
    "welcome",
]
