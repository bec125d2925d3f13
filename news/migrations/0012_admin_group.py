"""The 管理员 group: adds staff accounts and puts them in 记者, 编辑 or 管理员, without the shell.

It holds only account permissions; a 总编 who also edits is in both 编辑 and 管理员. What a
管理员 may set on an account (no superuser flag, no single permissions) is limited in
news/desk.py.
"""

from django.db import migrations

PERMISSIONS = [
    ("auth", "user", ["add", "change", "view"]),
    ("auth", "group", ["view"]),
    ("admin", "logentry", ["view"]),
]


def create_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="管理员")
    for app_label, model, actions in PERMISSIONS:
        for action in actions:
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label,
                    content_type__model=model,
                    codename=f"{action}_{model}",
                )
            )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="管理员").delete()


class Migration(migrations.Migration):
    dependencies = [("news", "0011_article_corrections")]

    operations = [migrations.RunPython(create_group, remove_group)]
