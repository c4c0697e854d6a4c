"""Reflection prompts and survey questions in English, German and French: each reader is asked
in their language (English where a version is missing), an answer keeps the question as it was
asked, and a survey's choices are kept in English whatever language they were chosen in."""

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from demo.factories import advance
from exchange.reflections.models import AskedOf, Phase, ReflectionQuestion
from exchange.surveys import services as surveys
from exchange.surveys.models import Survey, SurveyKind

pytestmark = pytest.mark.django_db
AFTER = SurveyKind.AFTER_VISIT


def test_the_starting_questions_come_in_german_and_french():
    question = ReflectionQuestion.objects.get(text_en="What did you observe today?")
    assert question.text_de == "Was haben Sie heute beobachtet?"
    assert question.text_fr == "Qu’avez-vous observé aujourd’hui ?"
    survey = surveys.survey_for(AFTER, 2030)
    choice = survey.questions.get(answer_type="choice", asked_of=AskedOf.VISITOR)
    assert choice.choices_de.splitlines()[-1] == "Noch nichts"


def test_a_reflection_is_asked_in_the_readers_language_and_keeps_it(client, network):
    visit = advance(network, "completed")
    client.force_login(network.visitor)
    client.cookies["django_language"] = "de"  # the switcher's choice (a member saves it)
    url = reverse("reflection_phase", args=[visit.pk, Phase.DURING])
    page = client.get(url).text
    assert "Was haben Sie heute beobachtet?" in page
    assert "Kurze Notizen pro Tag." in page  # its help text too

    # Untranslated: asked in English.
    ReflectionQuestion.objects.filter(text_en="What did you observe today?").update(text_de="")
    assert "What did you observe today?" in client.get(url).text


def test_a_survey_reads_in_french_and_keeps_the_english_choice(client, network):
    visit = advance(network, "completed")
    client.force_login(network.visitor)
    client.cookies["django_language"] = "fr"
    url = reverse("visit_survey", args=[visit.pk, AFTER])
    page = client.get(url).text
    assert "Dans quelle mesure la visite a-t-elle été utile pour votre travail ?" in page
    assert "Rien pour l’instant</label>" in page
    assert "Nothing yet</label>" not in page  # the value stays English: the label is French

    survey = Survey.objects.get(kind=AFTER, year=visit.ends_on.year)
    choice = survey.questions.get(answer_type="choice", asked_of=AskedOf.VISITOR)
    assert client.post(url, {str(choice.pk): "Nothing yet"}).status_code == 302
    assert network.visitor.survey_responses.get().answers.get().choice == "Nothing yet"


def test_translated_choices_must_match_the_english_ones_line_for_line():
    survey = surveys.survey_for(AFTER, 2031)
    choice = survey.questions.get(answer_type="choice", asked_of=AskedOf.VISITOR)
    choice.choices_fr = "Une seule réponse"
    with pytest.raises(ValidationError) as refused:
        choice.full_clean()
    assert "choices_fr" in refused.value.message_dict
