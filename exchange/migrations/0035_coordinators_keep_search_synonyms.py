"""Coordinators keep the site search's synonym groups (cms.SynonymGroup) in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [f"{action}_synonymgroup" for action in ("add", "change", "delete", "view")]


def coordinators_and_permissions(apps):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="cms", codename__in=CODENAMES)
    return Group.objects.filter(name="Coordinators"), list(permissions)


def grant(apps, schema_editor):
    app_config = apps.get_app_config("cms")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    groups, permissions = coordinators_and_permissions(apps)
    for group in groups:
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    groups, permissions = coordinators_and_permissions(apps)
    for group in groups:
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("exchange", "0034_practices_taken_home"),
        ("cms", "0015_seed_search_synonyms"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
