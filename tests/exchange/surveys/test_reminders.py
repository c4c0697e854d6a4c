"""`send_reminders` and the surveys: once per survey and person, while it is open and not
answered, leading to the survey and never quoting an answer; none for a visit long past."""

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest

from demo.factories import advance
from exchange.reflections.services import follow_up_opens
from exchange.surveys import reminders, services
from exchange.surveys.models import SurveyKind
from tests.exchange.surveys.test_surveys import answers_for

pytestmark = pytest.mark.django_db
MARKER = "marker-5c1e never in an e-mail"


def survey_mail() -> list[tuple[str, str]]:
    return sorted(
        (message.to[0], message.body.split("The survey: ")[1].split()[0])
        for message in mail.outbox
        if "/surveys/" in message.body
    )


def test_each_survey_is_reminded_once_to_each_person_until_answered(network):
    visit = advance(network, "completed")
    call_command("send_reminders", stdout=StringIO())
    link = f"/visits/{visit.pk}/surveys/after_visit/"
    assert [(to, url.endswith(link)) for to, url in survey_mail()] == sorted(
        [(network.visitor.email, True), (network.host.email, True)]
    )
    mail.outbox.clear()
    call_command("send_reminders", stdout=StringIO())
    assert survey_mail() == []  # once

    survey = services.survey_for(SurveyKind.AFTER_VISIT, visit.ends_on.year)
    services.response_save(
        visit_id=visit.pk,
        user=network.visitor,
        kind=SurveyKind.AFTER_VISIT,
        answers=answers_for(survey, text=MARKER),
        submit=True,
    )
    opens = follow_up_opens(visit)
    due = {(item.kind, item.recipient.pk) for item in reminders.due(opens)}
    assert due == {
        ("survey_follow_up", network.visitor.pk),
        ("survey_follow_up", network.host.pk),
    }  # the host's after-visit survey is too old to remind of by then
    assert ("survey_after_visit", network.host.pk) in {
        (i.kind, i.recipient.pk) for i in reminders.due(timezone.localdate())
    }
    assert ("survey_after_visit", network.visitor.pk) not in {
        (i.kind, i.recipient.pk) for i in reminders.due(timezone.localdate())
    }  # answered
    assert not reminders.due(opens + timedelta(days=200))  # too late to remind at all
    assert all(MARKER not in message.body for message in mail.outbox)


def test_a_visit_not_yet_taken_place_has_no_survey_reminder(network):
    advance(network, "scheduled")
    assert reminders.due() == []


def test_the_dashboard_lists_the_surveys_to_answer(client, network):
    visit = advance(network, "completed")
    client.force_login(network.visitor)
    dashboard = client.get("/dashboard/").content.decode()
    assert "Answer the survey: After the visit" in dashboard
    assert f"/visits/{visit.pk}/surveys/after_visit/" in dashboard
    client.force_login(network.outsider)
    assert "Answer the survey" not in client.get("/dashboard/").content.decode()
