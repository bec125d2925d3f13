"""Editors (编辑) rewrite the site's own pages in the admin."""

from django.db import migrations


def grant(apps, schema_editor):
    # Permissions are normally made after migrations; this grant needs them now.
    from django.contrib.auth.management import create_permissions

    pages = apps.get_app_config("pages")
    pages.models_module = True
    create_permissions(pages, verbosity=0)
    pages.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="编辑")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="pages", codename__in=["change_page", "view_page"]
        )
    )


class Migration(migrations.Migration):
    dependencies = [("pages", "0002_default_pages"), ("news", "0004_photo_permissions")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
