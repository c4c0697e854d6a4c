"""The questions' English wording moves to its `_en` column beside the German and French ones
(django-translated-fields: exchange/wording.py). A rename: no text is copied or lost."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("exchange", "0024_flags_confirmation")]

    operations = [
        migrations.RenameField("reflectionquestion", "text", "text_en"),
        migrations.RenameField("reflectionquestion", "help_text", "help_text_en"),
        migrations.RenameField("surveyquestion", "text", "text_en"),
        migrations.RenameField("surveyquestion", "help_text", "help_text_en"),
        migrations.RenameField("surveyquestion", "choices", "choices_en"),
    ]
