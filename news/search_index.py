"""How the stored normalised text (news/search_text.py) becomes index keys.

Chinese has no spaces, so the index holds overlapping character n-grams of each run of word
characters, and an exact substring check on the few candidates removes the false hits.
- SQLite: an FTS5 table of each run's bigrams and its last character (index_tokens), filled by
  triggers that call the functions registered here on every connection; FTS5 phrase queries
  keep the bigrams in order.
- PostgreSQL: tsvector has no phrase check in its index, so it holds trigrams, and each run's
  closing bigram and last character (index_grams), written in SQL (migration 0014); a test
  keeps the SQL and Python in agreement.
search_document and bigram_text are the older index's: migrations 0006 to 0011 still call them.
"""

import re

# Letters and digits that make up words: ASCII and the CJK ideograph blocks. Everything else
# (punctuation, spaces, symbols) separates runs, and no bigram spans a separator.
WORD_CHARS = "0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(f"[{WORD_CHARS}]+")

# Block-level tags end a run (a new paragraph is a new sentence); inline tags vanish, so a
# bolded character still joins its neighbours. Only the entities the body sanitiser writes.
_BLOCK_TAG = re.compile(r"</?(p|h[1-6]|li|ul|ol|blockquote|br|div)(\s[^>]*)?/?>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]*>")
_ENTITIES = (
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&quot;", '"'),
    ("&#39;", "'"),
    ("&nbsp;", " "),
    ("&amp;", "&"),
)


def plain_text(html: str) -> str:
    """The body as text: block tags end a line, inline tags vanish, entities are decoded."""
    text = _ANY_TAG.sub("", _BLOCK_TAG.sub("\n", html or ""))
    for entity, char in _ENTITIES:
        text = text.replace(entity, char)
    return text


def search_document(title, kicker, subtitle, lead, body, extra) -> str:
    """Every searchable field, lower-cased, one per line: the index text of migration 0006."""
    fields = (title, kicker, subtitle, lead, plain_text(body), extra)
    return "\n".join(field or "" for field in fields).lower()


def runs(text: str) -> list[str]:
    """The maximal runs of word characters in already lower-cased text."""
    return _RUN.findall(text)


def bigrams(text: str) -> list[str]:
    """Overlapping pairs of word characters, in order, repeats kept (FTS5 phrases need them)."""
    return [run[i : i + 2] for run in runs(text.lower()) for i in range(len(run) - 1)]


def index_grams(text: str) -> set[str]:
    """What PostgreSQL indexes: each trigram, and the closing bigram and last character of every
    run."""
    return {
        run[i : i + 3] if i < len(run) - 2 else run[i : i + 2]
        for run in runs(text.lower())
        for i in range(len(run))
    }


def query_grams(run: str) -> tuple[list[str], bool]:
    """The index keys a run of a query needs, and whether they are prefixes (one or two
    characters: every position of a character starts a key, the last of a run a key alone)."""
    if len(run) <= 2:
        return [run], True
    return [run[i : i + 3] for i in range(len(run) - 2)], False


def bigram_text(text: str | None) -> str:
    """The bigrams as space-separated tokens: what migration 0006's FTS5 table stored."""
    return " ".join(bigrams(text or ""))


def index_tokens(text: str | None) -> str:
    """What the SQLite FTS5 table stores for normalised text: each run's bigrams in order, then
    its last character alone, so that a one-character query ("钛"*) finds every position."""
    return " ".join(
        token
        for run in runs(text or "")
        for token in [*(run[i : i + 2] for i in range(len(run) - 1)), run[-1]]
    )


def contains(haystack: str | None, needle: str | None) -> bool | None:
    """The exact check: SQL's news_search_contains."""
    if haystack is None or needle is None:
        return None
    return needle in haystack


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    """Give each SQLite connection the functions the index triggers and the search call."""
    if connection.vendor != "sqlite":
        return
    raw = connection.connection
    raw.create_function("news_search_document", 6, search_document, deterministic=True)
    raw.create_function("news_search_bigrams", 1, bigram_text, deterministic=True)
    raw.create_function("news_search_contains", 2, contains, deterministic=True)
    raw.create_function("news_search_tokens", 1, index_tokens, deterministic=True)
