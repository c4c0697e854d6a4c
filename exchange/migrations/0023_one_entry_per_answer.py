"""One reflection entry per answer slot, in the database (duplicates merged by 0022)."""

from django.db import migrations, models
from django.db.models import Q


class Migration(migrations.Migration):
    dependencies = [("exchange", "0022_merge_duplicate_answers")]

    operations = [
        migrations.AddConstraint(
            model_name="reflectionentry",
            constraint=models.UniqueConstraint(
                fields=["visit", "author", "phase", "question", "goal"],
                condition=Q(day__isnull=True),
                name="one_entry_per_answer",
            ),
        ),
        migrations.AddConstraint(
            model_name="reflectionentry",
            constraint=models.UniqueConstraint(
                fields=["visit", "author", "phase", "question", "goal", "day"],
                condition=Q(day__isnull=False),
                name="one_entry_per_answer_and_day",
            ),
        ),
    ]
