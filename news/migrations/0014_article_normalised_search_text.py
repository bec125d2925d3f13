# Search over normalised text (news/search_text.py): NFKC, lower case, traditional → simplified,
# punctuation as a word break. Traditional → simplified needs OpenCC, which SQL cannot call, so
# the normalised text is computed in Python and stored in search_head (title, kicker, subtitle)
# and search_text (every field, bylines and dateline included, one per line); ArticleQuerySet
# keeps them current on save(), update(), bulk_create() and loaddata. The index is built by the
# database from these two columns, as before:
# - PostgreSQL: the generated tsvector columns now read the stored text; each run also gives
#   its last character alone, so that a one-character query ('钛':*) finds every position.
# - SQLite: the FTS5 table holds each run's bigrams and its last character.
# Runs after the migrations that rebuild news_article on SQLite and restore the old index, so
# the index it builds is the one left in place.

from django.db import migrations, models

PG_BEFORE = """
ALTER TABLE news_article DROP COLUMN IF EXISTS search_title, DROP COLUMN IF EXISTS search_vector;
CREATE OR REPLACE FUNCTION news_search_grams(doc text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_to_tsvector(coalesce(array_agg(DISTINCT
    CASE WHEN i < length(run) - 1 THEN substr(run, i, 3) ELSE substr(run, i, 2) END), '{}'))
  FROM regexp_split_to_table(coalesce(doc, ''), E'[\\\\s]+') AS run,
       generate_series(1, length(run)) AS i
  WHERE run <> ''
$$;
"""

PG_AFTER = """
ALTER TABLE news_article
  ADD COLUMN search_title tsvector GENERATED ALWAYS AS (news_search_grams(search_head)) STORED,
  ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (news_search_grams(search_text)) STORED;
CREATE INDEX news_article_search_title_gin ON news_article USING gin (search_title);
CREATE INDEX news_article_search_vector_gin ON news_article USING gin (search_vector);
-- A story holds about 1,500 distinct keys, many of them in half of all stories; the default
-- statistics keep only the 1,000 most common, so a common key missing from the list looked
-- rare and the planner fetched thousands of rows instead of walking the newest-first index.
ALTER TABLE news_article ALTER COLUMN search_vector SET STATISTICS 2000,
  ALTER COLUMN search_title SET STATISTICS 1000;
"""

SQLITE_ROW = "(NEW.id, news_search_tokens(NEW.search_head), news_search_tokens(NEW.search_text))"

SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER news_article_search_ai AFTER INSERT ON news_article BEGIN
  INSERT INTO news_article_search (rowid, title, document) VALUES {SQLITE_ROW};
END;""",
    """CREATE TRIGGER news_article_search_ad AFTER DELETE ON news_article BEGIN
  DELETE FROM news_article_search WHERE rowid = OLD.id;
END;""",
    f"""CREATE TRIGGER news_article_search_au
AFTER UPDATE OF id, search_head, search_text ON news_article BEGIN
  DELETE FROM news_article_search WHERE rowid = OLD.id;
  INSERT INTO news_article_search (rowid, title, document) VALUES {SQLITE_ROW};
END;""",
]


def create_sqlite_index(schema_editor):
    """(Re)create the FTS5 table and its triggers over the stored text, and fill it."""
    for name in ("ai", "ad", "au"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS news_article_search_{name}")
    schema_editor.execute("DROP TABLE IF EXISTS news_article_search")
    schema_editor.execute(
        "CREATE VIRTUAL TABLE news_article_search "
        "USING fts5(title, document, tokenize = 'unicode61')"
    )
    for statement in SQLITE_TRIGGERS:
        schema_editor.execute(statement)
    schema_editor.execute(
        "INSERT INTO news_article_search (rowid, title, document) SELECT id, "
        "news_search_tokens(search_head), news_search_tokens(search_text) FROM news_article"
    )


def fill(apps, schema_editor):
    from news.search_text import search_fields

    Article = apps.get_model("news", "Article")
    Byline = apps.get_model("news", "Byline")
    bylines = {}
    for article_id, role, name in Byline.objects.order_by("position", "pk").values_list(
        "article_id", "role", "contributor__name"
    ):
        bylines.setdefault(article_id, []).append((role, name))
    for article in Article.objects.iterator(chunk_size=500):
        fields = search_fields(article, bylines.get(article.pk, []))
        Article.objects.filter(pk=article.pk).update(**fields)


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BEFORE)
    fill(apps, schema_editor)
    if vendor == "postgresql":
        schema_editor.execute(PG_AFTER)
    elif vendor == "sqlite":
        create_sqlite_index(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("news", "0013_byline_staff_reporter")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_head",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="检索用标题文本"),
        ),
        migrations.AddField(
            model_name="article",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="检索用全文"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
