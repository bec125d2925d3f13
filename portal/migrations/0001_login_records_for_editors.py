"""Editors (编辑) may read the sign-in records and lift a lockout by deleting its attempt."""

from django.db import migrations

GRANTS = [
    ("accessattempt", ["view", "delete"]),
    ("accesslog", ["view"]),
    ("accessfailurelog", ["view"]),
]


def grant(apps, schema_editor):
    # Permissions are normally made after migrations; this grant needs them now.
    from django.contrib.auth.management import create_permissions

    axes = apps.get_app_config("axes")
    axes.models_module = True
    create_permissions(axes, verbosity=0)
    axes.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="编辑")
    for model, actions in GRANTS:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="axes",
                codename__in=[f"{action}_{model}" for action in actions],
            )
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="编辑"):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="axes"))


class Migration(migrations.Migration):
    dependencies = [
        ("axes", "0010_accessattemptexpiration"),
        ("news", "0002_newsroom_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
