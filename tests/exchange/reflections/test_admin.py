"""The coordinators keep the reflection questions in the admin; rewording one changes no answer
already written, and the admin lists no entry, to anyone."""

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

import pytest

from demo.factories import UserFactory, advance
from exchange.reflections import services as reflections
from exchange.reflections.models import AskedOf, Phase, ReflectionQuestion
from exchange.roles import COORDINATORS

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    user = UserFactory(second_factor=True)
    user.groups.add(Group.objects.get(name=COORDINATORS))
    return user


def test_a_coordinator_rewords_a_question_and_the_answers_keep_theirs(client, coordinator, network):
    visit = advance(network, "agreed")
    question = ReflectionQuestion.objects.get(
        phase=Phase.BEFORE, per_goal=False, text_en__startswith="What does your own team"
    )
    entry = reflections.entry_save(
        visit_id=visit.pk,
        user=network.visitor,
        phase=Phase.BEFORE,
        question_id=question.pk,
        text="Fictional answer.",
    )
    client.force_login(coordinator)
    response = client.post(
        reverse("exchange_reflection_question:edit", args=[question.pk]),
        {
            "phase": Phase.BEFORE,
            "asked_of": AskedOf.VISITOR,
            "text_en": "What does your team do today about this challenge?",
            "help_text_en": "Reworded by the coordinators.",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text == "What does your team do today about this challenge?"
    entry.refresh_from_db()
    assert entry.question_text.startswith("What does your own team")
    client.force_login(network.visitor)
    page = client.get(reverse("reflection_phase", args=[visit.pk, Phase.BEFORE])).content.decode()
    assert "What does your own team" in page  # the answer, with its question as asked


def test_a_coordinator_words_a_question_in_each_language_and_a_reader_gets_theirs(
    client, coordinator, network
):
    question = ReflectionQuestion.objects.filter(phase=Phase.BEFORE, per_goal=False).first()
    client.force_login(coordinator)
    url = reverse("exchange_reflection_question:edit", args=[question.pk])
    form = client.get(url).content.decode()
    assert "Deutsch" in form and "Français" in form  # a section per other language
    wording = {
        "phase": Phase.BEFORE,
        "asked_of": AskedOf.VISITOR,
        "text_en": "What will you watch for?",
        "text_de": "Worauf werden Sie achten?",
        "text_fr": "",  # none yet: asked in English
        "is_active": "on",
    }
    assert client.post(url, wording).status_code == 302
    question.refresh_from_db()
    with translation.override("de"):
        assert question.text == "Worauf werden Sie achten?"
    with translation.override("fr"):
        assert question.text == "What will you watch for?"
    assert client.post(url, {**wording, "text_en": ""}).status_code == 200  # English is required
    question.refresh_from_db()
    assert question.text_en == "What will you watch for?"


def test_an_unticked_question_is_no_longer_asked(network):
    visit = advance(network, "completed")
    once = list(
        ReflectionQuestion.objects.filter(
            phase=Phase.AFTER, per_goal=False, asked_of=AskedOf.VISITOR
        )
    )
    before = len(reflections.phase_slots(visit, Phase.AFTER, network.visitor))
    ReflectionQuestion.objects.filter(pk__in=[q.pk for q in once]).update(is_active=False)
    assert len(reflections.phase_slots(visit, Phase.AFTER, network.visitor)) == before - len(once)


def test_the_admin_lists_the_questions_and_no_entry(client, coordinator, network):
    superuser = UserFactory(is_staff=True, is_superuser=True, second_factor=True)
    visit = advance(network, "agreed")
    question = ReflectionQuestion.objects.filter(phase=Phase.BEFORE, per_goal=False).first()
    marker = "marker-51aa fictional admin check"
    reflections.entry_save(
        visit_id=visit.pk,
        user=network.visitor,
        phase=Phase.BEFORE,
        question_id=question.pk,
        text=marker,
        submit=True,
    )
    for person in (coordinator, superuser):
        client.force_login(person)
        listing = client.get(reverse("exchange_reflection_question:index")).content.decode()
        assert question.text in listing
        assert ">True<" not in listing and ">False<" not in listing  # ticks and crosses
        assert "the host mentor" in listing  # who each question is asked of
        for url in ("/admin/", "/admin/visits/", f"/admin/visits/inspect/{visit.pk}/"):
            assert marker not in client.get(url).content.decode()
    client.force_login(network.host)
    index = client.get(reverse("exchange_reflection_question:index"))
    assert index.status_code == 302  # a member without the permission is sent back
