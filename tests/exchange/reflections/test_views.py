"""The reflection pages as their users meet them: the log as a task list, a phase's answers
saved as drafts (by the buttons, or by the page's script) and submitted, sharing and its reads,
and every refusal a clear message that keeps what was typed."""

import datetime

from django.contrib.auth.models import Group
from django.urls import reverse

import pytest

from demo.factories import UserFactory, advance, make_member
from exchange.reflections import services as reflections
from exchange.reflections.models import EntryRead, Phase, ReflectionEntry, ReflectionQuestion
from exchange.roles import COORDINATORS

pytestmark = pytest.mark.django_db

MARKER = "marker-9c2f: the client, their health and faith"


def first_question(phase: str) -> ReflectionQuestion:
    return ReflectionQuestion.objects.filter(phase=phase).order_by("sort_order").first()


def answer(visit, phase=Phase.BEFORE, text=MARKER, **extra) -> dict:
    """The POST of one answer's form, for the phase's first question (first goal or day)."""
    asked = first_question(phase)
    goal = reflections.goals_of(visit)[0] if asked.per_goal else ""
    day = visit.starts_on.isoformat() if phase == Phase.DURING else ""
    return {"question": asked.pk, "goal": goal, "day": day, "text": text, **extra}


def phase_url(visit, phase=Phase.BEFORE) -> str:
    return reverse("reflection_phase", args=[visit.pk, phase])


def test_the_log_is_a_task_list_of_the_phases_and_the_visit_page_leads_to_it(client, network):
    visit = advance(network, "agreed")
    client.force_login(network.visitor)
    page = client.get(reverse("reflection_log", args=[visit.pk])).content.decode()
    assert 'class="task-list"' in page
    assert page.count("task-list__item") == 4
    assert phase_url(visit) in page  # before is open
    assert phase_url(visit, Phase.AFTER) not in page  # after is not open yet
    assert "Not open" in page
    visit_page = client.get(reverse("visit_detail", args=[visit.pk])).content.decode()
    assert reverse("reflection_log", args=[visit.pk]) in visit_page
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "Write your reflection: Before the visit" in dashboard
    assert phase_url(visit) in dashboard


def test_an_answer_is_saved_as_a_draft_then_submitted_without_script(client, network):
    visit = advance(network, "agreed")
    client.force_login(network.visitor)
    page = client.get(phase_url(visit)).content.decode()
    assert first_question(Phase.BEFORE).text in page
    assert reflections.goals_of(visit)[0] in page
    response = client.post(phase_url(visit), answer(visit))
    assert response.status_code == 302 and MARKER not in response["Location"]
    entry = ReflectionEntry.objects.get()
    assert entry.is_draft
    assert MARKER in client.get(response["Location"]).content.decode()
    client.post(phase_url(visit), answer(visit, submit="on"))
    entry.refresh_from_db()
    assert not entry.is_draft and entry.versions.get().submitted


def test_the_pages_script_saves_a_draft_and_hears_why_not(client, network):
    visit = advance(network, "agreed")
    client.force_login(network.visitor)
    json = {"HTTP_ACCEPT": "application/json"}
    response = client.post(phase_url(visit), answer(visit), **json)
    assert response.status_code == 200 and response.json()["saved"].startswith("Draft saved")
    refused = client.post(phase_url(visit, Phase.AFTER), answer(visit, Phase.AFTER), **json)
    assert refused.status_code == 409 and "not open" in refused.json()["error"]
    assert client.get(phase_url(visit)).headers["Cache-Control"].startswith("max-age=0")


@pytest.mark.parametrize(
    ("text", "message", "status"),
    [
        ("x" * 20_001, "at most 20000 characters", 400),
        ("before\x00after", "Null characters are not allowed", 400),
    ],
)
def test_bad_text_gets_a_clear_message_and_keeps_what_was_typed(
    client, network, text, message, status
):
    visit = advance(network, "agreed")
    client.force_login(network.visitor)
    response = client.post(phase_url(visit), answer(visit, text=text))
    page = response.content.decode()
    assert response.status_code == status
    assert "There is a problem" in page and message in page
    assert not ReflectionEntry.objects.exists()


def test_a_refused_answer_comes_back_with_its_text_and_the_reason(client, network):
    visit = advance(network, "agreed")
    client.force_login(network.visitor)
    # An empty answer is left to write, not refused: submitting the phase skips it.
    response = client.post(phase_url(visit), answer(visit, text="   ", submit="on"), follow=True)
    assert "Nothing to save yet: every answer is empty." in response.content.decode()
    wrong_goal = answer(visit, goal="A goal the agreement does not have")
    response = client.post(phase_url(visit), wrong_goal)
    assert response.status_code == 409
    page = response.content.decode()
    assert "not a learning goal" in page
    assert f'<textarea id="unplaced-text" rows="4" readonly>{MARKER}</textarea>' in page
    assert not ReflectionEntry.objects.exists()


def test_the_phase_is_one_form_and_a_refused_answer_loses_no_other(client, network):
    """Several answers typed, one refused: none is saved, and each comes back as typed."""
    visit = advance(network, "completed")
    client.force_login(network.visitor)
    page = client.get(phase_url(visit, Phase.AFTER)).text
    assert page.count('<form method="post" action="' + phase_url(visit, Phase.AFTER)) == 1
    assert page.count("Submit your answers") == 1
    slots = reflections.phase_slots(visit, Phase.AFTER, network.visitor)
    posted = {"slot": [], "submit": "on"}
    for n, (question, goal) in enumerate(slots):
        key = f"s{n}"
        posted["slot"].append(key)
        posted.update({f"{key}-question": question.pk, f"{key}-goal": goal, f"{key}-day": ""})
        posted[f"{key}-text"] = f"Fictional answer {n}."
    posted[f"s{len(slots) - 1}-text"] = "x" * (reflections.MAX_LENGTH + 1)
    response = client.post(phase_url(visit, Phase.AFTER), posted)
    assert response.status_code == 400
    for n in range(len(slots) - 1):
        assert f"Fictional answer {n}." in response.text
    assert not ReflectionEntry.objects.exists()

    posted[f"s{len(slots) - 1}-text"] = "Fictional last answer."
    response = client.post(phase_url(visit, Phase.AFTER), posted)
    assert response.status_code == 302
    entries = ReflectionEntry.objects.filter(author=network.visitor, phase=Phase.AFTER)
    assert entries.count() == len(slots) and all(entry.submitted_at for entry in entries)


def test_a_phase_not_open_says_when_and_offers_no_form(client, network):
    visit = advance(network, "agreed")
    client.force_login(network.visitor)
    page = client.get(phase_url(visit, Phase.DURING)).content.decode()
    assert "“During the visit” is not open at this stage of the visit (agreement signed)." in page
    assert "<textarea" not in page
    response = client.post(phase_url(visit, Phase.FOLLOW_UP), answer(visit, Phase.FOLLOW_UP))
    assert response.status_code == 409 and MARKER in response.content.decode()


def test_the_during_phase_asks_by_day_of_the_visit(client, network):
    visit = advance(network, "completed")
    visit.agenda.create(day=visit.starts_on, activity="A fictional morning case review")
    client.force_login(network.visitor)
    page = client.get(phase_url(visit, Phase.DURING)).content.decode()
    days = len(reflections.visit_days(visit))  # up to today
    questions = ReflectionQuestion.objects.filter(phase=Phase.DURING, asked_of="visitor").count()
    assert page.count("<textarea") == days * questions
    assert "A fictional morning case review" in page  # the first day's agenda, above its notes
    day_after = (visit.ends_on + datetime.timedelta(days=1)).isoformat()
    response = client.post(
        phase_url(visit, Phase.DURING), answer(visit, Phase.DURING, day=day_after)
    )
    assert response.status_code == 409 and "Choose a day of the visit" in response.content.decode()


def test_progress_counts_the_answers_the_page_asks_for_each_day_of_the_visit(network):
    from exchange.reflections.selectors import DONE, IN_PROGRESS, log_of

    visit = advance(network, "completed")
    days = reflections.visit_days(visit)
    assert len(days) > 1
    slots = reflections.phase_slots(visit, Phase.DURING, network.visitor)
    asked = [question for question, _goal in slots]

    def during():
        return next(p for p in log_of(visit, network.visitor) if p.phase == Phase.DURING)

    assert during().total == len(days) * len(asked)
    for question in asked:  # every question answered on the first day only
        reflections.entry_save(
            visit_id=visit.pk,
            user=network.visitor,
            phase=Phase.DURING,
            question_id=question.pk,
            goal="",
            day=days[0],
            text="A fictional note.",
            submit=True,
        )
    assert (during().submitted, during().status) == (len(asked), IN_PROGRESS)
    for day in days[1:]:
        for question in asked:
            reflections.entry_save(
                visit_id=visit.pk,
                user=network.visitor,
                phase=Phase.DURING,
                question_id=question.pk,
                goal="",
                day=day,
                text="A fictional note.",
                submit=True,
            )
    assert during().status == DONE


def test_nobody_else_writes_in_or_opens_a_log(client, network):
    visit = advance(network, "agreed")
    assert client.get(phase_url(visit)).status_code == 302  # to sign in
    other_host = make_member(network.host_org, hosts=True)
    for person in (other_host, network.colleague, network.outsider):
        client.force_login(person)
        assert client.get(reverse("reflection_log", args=[visit.pk])).status_code == 404
        assert client.get(phase_url(visit)).status_code == 404
        assert client.post(phase_url(visit), answer(visit)).status_code == 404
    assert not ReflectionEntry.objects.exists()
    client.force_login(network.visitor)
    assert client.get(reverse("reflection_phase", args=[visit.pk, "someday"])).status_code == 404


def test_sharing_with_the_partner_who_reads_and_the_author_sees_the_read(client, network):
    visit = advance(network, "agreed")
    client.force_login(network.visitor)
    client.post(phase_url(visit), answer(visit, submit="on"))
    entry = ReflectionEntry.objects.get()
    entry_url = reverse("reflection_entry", args=[entry.pk])
    share_url = reverse("reflection_share", args=[entry.pk])

    client.force_login(network.host)
    assert client.get(entry_url).status_code == 404  # not shared yet
    client.force_login(network.visitor)
    client.post(share_url, {"audience": "partner", "share": "on"})

    client.force_login(network.host)
    log = client.get(reverse("reflection_log", args=[visit.pk])).content.decode()
    assert entry_url in log and MARKER not in log  # the list names it; reading it is logged
    assert MARKER in client.get(entry_url).content.decode()
    assert EntryRead.objects.filter(entry_id=entry.pk, reader_id=network.host.pk).count() == 1

    client.force_login(network.visitor)
    own = client.get(entry_url).content.decode()
    assert network.host.get_full_name() in own and "Who has read it" in own
    assert EntryRead.objects.count() == 1  # the author's own reading is not a read by another
    client.post(share_url, {"audience": "partner"})  # stop sharing
    again = client.post(share_url, {"audience": "partner"})
    assert again.status_code == 409 and "not shared with them" in again.content.decode()

    client.force_login(network.host)
    assert client.get(entry_url).status_code == 404


def test_coordinators_read_only_what_is_shared_with_them(client, network):
    visit = advance(network, "agreed")
    entry = reflections.entry_save(
        visit_id=visit.pk, user=network.visitor, submit=True, **_slot(visit)
    )
    coordinator = UserFactory(second_factor=True)
    coordinator.groups.add(Group.objects.get(name=COORDINATORS))
    client.force_login(coordinator)
    assert (
        reverse("reflection_entry", args=[entry.pk])
        not in client.get(reverse("reflections")).content.decode()
    )
    assert client.get(reverse("reflection_entry", args=[entry.pk])).status_code == 404
    reflections.entry_share(entry_id=entry.pk, user=network.visitor, audience="coordinators")
    overview = client.get(reverse("reflections")).content.decode()
    assert reverse("reflection_entry", args=[entry.pk]) in overview and MARKER not in overview
    assert MARKER in client.get(reverse("reflection_entry", args=[entry.pk])).content.decode()


def test_a_share_button_for_someone_elses_entry_finds_nothing(client, network):
    visit = advance(network, "agreed")
    entry = reflections.entry_save(
        visit_id=visit.pk, user=network.visitor, submit=True, **_slot(visit)
    )
    client.force_login(network.host)
    response = client.post(
        reverse("reflection_share", args=[entry.pk]), {"audience": "partner", "share": "on"}
    )
    assert response.status_code == 404
    assert not entry.shares.exists()


def _slot(visit) -> dict:
    asked = first_question(Phase.BEFORE)
    return {
        "phase": Phase.BEFORE,
        "question_id": asked.pk,
        "goal": reflections.goals_of(visit)[0],
        "text": MARKER,
    }
