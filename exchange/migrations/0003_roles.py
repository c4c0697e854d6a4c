"""The network's roles as groups: Members (propose practices for the coordinators to approve)
and Coordinators (run the site: pages, taxonomy, invitations, profiles, moderation). Hosting is
per organisation, a flag on the member's profile."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COORDINATORS = "Coordinators"
MEMBERS = "Members"

TAXONOMY = ["challenge", "setting", "targetgroup", "language"]
COORDINATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    *[("exchange", f"{action}_{model}") for model in ("invitation", "profile") for action in ("add", "change", "view")],
    *[("cms", f"{action}_{model}") for model in TAXONOMY for action in ("add", "change", "delete", "view")],
]
MEMBER_PERMISSIONS = [("wagtailadmin", "access_admin")]
COORDINATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COORDINATOR_MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
MEMBER_MEDIA_PERMISSIONS = [("wagtailimages", "add_image"), ("wagtailimages", "choose_image")]


def permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    coordinators, _ = Group.objects.get_or_create(name=COORDINATORS)
    members, _ = Group.objects.get_or_create(name=MEMBERS)
    coordinators.permissions.add(*(permission(apps, *p) for p in COORDINATOR_PERMISSIONS))
    members.permissions.add(*(permission(apps, *p) for p in MEMBER_PERMISSIONS))

    root_page = Page.objects.get(depth=1)
    for codename in COORDINATOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=coordinators, page=root_page, permission=permission(apps, "wagtailcore", codename)
        )
    root_collection = Collection.objects.get(depth=1)
    for group, media in ((coordinators, COORDINATOR_MEDIA_PERMISSIONS), (members, MEMBER_MEDIA_PERMISSIONS)):
        for app_label, codename in media:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission(apps, app_label, codename)
            )
    # Members may propose practices in every library (exchange.roles grants it for new ones).
    for library in Page.objects.filter(content_type__app_label="cms", content_type__model="practiceindexpage"):
        GroupPagePermission.objects.get_or_create(
            group=members, page=library, permission=permission(apps, "wagtailcore", "add_page")
        )
    # Wagtail's default workflow ("Moderators approval") asks the coordinators too.
    for task in GroupApprovalTask.objects.filter(active=True):
        task.groups.add(coordinators)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[COORDINATORS, MEMBERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("exchange", "0002_profiles"),
        ("cms", "0004_seed_taxonomy"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
