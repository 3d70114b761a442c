"""Existing databases get the moderation workflow's name in the admins' three languages (``ensure_roles``)."""

from django.db import migrations


def rename_moderation_workflow(apps, schema_editor):
    from tusenet.editorial.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0010_post_date")]

    operations = [migrations.RunPython(rename_moderation_workflow, migrations.RunPython.noop)]
