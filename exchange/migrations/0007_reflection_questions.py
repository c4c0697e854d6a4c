"""The reflection questions a new network starts with; the coordinators edit them in the admin.
Written for this platform, after the phases of LEARNING.md: expectations per learning goal
before, short notes by day during, per goal after (what I saw, why it works there, what it would
take at home), and what changed months later."""

from django.db import migrations

QUESTIONS = [
    ("before", True, "What do you expect to see for this goal, and how will you know you have learned something?", "One answer per goal of your signed learning agreement."),
    ("before", False, "What does your own team already do about this challenge?", "A few lines are enough: they help you compare after the visit."),
    ("during", False, "What did you observe today?", "Short notes by day. Leave out anything that could identify a client."),
    ("during", False, "What surprised you, and what would you like to ask your host?", ""),
    ("after", True, "What did you see for this goal?", "Describe what people did, not who they worked with."),
    ("after", True, "Why does it work there?", "The mechanism: what makes the difference, in this setting."),
    ("after", True, "What would it take at home?", "People, rules, money, partners: what you would need to do the same."),
    ("after", False, "Which practices of the library did you see at work?", "Name them as the library does, if you can."),
    ("follow_up", False, "What have you changed in your own practice since the visit?", ""),
    ("follow_up", False, "What stopped you, or what would help you go further?", ""),
]


def add_questions(apps, schema_editor):
    Question = apps.get_model("exchange", "ReflectionQuestion")
    for order, (phase, per_goal, text, help_text) in enumerate(QUESTIONS):
        Question.objects.get_or_create(
            phase=phase,
            text=text,
            defaults={"per_goal": per_goal, "help_text": help_text, "sort_order": order},
        )


def remove_questions(apps, schema_editor):
    Question = apps.get_model("exchange", "ReflectionQuestion")
    Question.objects.filter(text__in=[text for _p, _g, text, _h in QUESTIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [("exchange", "0006_reflections")]

    operations = [migrations.RunPython(add_questions, remove_questions)]
