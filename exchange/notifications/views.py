"""The inbox at /notifications/, the choice per kind, and the one-click unsubscribe."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from exchange.notifications import services
from exchange.notifications import unsubscribe as links
from exchange.notifications.digests import NAMES as DIGEST_NAMES
from exchange.notifications.digests import zone_of
from exchange.notifications.forms import ChoicesForm
from exchange.notifications.kinds import BY_KEY, Channel, kinds_for
from exchange.notifications.models import Notification

PER_PAGE = 30


@require_safe
@login_required
def inbox(request):
    notifications = Notification.objects.filter(recipient=request.user)
    page = Paginator(notifications, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "exchange/notifications/inbox.html",
        {
            "page": page,
            "kinds": BY_KEY,
            "unread": services.unread_count(request.user),
        },
    )


@require_POST
@login_required
def mark_all_read(request):
    count = services.mark_all_read(request.user)
    if count:
        messages.success(request, _("Every notification is marked as read."))
    return redirect("notifications")


@require_safe
@login_required
def open_notification(request, pk: int):
    """Marks the notification read and follows its link (a path on this site only)."""
    notification = services.open_notification(request.user, pk)
    if notification is None:
        raise Http404
    link = notification.link
    if link.startswith("/") and url_has_allowed_host_and_scheme(link, allowed_hosts=None):
        return redirect(link)
    return redirect("notifications")


@login_required
def settings_form(request):
    offered = kinds_for(request.user)
    current = services.channels_of(request.user)
    form = ChoicesForm(
        request.POST or None,
        kinds=offered,
        current=current,
        initial={"time_zone": zone_of(request.user).key},
    )
    if request.method == "POST" and form.is_valid():
        choices = {**form.cleaned_data}
        moved = services.set_time_zone(request.user, choices.pop("time_zone"))
        if services.choose(request.user, choices) or moved:
            messages.success(request, _("Your choices are saved."))
        return redirect("notification_settings")
    return render(
        request,
        "exchange/notifications/settings.html",
        {"form": form, "fixed": [kind for kind in offered if kind.fixed_because]},
    )


# A mail program's one-click unsubscribe (RFC 8058) posts without the site's cookies: the
# signed token is what authorises it.
@csrf_exempt
def unsubscribe(request, token: str):
    found = links.read(token)
    if found is None:
        return render(request, "exchange/notifications/unsubscribe_invalid.html", status=404)
    person_id, key = found
    person = get_user_model().objects.filter(pk=person_id, is_active=True).first()
    if person is None:
        return render(request, "exchange/notifications/unsubscribe_invalid.html", status=404)
    context: dict[str, object] = {"kind": BY_KEY.get(key), "digest": DIGEST_NAMES.get(key)}
    if request.method == "POST":
        if key in BY_KEY:
            services.choose(person, {key: Channel.SITE})
        else:  # a digest: every kind it gathers
            channels = services.channels_of(person)
            services.choose(person, {k: Channel.SITE for k, c in channels.items() if c == key})
        context["done"] = True
        return render(request, "exchange/notifications/unsubscribed.html", context)
    if request.method not in ("GET", "HEAD"):
        return render(request, "exchange/notifications/unsubscribed.html", status=405)
    return render(request, "exchange/notifications/unsubscribed.html", context)
