"""Questions have an audience: the visitor, the host mentor, or both. Every question so far was
written for the visitor and stays theirs (the default). The host mentor's own questions come in
migration 0032: on PostgreSQL a migration that writes rows and then alters their table cannot be
unapplied in one transaction ("pending trigger events")."""

from django.db import migrations, models

ASKED_OF = models.CharField(
    choices=[("visitor", "the visitor"), ("host", "the host mentor"), ("both", "both")],
    default="visitor",
    max_length=8,
    verbose_name="asked of",
)


class Migration(migrations.Migration):
    dependencies = [("exchange", "0027_organisation_links_name_first_versions")]

    operations = [
        migrations.AddField(model_name="reflectionquestion", name="asked_of", field=ASKED_OF),
        migrations.AddField(model_name="surveyquestion", name="asked_of", field=ASKED_OF),
    ]
