"""The private calendar feed: a member's scheduled visits, nobody else's, behind a token they
can replace."""

from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest
from icalendar import Calendar

from demo.factories import advance, make_member, propose
from exchange.visits import services as visits
from exchange.visits.models import CalendarFeed


def events(client, user) -> list[dict]:
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    response = client.get(reverse("calendar_feed", args=[feed.token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return [
        {"summary": str(event["summary"]), "start": event["dtstart"].dt, "text": event.to_ical()}
        for event in calendar.walk("VEVENT")
    ]


@pytest.mark.django_db
def test_the_feed_shows_each_member_only_what_they_may_see(client, network):
    scheduled = advance(network, "scheduled")
    other_visitor = make_member(network.visitor_org)
    propose(network, other_visitor)  # proposed only: in nobody's calendar

    mine = events(client, network.visitor)
    assert [e["summary"] for e in mine] == ["Visit to Fictional Harbour Counselling"]
    assert mine[0]["start"] == scheduled.starts_on
    assert b"Team meeting on open cases" in mine[0]["text"]  # the agenda

    hosting = events(client, network.host)
    assert [e["summary"] for e in hosting] == [f"Visitor: {network.visitor.get_full_name()}"]
    for someone in (network.colleague, network.outsider, other_visitor):
        assert events(client, someone) == []


@pytest.mark.django_db
def test_a_cancelled_visit_leaves_the_feed(client, network):
    visit = advance(network, "scheduled")
    visits.visit_cancel(visit_id=visit.pk, user=network.host, reason="Strike at the airport.")
    assert events(client, network.visitor) == []


@pytest.mark.django_db
def test_a_new_address_stops_the_old_one(client, network):
    client.force_login(network.visitor)
    page = client.get(reverse("calendar_settings")).content.decode()
    old = CalendarFeed.objects.get(user=network.visitor).token
    assert old in page
    assert client.post(reverse("calendar_settings")).status_code == 302
    new = CalendarFeed.objects.get(user=network.visitor).token
    assert new != old
    client.logout()
    assert client.get(reverse("calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("calendar_feed", args=[new])).status_code == 200
    actions = ModelLogEntry.objects.filter(user=network.visitor).values_list("action", flat=True)
    assert sorted(actions) == ["exchange.calendar.create", "exchange.calendar.renew"]


@pytest.mark.django_db
def test_a_deactivated_members_feed_is_gone(client, network):
    feed = CalendarFeed.objects.create(user=network.visitor)
    network.visitor.is_active = False
    network.visitor.save(update_fields=["is_active"])
    assert client.get(reverse("calendar_feed", args=[feed.token])).status_code == 404
