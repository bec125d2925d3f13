# The version number each save moves on (see history/). On SQLite adding a column rebuilds
# news_article, which drops the search index triggers, so they are restored afterwards.

from importlib import import_module

from django.db import migrations, models

search_index = import_module("news.migrations.0006_article_search_index")


def restore_sqlite_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        search_index.create_sqlite_index(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0008_reader_page_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="版本号"),
        ),
        migrations.AddField(
            model_name="photo",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="版本号"),
        ),
        migrations.RunPython(restore_sqlite_search_index, migrations.RunPython.noop),
    ]
