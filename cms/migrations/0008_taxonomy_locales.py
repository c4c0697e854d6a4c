"""The taxonomy becomes translatable: every existing term is the default language's version of
itself (Wagtail's bootstrap for models made translatable after the fact)."""

import uuid

import django.db.models.deletion
from django.db import migrations, models

from wagtail.models import BootstrapTranslatableModel

MODELS = ["challenge", "setting", "targetgroup", "language"]


def bootstrap(model):
    return [
        migrations.AddField(
            model_name=model,
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name=model,
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        BootstrapTranslatableModel(f"cms.{model}", "en"),
        migrations.AlterField(
            model_name=model,
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name=model,
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(name=model, unique_together={("translation_key", "locale")}),
    ]


class Migration(migrations.Migration):
    dependencies = [("cms", "0007_locales"), ("wagtailcore", "0098_apitoken")]

    operations = [operation for model in MODELS for operation in bootstrap(model)]
