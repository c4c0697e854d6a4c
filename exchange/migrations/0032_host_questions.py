"""The host mentor's own questions (their audience came with migration 0028): reflection questions
on what they will show, what they showed, what the visitor's questions made them see and what
they would change; and, in each year's surveys, the host's default questions, in the three
languages. Data only: see 0028 for why it is a migration of its own."""

from django.db import migrations

from exchange.questions_translated import REFLECTION, SURVEY, fill
from exchange.surveys.defaults import DEFAULT_QUESTIONS

# (phase, asked per goal, question, help text)
HOST_QUESTIONS = [
    ("before", True, "What will you show the visitor for this goal, and who on your team will show it?", "One answer per goal of the signed learning agreement."),  # noqa: E501
    ("before", False, "What would you like to learn from the visitor's own practice?", "A visitor brings their own way of working: what would you ask them?"),  # noqa: E501
    ("during", False, "What did you show today, and what did the visitor ask?", "Short notes by day. Leave out anything that could identify a client."),  # noqa: E501
    ("after", True, "What did you show for this goal, and what did the visitor make of it?", "Describe what people did, not who they worked with."),  # noqa: E501
    ("after", False, "What did the visitor's questions make you see in your own practice?", "What you do without thinking about it, and why it works or does not."),  # noqa: E501
    ("after", False, "What would you change in your own work after this visit?", ""),
    ("follow_up", False, "Have you changed anything in your own practice since hosting the visit?", ""),  # noqa: E501
]


def add_host_questions(apps, schema_editor):
    Question = apps.get_model("exchange", "ReflectionQuestion")
    start = 100  # after the visitor's questions, in the admin's order
    for order, (phase, per_goal, text, help_text) in enumerate(HOST_QUESTIONS, start=start):
        question = Question(
            phase=phase,
            asked_of="host",
            per_goal=per_goal,
            text_en=text,
            help_text_en=help_text,
            sort_order=order,
        )
        fill(question, REFLECTION, ("text", "help_text"), english="_en")
        question.save()
    Survey = apps.get_model("exchange", "Survey")
    SurveyQuestion = apps.get_model("exchange", "SurveyQuestion")
    for survey in Survey.objects.exclude(questions__asked_of="host"):
        rows = [row for row in DEFAULT_QUESTIONS[survey.kind] if row[-1] == "host"]
        for order, (text, answer_type, level, required, choices, _asked_of) in enumerate(
            rows, start=start
        ):
            question = SurveyQuestion(
                survey=survey,
                sort_order=order,
                asked_of="host",
                text_en=text,
                answer_type=answer_type,
                level=level,
                required=required,
                choices_en=choices,
            )
            fill(question, SURVEY, ("text", "help_text", "choices"), english="_en")
            question.save()


def remove_host_questions(apps, schema_editor):
    apps.get_model("exchange", "ReflectionQuestion").objects.filter(asked_of="host").delete()
    apps.get_model("exchange", "SurveyQuestion").objects.filter(asked_of="host").delete()


class Migration(migrations.Migration):
    dependencies = [("exchange", "0031_retention_warnings")]

    operations = [migrations.RunPython(add_host_questions, remove_host_questions)]
