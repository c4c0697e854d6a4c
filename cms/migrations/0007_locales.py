"""A Wagtail locale for each of the site's languages, so pages and terms can be translated into
them (Wagtail's own migration made only the default's)."""

from django.db import migrations

LANGUAGES = ["en", "de", "fr"]


def add_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [("cms", "0006_scheduled_run"), ("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(add_locales, migrations.RunPython.noop)]
