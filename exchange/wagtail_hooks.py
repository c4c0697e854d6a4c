"""The exchange's Wagtail hooks live beside each capability; Wagtail loads this module, which
loads theirs, and registers every audit action's label (exchange/audit.py)."""

from wagtail import hooks

import exchange.coding.wagtail_hooks
import exchange.excerpts.wagtail_hooks
import exchange.membership.wagtail_hooks
import exchange.publication.wagtail_hooks
import exchange.reflections.wagtail_hooks
import exchange.reports.wagtail_hooks
import exchange.surveys.wagtail_hooks
import exchange.visits.steps
import exchange.visits.wagtail_hooks  # noqa: F401
from exchange import audit


@hooks.register("register_log_actions")
def register_audit_actions(actions):
    for action, label in audit.LABELS.items():
        actions.register_action(action, label, label)
