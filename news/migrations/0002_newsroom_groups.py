"""The newsroom's groups: reporters (记者) draft and submit, editors (编辑) review and publish."""

from django.db import migrations

REPORTER = [
    ("news", "article", ["add", "change", "view"]),
    ("news", "byline", ["add", "change", "delete", "view"]),
    ("news", "contributor", ["add", "view"]),
    ("news", "section", ["view"]),
    ("news", "zone", ["view"]),
    ("taggit", "tag", ["add", "view"]),
]
EDITOR = [
    ("news", "article", ["add", "change", "delete", "view", "publish"]),
    ("news", "byline", ["add", "change", "delete", "view"]),
    ("news", "contributor", ["add", "change", "delete", "view"]),
    ("news", "section", ["add", "change", "view"]),
    ("news", "zone", ["add", "change", "view"]),
    ("taggit", "tag", ["add", "change", "delete", "view"]),
    ("admin", "logentry", ["view"]),
]


def _codename(action, model):
    return "publish_article" if action == "publish" else f"{action}_{model}"


def create_groups(apps, schema_editor):
    # Permissions are normally made after migrations; these groups need them now.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, spec in (("记者", REPORTER), ("编辑", EDITOR)):
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, model, actions in spec:
            for action in actions:
                group.permissions.add(
                    Permission.objects.get(
                        content_type__app_label=app_label,
                        content_type__model=model,
                        codename=_codename(action, model),
                    )
                )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["记者", "编辑"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
