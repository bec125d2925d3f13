"""Editors (编辑) manage advertisers and their members, and review listings."""

from django.db import migrations

EDITOR = [
    ("ads", "advertiser", ["add_advertiser", "change_advertiser", "view_advertiser"]),
    ("ads", "member", ["add_member", "change_member", "delete_member", "view_member"]),
    ("ads", "listing", ["view_listing", "approve_listing"]),
    ("ads", "pendinglisting", ["view_pendinglisting"]),
    ("ads", "contact", ["view_contact"]),
    ("ads", "dailyfigure", ["view_dailyfigure"]),
]


def _permissions(apps):
    # Permissions are normally made after migrations; the group needs them now.
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("ads")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    for app_label, model, codenames in EDITOR:
        for codename in codenames:
            yield Permission.objects.get(
                content_type__app_label=app_label,
                content_type__model=model,
                codename=codename,
            )


def grant(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.get(name="编辑")
    group.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name="编辑").first()
    if group:
        group.permissions.remove(*group.permissions.filter(content_type__app_label="ads"))


class Migration(migrations.Migration):
    dependencies = [
        ("ads", "0001_initial"),
        ("news", "0002_newsroom_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
