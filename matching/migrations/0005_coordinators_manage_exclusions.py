"""Coordinators manage conflicts and exclusions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["add_exclusion", "change_exclusion", "delete_exclusion", "view_exclusion"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("matching")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(content_type__app_label="matching", codename__in=CODENAMES)
    for group in Group.objects.filter(name="Coordinators"):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [("matching", "0004_exclusions")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
