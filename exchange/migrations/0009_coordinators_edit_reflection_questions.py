"""Coordinators keep the reflection questions in the admin (exchange/reflections/admin.py): they
add, reword and untick questions; deleting one is left to the platform's operators."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["add_reflectionquestion", "change_reflectionquestion", "view_reflectionquestion"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("exchange")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="exchange", codename__in=CODENAMES
    )
    Group.objects.get(name="Coordinators").permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(
        content_type__app_label="exchange", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name="Coordinators"):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [("exchange", "0008_read_log_append_only")]

    operations = [migrations.RunPython(grant, revoke)]
