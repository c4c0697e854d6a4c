"""Retention as a schedule: each kind of personal data goes when its period (from the settings)
ends; its owner is told once, a month before; the daily job removes what is due; the admin
shows what goes when; nothing of anyone else's goes with it."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest
from allauth.usersessions.models import UserSession

from cms.background.schedule import jobs
from demo.factories import UserFactory
from exchange.personal_data import retention
from exchange.personal_data.models import RetentionWarning
from exchange.reflections.models import ReflectionEntry
from exchange.visits import messages as visit_messages
from exchange.visits.models import Visit, VisitMessage
from tests.exchange.conftest import after_visit_answer

pytestmark = pytest.mark.django_db


def days(kind: str) -> timedelta:
    return timedelta(days=settings.RETENTION_DAYS[kind])


def test_an_account_nobody_signs_in_to_is_warned_once_then_erased():
    today = timezone.localdate()
    idle = UserFactory(email="idle@demo.example")
    idle.last_login = timezone.now() - days("inactive_account") + timedelta(days=20)
    idle.save(update_fields=["last_login"])
    active = UserFactory()
    active.last_login = timezone.now()
    active.save(update_fields=["last_login"])
    mail.outbox.clear()

    assert retention.apply(today) == (1, 0)
    (warning,) = mail.outbox
    assert warning.to == ["idle@demo.example"]
    assert "Your account" in warning.body and "sign in before then" in warning.body
    assert retention.apply(today) == (0, 0)  # told once
    assert len(mail.outbox) == 1

    assert retention.apply(today + timedelta(days=20)) == (0, 1)
    assert not get_user_model().objects.filter(pk=idle.pk).exists()
    assert get_user_model().objects.filter(pk=active.pk).exists()


def test_a_reflection_log_and_messages_go_after_their_periods_and_nothing_else(network):
    visit = after_visit_answer(network, "A fictional answer.").visit
    visit_messages.message_send(visit_id=visit.pk, user=network.visitor, text="See you Monday.")
    # The visit ended long ago: its log is due in ten days, its messages are overdue.
    ended = timezone.localdate() - days("reflectionentry") + timedelta(days=10)
    Visit.objects.filter(pk=visit.pk).update(ends_on=ended, starts_on=ended - timedelta(days=2))
    mail.outbox.clear()

    today = timezone.localdate()
    warned, removed = retention.apply(today)
    assert removed == 1 and not VisitMessage.objects.exists()  # overdue: gone at once
    assert warned == 1 and mail.outbox[0].to == [network.visitor.email]
    assert "Your reflection log about the visit to" in mail.outbox[0].body
    assert "A fictional answer." not in mail.outbox[0].body  # what, never its content
    assert ReflectionEntry.objects.filter(author=network.visitor).exists()

    retention.apply(today + timedelta(days=10))
    assert not ReflectionEntry.objects.filter(author=network.visitor).exists()
    assert Visit.objects.filter(pk=visit.pk).exists()  # the visit's record stays


def test_survey_answers_go_after_their_period_and_the_published_figures_stay(network):
    from demo.factories import advance
    from exchange.surveys import services as surveys
    from exchange.surveys.models import SurveyKind, SurveyResponse

    visit = advance(network, "completed")
    for person in (network.visitor, network.host):
        surveys.response_save(
            visit_id=visit.pk, user=person, kind=SurveyKind.AFTER_VISIT, answers={}, submit=False
        )
    ended = timezone.localdate() - days("surveyresponse") - timedelta(days=1)
    Visit.objects.filter(pk=visit.pk).update(ends_on=ended, starts_on=ended - timedelta(days=2))
    assert retention.apply() == (0, 2)
    assert not SurveyResponse.objects.exists() and Visit.objects.filter(pk=visit.pk).exists()


def test_what_a_visitor_took_home_goes_after_its_period(network):
    from cms.models import PracticeIndexPage
    from demo.factories import advance
    from demo.page_factories import make_practice
    from exchange.transfer import services as transfer
    from exchange.transfer.models import FollowUp, PassedOn, PracticeSeen

    visit = advance(network, "completed")
    practice = make_practice(PracticeIndexPage.objects.first())
    seen = transfer.practice_add(visit_id=visit.pk, user=network.visitor, practice_id=practice.pk)
    FollowUp.objects.create(seen=seen, month=3, status="adopted", note="A fictional note.")
    transfer.passed_on_add(
        visit_id=visit.pk,
        user=network.visitor,
        kind="team_session",
        on=timezone.localdate(),
        colleagues=5,
    )
    ended = timezone.localdate() - days("take_home") + timedelta(days=10)
    Visit.objects.filter(pk=visit.pk).update(ends_on=ended, starts_on=ended - timedelta(days=2))
    mail.outbox.clear()
    assert retention.apply() == (1, 0)  # one warning for the visit's take-home, nothing gone yet
    assert "What you took home from the visit to" in mail.outbox[0].body
    assert "A fictional note." not in mail.outbox[0].body
    retention.apply(timezone.localdate() + timedelta(days=10))
    assert not PracticeSeen.objects.exists() and not FollowUp.objects.exists()
    assert not PassedOn.objects.exists() and Visit.objects.filter(pk=visit.pk).exists()


def test_old_sign_in_records_go_without_a_warning(client):
    person = UserFactory()
    client.force_login(person)
    UserSession.objects.create(
        user=person, ip="192.0.2.1", session_key="fictional-session", user_agent="Fictional"
    )
    UserSession.objects.update(last_seen_at=timezone.now() - days("sessions") - timedelta(days=1))
    mail.outbox.clear()
    retention.apply()
    assert not UserSession.objects.exists() and not mail.outbox
    assert not RetentionWarning.objects.exists()


def test_the_admin_shows_what_goes_when_to_coordinators_only(client, coordinator, network):
    idle = UserFactory(first_name="Idle", last_name="Member (fictional)")
    idle.last_login = timezone.now() - days("inactive_account") + timedelta(days=40)
    idle.save(update_fields=["last_login"])
    url = reverse("retention_schedule")
    client.force_login(network.visitor)
    assert client.get(url).status_code in (302, 403)
    client.force_login(coordinator)
    page = client.get(url).text
    assert "Idle Member (fictional)" in page and "Your account" in page
    assert "5 years after the visit" in page  # settings.RETENTION_DAYS, in words


def test_the_schedule_runs_daily():
    assert "apply-retention" in {job.name for job in jobs()}
