"""Existing databases get the roles' image and document rights on the root collection.

Wagtail reads image and document permissions per collection; ``ensure_roles`` now grants
them there (translators could not choose images or documents before). Idempotent.
"""

from django.db import migrations


def grant_collection_rights(apps, schema_editor):
    from tusenet.editorial.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0006_working_area_module_protected")]

    operations = [migrations.RunPython(grant_collection_rights, migrations.RunPython.noop)]
