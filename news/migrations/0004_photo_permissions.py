"""Reporters (记者) and editors (编辑) may upload photos and place them in stories."""

from django.db import migrations

REPORTER = [
    ("photo", ["add", "change", "view"]),
    ("articlephoto", ["add", "change", "delete", "view"]),
]
EDITOR = [
    ("photo", ["add", "change", "delete", "view"]),
    ("articlephoto", ["add", "change", "delete", "view"]),
]


def grant(apps, schema_editor):
    # Permissions are normally made after migrations; these grants need them now.
    from django.contrib.auth.management import create_permissions

    news = apps.get_app_config("news")
    news.models_module = True
    create_permissions(news, verbosity=0)
    news.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, spec in (("记者", REPORTER), ("编辑", EDITOR)):
        group, _ = Group.objects.get_or_create(name=name)
        for model, actions in spec:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="news",
                    codename__in=[f"{action}_{model}" for action in actions],
                )
            )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="news", content_type__model__in=["photo", "articlephoto"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("news", "0003_photos")]

    operations = [migrations.RunPython(grant, revoke)]
