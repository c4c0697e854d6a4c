"""The host sets the agenda on the visit's own days: chosen from a list, never typed."""

from datetime import timedelta

from django.urls import reverse
from django.utils.formats import date_format

import pytest

from demo.factories import advance

pytestmark = pytest.mark.django_db


def test_the_agenda_day_is_one_of_the_visits_days(client, network):
    visit = advance(network, "agreed")
    client.force_login(network.host)
    page = client.get(visit.get_absolute_url()).text
    days = (visit.ends_on - visit.starts_on).days + 1
    for n in range(days):
        day = visit.starts_on + timedelta(days=n)
        assert f'<option value="{day.isoformat()}"' in page
        assert date_format(day, "DATE_FORMAT") in page
    assert (visit.ends_on + timedelta(days=1)).isoformat() not in page

    url = reverse("agenda_add", args=[visit.pk])
    late = {"day": (visit.ends_on + timedelta(days=1)).isoformat(), "activity": "Fictional"}
    response = client.post(url, late)
    assert response.status_code == 400 and not visit.agenda.exists()
    response = client.post(url, {"day": visit.ends_on.isoformat(), "activity": "Case review"})
    assert response.status_code == 302 and visit.agenda.get().day == visit.ends_on


def test_windows_visits_and_the_calendar_write_dates_in_the_readers_language(network):
    from datetime import date

    from django.utils import translation

    from exchange.visits.calendar import _agenda_line
    from exchange.visits.models import AgendaItem, OfferWindow

    window = OfferWindow(
        offer=network.window.offer, starts_on=date(2026, 12, 28), ends_on=date(2027, 1, 8)
    )
    item = AgendaItem(day=date(2026, 12, 28), activity="Fallbesprechung")
    with translation.override("de"):
        assert str(window) == "28. Dez. 2026 – 8. Jan. 2027"
        assert _agenda_line(item) == "28. Dez.: Fallbesprechung"
    with translation.override("en"):
        assert str(window) == "28 Dec 2026 – 8 Jan 2027"
