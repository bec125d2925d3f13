# The full-text index for search, kept up to date by the database itself so that save(),
# QuerySet.update(), bulk_create() and loaddata all keep it in sync. See news/search_index.py.
#
# The index lives outside Django's model state, so each backend gets its own SQL:
# - PostgreSQL: IMMUTABLE SQL functions, two stored generated tsvector columns (the title
#   alone, and every field) and a GIN index on each. They hold trigrams, plus the last bigram
#   of each run: a two-character word is a prefix query ('党建':*), a longer one needs all its
#   trigrams, which are far more selective than bigrams (发展党建 has common bigrams, but
#   its trigram 展党建 occurs nowhere, so the index alone answers "no match").
# - SQLite: an FTS5 table of bigram text maintained by triggers, which call Python functions
#   registered on each connection (news.apps). A later migration that makes SQLite rebuild
#   news_article drops these triggers: re-run create_sqlite_index() after it.

from django.db import migrations

WORD_CLASS = "[^0-9a-z\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]+"

# Each function uses only built-ins, so the bodies resolve under any search_path (pg_dump).
PG_FUNCTIONS = rf"""
CREATE FUNCTION news_search_document(
    title text, kicker text, subtitle text, lead text, body text, extra text
) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT lower(
    coalesce(title, '') || E'\n' || coalesce(kicker, '') || E'\n' || coalesce(subtitle, '')
    || E'\n' || coalesce(lead, '') || E'\n'
    || replace(replace(replace(replace(replace(replace(
         regexp_replace(
           regexp_replace(coalesce(body, ''),
             '</?(p|h[1-6]|li|ul|ol|blockquote|br|div)(\s[^>]*)?/?>', E'\n', 'gi'),
           '<[^>]*>', '', 'g'),
         '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&nbsp;', ' '), '&amp;', '&')
    || E'\n' || coalesce(extra, ''))
$$;

-- The exact check. PL/pgSQL, so the planner cannot inline it and judge it by a LIKE
-- pattern's tiny default selectivity: that misjudgement made it scan every match of a
-- common word instead of walking the newest-first index and stopping after one page.
CREATE FUNCTION news_search_contains(haystack text, needle text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  RETURN strpos(haystack, needle) > 0;
END
$$;

CREATE FUNCTION news_search_grams(doc text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_to_tsvector(coalesce(array_agg(DISTINCT
    CASE WHEN i < length(run) - 1 THEN substr(run, i, 3) ELSE substr(run, i, 2) END), '{{}}'))
  FROM regexp_split_to_table(lower(coalesce(doc, '')), E'{WORD_CLASS}') AS run,
       generate_series(1, length(run) - 1) AS i
$$;
"""

PG_COLUMNS = """
ALTER TABLE news_article
  ADD COLUMN search_title tsvector
    GENERATED ALWAYS AS (news_search_grams(title)) STORED,
  ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (news_search_grams(news_search_document(
      title, kicker, subtitle, lead, body, search_extra))) STORED;
CREATE INDEX news_article_search_title_gin ON news_article USING gin (search_title);
CREATE INDEX news_article_search_vector_gin ON news_article USING gin (search_vector);
"""

PG_DROP = """
ALTER TABLE news_article DROP COLUMN IF EXISTS search_title, DROP COLUMN IF EXISTS search_vector;
DROP FUNCTION IF EXISTS news_search_grams(text);
DROP FUNCTION IF EXISTS news_search_contains(text, text);
DROP FUNCTION IF EXISTS news_search_document(text, text, text, text, text, text);
"""

SQLITE_ROW = """(
  NEW.id,
  news_search_bigrams(NEW.title),
  news_search_bigrams(news_search_document(
    NEW.title, NEW.kicker, NEW.subtitle, NEW.lead, NEW.body, NEW.search_extra))
)"""

SQLITE_TRIGGERS = f"""
CREATE TRIGGER IF NOT EXISTS news_article_search_ai AFTER INSERT ON news_article BEGIN
  INSERT INTO news_article_search (rowid, title, document) VALUES {SQLITE_ROW};
END;
CREATE TRIGGER IF NOT EXISTS news_article_search_ad AFTER DELETE ON news_article BEGIN
  DELETE FROM news_article_search WHERE rowid = OLD.id;
END;
CREATE TRIGGER IF NOT EXISTS news_article_search_au
AFTER UPDATE OF id, title, kicker, subtitle, lead, body, search_extra ON news_article BEGIN
  DELETE FROM news_article_search WHERE rowid = OLD.id;
  INSERT INTO news_article_search (rowid, title, document) VALUES {SQLITE_ROW};
END;
"""


def create_sqlite_index(schema_editor):
    """Create (or restore) the FTS5 table and its triggers, and fill it from news_article."""
    schema_editor.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS news_article_search "
        "USING fts5(title, document, tokenize = 'unicode61')"
    )
    for statement in SQLITE_TRIGGERS.strip().split("END;"):
        if statement.strip():
            schema_editor.execute(statement.strip() + " END;")
    schema_editor.execute("DELETE FROM news_article_search")
    schema_editor.execute(
        "INSERT INTO news_article_search (rowid, title, document) SELECT id, "
        "news_search_bigrams(title), news_search_bigrams(news_search_document("
        "title, kicker, subtitle, lead, body, search_extra)) FROM news_article"
    )


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTIONS)
        schema_editor.execute(PG_COLUMNS)
    elif vendor == "sqlite":
        create_sqlite_index(schema_editor)
    else:
        raise RuntimeError(f"Search index: database {vendor!r} is not supported")


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_DROP)
    elif vendor == "sqlite":
        for name in ("ai", "ad", "au"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS news_article_search_{name}")
        schema_editor.execute("DROP TABLE IF EXISTS news_article_search")


class Migration(migrations.Migration):
    dependencies = [("news", "0005_article_search_extra")]

    operations = [migrations.RunPython(forwards, backwards)]
