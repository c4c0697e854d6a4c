"""The retention schedule in the Wagtail admin, for the coordinators: what will be deleted or
erased in the coming weeks, and when, per kind (exchange/personal_data/retention.py). What, never
its content; whose, since a coordinator may be asked about it."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from exchange.personal_data import retention
from exchange.roles import is_coordinator

HORIZON = timedelta(days=90)


@require_safe
def retention_schedule(request):
    if not is_coordinator(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    title = _("Retention")
    context = {
        "kinds": retention.periods(),
        "items": retention.schedule(today + HORIZON),
        "today": today,
        "until": today + HORIZON,
        "warning_days": settings.RETENTION_WARNING_DAYS,
        "page_title": title,
        "header_title": title,
        "header_icon": "time",
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": "", "label": title},
        ],
    }
    return render(request, "exchange/personal_data/retention.html", context)
