"""Replace Wagtail's placeholder welcome page with the network's HomePage as the site root.

The demo loader (`manage.py seed_demo`) fills in content; this migration only guarantees that a
fresh database serves a home page at `/`.
"""

from django.db import migrations


def create_site_root(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("cms.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    if HomePage.objects.exists():
        return
    # wagtailcore's initial data creates a generic "Welcome" page at depth 2 and a site on it.
    placeholder_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    Page.objects.filter(content_type=placeholder_type, depth=2, slug="home").delete()

    root = Page.objects.get(depth=1)
    homepage_type, _ = ContentType.objects.get_or_create(app_label="cms", model="homepage")
    path = f"{root.path}{root.numchild + 1:04d}"
    while Page.objects.filter(path=path).exists():
        path = f"{root.path}{int(path[-4:]) + 1:04d}"
    homepage = HomePage.objects.create(
        title="Practice Exchange",
        draft_title="Practice Exchange",
        slug="home",
        content_type=homepage_type,
        path=path,
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=Locale.objects.order_by("pk").first(),
        hero_heading="Learning from each other's practice",
        live=True,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(hostname="localhost", port=80, root_page=homepage, is_default_site=True)


def remove_site_root(apps, schema_editor):
    apps.get_model("cms.HomePage").objects.filter(depth=2, slug="home").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        # After wagtailcore's initial locale exists: every page needs one.
        ("wagtailcore", "0054_initial_locale"),
    ]

    operations = [migrations.RunPython(create_site_root, remove_site_root)]
