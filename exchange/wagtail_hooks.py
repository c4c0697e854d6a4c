"""The exchange's Wagtail hooks live beside each capability; Wagtail loads this module, which
loads theirs, registers every audit action's label (exchange/audit.py) and puts the
coordinators' summary on the admin home: each capability (and matching) adds its rows through
the `coordinator_home_rows` hook, so this module needs none of them."""

from wagtail import hooks
from wagtail.admin.ui.components import Component

import exchange.coding.wagtail_hooks
import exchange.excerpts.wagtail_hooks
import exchange.membership.wagtail_hooks
import exchange.personal_data.wagtail_hooks
import exchange.publication.wagtail_hooks
import exchange.reflections.wagtail_hooks
import exchange.reports.wagtail_hooks
import exchange.surveys.wagtail_hooks
import exchange.transfer.wagtail_hooks
import exchange.visits.steps
import exchange.visits.wagtail_hooks  # noqa: F401
from cms import plugins
from exchange import audit
from exchange.roles import is_coordinator


@hooks.register("register_log_actions")
def register_audit_actions(actions):
    for action, label in audit.LABELS.items():
        actions.register_action(action, label, label)


class NetworkTodayPanel(Component):
    """What waits for the coordinators, row by row, each leading to where it is dealt with."""

    name = "network_today"
    template_name = "exchange/admin/network_today_panel.html"
    order = 10  # first on the admin home

    def __init__(self, rows: list[dict]):
        self.rows = rows

    def get_context_data(self, parent_context):
        return {"rows": self.rows}


@hooks.register("construct_homepage_panels")
def network_today(request, panels):
    if not is_coordinator(request.user):
        return
    rows = [row for hook in hooks.get_hooks(plugins.COORDINATOR_HOME_ROWS) for row in hook(request)]
    rows.sort(key=lambda row: row.get("order", 100))
    panels.append(NetworkTodayPanel(rows))
