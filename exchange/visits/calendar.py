"""A member's private iCalendar feed: their scheduled visits, as visitor and as host, one
all-day event per visit with its agenda. Nothing else: no other visitor, no cancelled visit."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from icalendar import Calendar, Event

from exchange import audit
from exchange.visits.models import CalendarFeed, Visit, VisitState

IN_CALENDAR = (VisitState.SCHEDULED, VisitState.COMPLETED, VisitState.REFLECTED)


def feed_of(user) -> CalendarFeed:
    """The member's feed, made the first time they ask for it."""
    with transaction.atomic():
        feed = CalendarFeed.objects.filter(user=user).first()
        if feed is None:
            feed = CalendarFeed.objects.create(user=user)
            audit.record(feed, "exchange.calendar.create", user)
    return feed


def feed_renew(*, user) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    with transaction.atomic():
        CalendarFeed.objects.filter(user=user).delete()
        feed = CalendarFeed.objects.create(user=user)
        audit.record(feed, "exchange.calendar.renew", user)
    return feed


def feed_path(feed) -> str:
    return reverse("calendar_feed", args=[feed.token])


def visits_of(user):
    mine = Q(pk__in=Visit.objects.for_visitor(user)) | Q(pk__in=Visit.objects.for_host(user))
    return (
        Visit.objects.filter(mine, state__in=IN_CALENDAR)
        .with_details()
        .prefetch_related("agenda")
        .order_by("starts_on", "pk")
    )


def feed(user) -> bytes:
    domain = urlsplit(settings.BASE_URL).hostname or "localhost"
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.WAGTAIL_SITE_NAME}//visits//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("My visits"))
    for visit in visits_of(user):
        event = Event()
        event.add("uid", f"visit-{visit.pk}@{domain}")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", visit.starts_on)
        event.add("dtend", visit.ends_on + timedelta(days=1))  # an all-day end is exclusive
        event.add("summary", _summary(visit, user))
        event.add("url", settings.BASE_URL + visit.get_absolute_url())
        agenda = [_agenda_line(item) for item in visit.agenda.all()]
        if agenda:
            event.add("description", "\n".join(agenda))
        calendar.add_component(event)
    return calendar.to_ical()


def _summary(visit, user) -> str:
    if visit.visitor_id == user.pk:
        return _("Visit to %(organisation)s") % {"organisation": visit.host_organisation.title}
    name = visit.visitor.get_full_name() if visit.visitor else _("an erased member")
    return _("Visitor: %(name)s") % {"name": name}


def _agenda_line(item) -> str:
    """One activity, its day written as the reader's language writes it (the feed is made in
    the member's language), its time on the 24-hour clock."""
    when = date_format(item.day, "MONTH_DAY_FORMAT")
    if item.starts_at:
        when += f" {item.starts_at:%H:%M}"
    return f"{when}: {item.activity}" + (f" ({item.place})" if item.place else "")
