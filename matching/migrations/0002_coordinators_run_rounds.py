"""Coordinators create, change and view matching rounds."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["add_round", "change_round", "view_round"]


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


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(content_type__app_label="matching", codename__in=CODENAMES)
    for group in Group.objects.filter(name="Coordinators"):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_rounds"), ("exchange", "0005_coordinators_see_visits")]

    operations = [migrations.RunPython(grant, revoke)]
