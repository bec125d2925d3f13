"""Give the newsroom's groups their 数字报 rights: reporters lay out pages, editors publish."""

from django.db import migrations

REPORTER = {
    "edition": ["add", "change", "view"],
    "page": ["add", "change", "delete", "view"],
    "region": ["add", "change", "delete", "view"],
}
EDITOR = {
    "edition": ["add", "change", "delete", "view", "publish"],
    "page": ["add", "change", "delete", "view"],
    "region": ["add", "change", "delete", "view"],
}


def _codenames(spec):
    for model, actions in spec.items():
        for action in actions:
            yield f"{action}_{model}"


def grant(apps, schema_editor):
    # Permissions are normally made after migrations; these groups need them now.
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("epaper")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, spec in (("记者", REPORTER), ("编辑", EDITOR)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="epaper", codename__in=list(_codenames(spec))
            )
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["记者", "编辑"]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="epaper"))


class Migration(migrations.Migration):
    dependencies = [
        ("epaper", "0001_editions_pages_regions"),
        ("news", "0002_newsroom_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
