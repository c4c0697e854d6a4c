"""Coordinators see every visit in the admin (read-only: exchange/admin_visits.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    app_config = apps.get_app_config("exchange")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view_visit = Permission.objects.get(content_type__app_label="exchange", codename="view_visit")
    Group.objects.get(name="Coordinators").permissions.add(view_visit)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    view_visit = Permission.objects.filter(content_type__app_label="exchange", codename="view_visit")
    for group in Group.objects.filter(name="Coordinators"):
        group.permissions.remove(*view_visit)


class Migration(migrations.Migration):
    dependencies = [("exchange", "0004_visits")]

    operations = [migrations.RunPython(grant, revoke)]
