"""Daily and weekly digests: at the person's hour in their own time zone (across a clock
change too), once per slot however many workers build it, grouped by visit, never empty."""

import datetime as dt
import threading
import zoneinfo

from django.core import mail
from django.db import connection

from wagtail.users.models import UserProfile

import pytest

from demo.factories import UserFactory
from exchange.notifications import digests
from exchange.notifications.models import DigestSent, Notification

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
UTC = dt.UTC


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    """send_digests, its e-mails leaving as after a real commit."""

    def send(now):
        with django_capture_on_commit_callbacks(execute=True):
            return digests.send_digests(now)

    return send


def person_in(zone: str, language: str = "en"):
    person = UserFactory(first_name="Fictional")
    UserProfile.objects.update_or_create(
        user=person, defaults={"current_time_zone": zone, "preferred_language": language}
    )
    return person


def notice(person, made: dt.datetime, topic="Visit to Fictional Harbour", channel="daily", n=1):
    return Notification.objects.create(
        recipient=person,
        kind="visit",
        subject=f"Fictional step {n}",
        topic=topic,
        link=f"/visits/{n}/",
        channel=channel,
        created_at=made,
    )


def test_the_slot_is_the_persons_hour_across_a_clock_change(settings):
    settings.NOTIFICATION_DIGEST_AT = "07:00"
    # 28 March 2027: Berlin moves from UTC+1 to UTC+2. Seven o'clock is 06:00 UTC the day
    # before and 05:00 UTC that day.
    before = dt.datetime(2027, 3, 27, 5, 30, tzinfo=UTC)  # 06:30 in Berlin
    assert digests.due_slot("daily", before, BERLIN)[0] == dt.date(2027, 3, 26)
    assert digests.due_slot("daily", before + dt.timedelta(hours=1), BERLIN)[0] == dt.date(
        2027, 3, 27
    )
    on_the_day = dt.datetime(2027, 3, 28, 5, 30, tzinfo=UTC)  # 07:30 in Berlin, summer time
    day, moment = digests.due_slot("daily", on_the_day, BERLIN)
    assert day == dt.date(2027, 3, 28) and moment == dt.datetime(2027, 3, 28, 5, 0, tzinfo=UTC)
    # A weekly digest: Monday's hour, else last Monday's.
    sunday = dt.datetime(2027, 3, 28, 12, 0, tzinfo=UTC)
    assert digests.due_slot("weekly", sunday, BERLIN)[0] == dt.date(2027, 3, 22)
    monday_early = dt.datetime(2027, 3, 29, 4, 0, tzinfo=UTC)  # 06:00 in Berlin
    assert digests.due_slot("weekly", monday_early, BERLIN)[0] == dt.date(2027, 3, 22)
    assert digests.due_slot("weekly", monday_early + dt.timedelta(hours=2), BERLIN)[0] == (
        dt.date(2027, 3, 29)
    )


@pytest.mark.django_db
def test_a_daily_digest_groups_by_visit_leaves_once_and_is_never_empty(settings, commits):
    settings.NOTIFICATION_DIGEST_AT = "07:00"
    person = person_in("Europe/Berlin", "de")
    evening = dt.datetime(2027, 3, 27, 19, 0, tzinfo=UTC)
    notice(person, evening, n=1)
    notice(person, evening + dt.timedelta(minutes=5), n=2)
    notice(person, evening, topic="Visit to Fictional Hill", n=3)
    mail.outbox.clear()

    assert commits(evening + dt.timedelta(hours=1)) == 0  # 21:00: not yet
    morning = dt.datetime(2027, 3, 28, 5, 1, tzinfo=UTC)  # 07:01 in Berlin, summer time
    assert commits(morning) == 1
    (message,) = mail.outbox
    assert message.to == [person.email]
    assert "Ihre tägliche Übersicht" in message.subject and "3" in message.subject  # German
    body = message.body
    assert body.index("Visit to Fictional Harbour") < body.index("Fictional step 1")
    assert body.index("Fictional step 2") < body.index("Visit to Fictional Hill")
    assert "/visits/3/" in body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()

    notice(person, morning + dt.timedelta(minutes=30), n=4)  # after the slot: tomorrow's
    assert commits(morning + dt.timedelta(hours=1)) == 0
    assert commits(morning + dt.timedelta(days=1)) == 1
    assert len(mail.outbox) == 2
    assert commits(morning + dt.timedelta(days=2)) == 0  # nothing new: none
    assert DigestSent.objects.filter(person=person).count() == 2


@pytest.mark.django_db
def test_a_weekly_digest_waits_for_monday(settings, commits):
    settings.NOTIFICATION_DIGEST_AT = "07:00"
    person = person_in("UTC")
    notice(person, dt.datetime(2027, 3, 30, 9, tzinfo=UTC), channel="weekly")  # a Tuesday
    mail.outbox.clear()
    assert commits(dt.datetime(2027, 4, 4, 23, tzinfo=UTC)) == 0  # Sunday
    assert commits(dt.datetime(2027, 4, 5, 7, 15, tzinfo=UTC)) == 1  # Monday
    assert "weekly digest" in mail.outbox[0].subject


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_send_a_slot_once(settings):
    settings.NOTIFICATION_DIGEST_AT = "07:00"
    person = person_in("UTC")
    made = dt.datetime(2027, 3, 27, 6, tzinfo=UTC)
    for n in range(5):
        notice(person, made, n=n)
    mail.outbox.clear()
    now = dt.datetime(2027, 3, 27, 8, tzinfo=UTC)
    results, start = [], threading.Barrier(2)

    def worker():
        try:
            start.wait()
            results.append(digests.send_digests(now))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 1]
    assert len(mail.outbox) == 1 and "5 notifications" in mail.outbox[0].subject
    assert DigestSent.objects.get().items == 5
