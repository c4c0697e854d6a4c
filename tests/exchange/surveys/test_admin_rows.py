"""The survey editor's question rows: a row whose id is not a number (no browser sends one, a
hand-made request can) is refused with a message, and nothing is saved."""

import pytest

from demo.factories import UserFactory
from exchange.surveys import services
from exchange.surveys.models import SurveyKind

pytestmark = pytest.mark.django_db


def test_a_row_id_that_is_not_a_number_is_refused_with_a_message(client):
    survey = services.survey_for(SurveyKind.AFTER_VISIT, 2030)
    question = survey.questions.first()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    rows = {
        "questions-TOTAL_FORMS": "1",
        "questions-INITIAL_FORMS": "1",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
        "questions-0-text_en": "Reworded by hand",
        "questions-0-answer_type": "scale",
        "questions-0-level": "reaction",
        "questions-0-ORDER": "1",
    }
    response = client.post(
        f"/admin/surveys/edit/{survey.pk}/",
        {"introduction": "", **rows, "questions-0-id": "exit work"},
    )
    assert response.status_code == 200
    assert "This row was changed outside this page. Reload the page." in response.text
    question.refresh_from_db()
    assert question.text != "Reworded by hand" and survey.questions.count() > 1


def test_more_rows_than_a_survey_takes_are_refused_without_building_them(client):
    """A posted row count is not believed past the panel's limit: Django would build (and the
    page render) a form for each of up to 2,000 rows."""
    survey = services.survey_for(SurveyKind.AFTER_VISIT, 2030)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(
        f"/admin/surveys/edit/{survey.pk}/",
        {"introduction": "", "questions-TOTAL_FORMS": "1999", "questions-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 200
    assert "Please submit at most 100 forms." in response.text
    assert response.text.count('name="questions-') < 100 * 20
