"""Replace Wagtail's placeholder page with the English Tusenet home page as the site root."""

import uuid

from django.db import migrations


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("partnerships", "HomePage")

    placeholder_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    Page.objects.filter(content_type=placeholder_type, depth=2, slug="home").delete()
    if HomePage.objects.filter(depth=2).exists():
        return
    home_type, _ = ContentType.objects.get_or_create(app_label="partnerships", model="homepage")
    root = Page.objects.get(depth=1)
    home = HomePage.objects.create(
        title="Tusenet Municipal Partnership Networks",
        draft_title="Tusenet Municipal Partnership Networks",
        slug="home",
        content_type=home_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=Locale.objects.get(language_code="en"),
        translation_key=uuid.uuid4(),
        live=True,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                            site_name="Tusenet")
    else:
        site.root_page = home
        site.site_name = "Tusenet"
        site.save()


def remove_home_page(apps, schema_editor):
    HomePage = apps.get_model("partnerships", "HomePage")
    HomePage.objects.filter(depth=2, slug="home").delete()


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0002_locales")]

    operations = [migrations.RunPython(create_home_page, remove_home_page)]
