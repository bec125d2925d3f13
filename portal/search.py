"""Site search: published articles whose text contains every search term, title hits first.

The bigram index (news/search_index.py, migration news 0004) narrows the candidates; an exact
substring check on the same normalised text keeps only true matches, so a result always
contains the words, and every article that contains them is found.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from time import monotonic

from django.db import connection
from django.db.models import BooleanField, F, Func, Q, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from news.models import Article, Section, Zone
from news.search_index import bigrams, plain_text, query_grams, runs

MAX_QUERY_LENGTH = 50
MAX_TERMS = 5
PER_PAGE = 20
# Deep pages cost a little more each; nobody reads past the 1000th result of a news search.
MAX_PAGES = 50


class QueryError(ValueError):
    """A query the search cannot answer; the message tells the reader why, in Chinese."""


@dataclass(frozen=True)
class Query:
    text: str
    terms: tuple[str, ...]


def parse_query(raw: str) -> Query:
    """Split the reader's words into terms; raise QueryError with a clear message if unusable."""
    text = " ".join((raw or "").split())
    if not text:
        raise QueryError("请输入要搜索的词语。")
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"搜索词太长了：最多 {MAX_QUERY_LENGTH} 个字，请精简后再试。")
    terms = tuple(dict.fromkeys(text.lower().split()))
    if len(terms) > MAX_TERMS:
        raise QueryError(f"最多同时搜索 {MAX_TERMS} 个词，请减少一些。")
    for term in terms:
        word_runs = runs(term)
        if not word_runs:
            raise QueryError("搜索词里没有汉字、字母或数字，请换个词试试。")
        if max(len(run) for run in word_runs) < 2:
            raise QueryError(f"“{term}”太短了：每个搜索词至少要有两个相连的字，如“党建”。")
    return Query(text=text, terms=terms)


@dataclass
class Filters:
    section: Section | None = None
    zone: Zone | None = None
    date_from: date | None = None
    date_to: date | None = None

    def apply(self, articles: QuerySet) -> QuerySet:
        if self.section:
            articles = articles.filter(section=self.section)
        if self.zone:
            articles = articles.filter(zones=self.zone)
        tz = timezone.get_current_timezone()
        if self.date_from:
            articles = articles.filter(
                publish_at__gte=datetime.combine(self.date_from, time.min, tzinfo=tz)
            )
        if self.date_to:
            end = self.date_to + timedelta(days=1)
            articles = articles.filter(publish_at__lt=datetime.combine(end, time.min, tzinfo=tz))
        return articles


@dataclass
class ResultPage:
    articles: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def _index_runs(query: Query) -> list[str]:
    """Each term's runs of two or more characters (one-character runs are left to the exact
    check)."""
    return [run for term in query.terms for run in runs(term) if len(run) >= 2]


def _index_filter(articles: QuerySet, query: Query, *, column: str) -> QuerySet:
    """Candidates from the index: articles holding the n-grams of every term (a superset)."""
    index_runs = _index_runs(query)
    if connection.vendor == "postgresql":
        vector = "search_title" if column == "title" else "search_vector"
        keys = _pg_keys(index_runs, common_keys(vector))
        tsquery = " & ".join(f"'{gram}':*" if prefix else f"'{gram}'" for gram, prefix in keys)
        return articles.filter(
            RawSQL(f'"news_article"."{vector}" @@ %s::tsquery', [tsquery], BooleanField())
        )
    # SQLite FTS5: each run is a phrase of consecutive bigrams; the word characters the index
    # holds cannot break out of the double quotes.
    match = " AND ".join(f'{column} : "{" ".join(bigrams(run))}"' for run in index_runs)
    return articles.filter(
        pk__in=RawSQL(
            "SELECT rowid FROM news_article_search WHERE news_article_search MATCH %s", [match]
        )
    )


def _pg_keys(index_runs: list[str], common: dict[str, float]) -> list[tuple[str, bool]]:
    """The index keys to ask for: per run of the query, all of them when one is rare, else only
    the rarest.

    PostgreSQL multiplies the keys' frequencies as if they were independent; the trigrams of
    one common phrase are not, so it would expect a handful of rows, fetch every one of the
    thousands, and sort them. One common key per run is estimated right, and then it walks
    the newest-first index and stops after a page. The exact check keeps the answer the same.
    """

    def frequency(gram: str, prefix: bool) -> float:
        if prefix:
            return min(1.0, sum(f for key, f in common.items() if key.startswith(gram)))
        return common.get(gram, 0.0)

    chosen = set()
    for run in index_runs:
        grams, prefix = query_grams(run)
        keys = [(gram, prefix) for gram in grams]
        if not common or any(frequency(*key) == 0.0 for key in keys):
            chosen.update(keys)
        else:
            chosen.add(min(keys, key=lambda key: frequency(*key)))
    return sorted(chosen)


_STATS_TTL = 600
_stats_cache: dict[str, tuple[float, dict[str, dict[str, float]]]] = {}


def common_keys(column: str) -> dict[str, float]:
    """The index keys ANALYZE found most common in a column, with their frequencies. Cached a
    few minutes per process: they change only as slowly as the archive does."""
    cached = _stats_cache.get(connection.alias)
    if not cached or cached[0] < monotonic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT attname, most_common_elems::text::text[], most_common_elem_freqs"
                " FROM pg_stats WHERE schemaname = current_schema()"
                " AND tablename = 'news_article' AND attname IN ('search_title', 'search_vector')"
            )
            stats = {
                name: dict(zip(elems or [], freqs or [], strict=False))
                for name, elems, freqs in cursor.fetchall()
            }
        cached = _stats_cache[connection.alias] = (monotonic() + _STATS_TTL, stats)
    return cached[1].get(column, {})


def _document():
    """The SQL twin of news.search_index.search_document, installed by migration news 0004."""
    fields = ("title", "kicker", "subtitle", "lead", "body", "search_extra")
    return Func(
        *(F(name) for name in fields), function="news_search_document", output_field=TextField()
    )


def _contains_all(field: str, query: Query) -> Q:
    """Every term occurs in the (lower-cased) field: the exact check on the index's candidates."""
    condition = Q()
    for term in query.terms:
        condition &= Q(
            Func(
                F(field), Value(term), function="news_search_contains", output_field=BooleanField()
            )
        )
    return condition


def _in_title(query: Query) -> Q:
    return _contains_all("search_title_text", query)


def _in_document(query: Query) -> Q:
    return _contains_all("search_document", query)


def search(query: Query, *, filters: Filters | None = None, page: int = 1) -> ResultPage:
    """One page of results: articles with every term in the title, newest first, then the rest."""
    page = min(max(page, 1), MAX_PAGES)
    offset = (page - 1) * PER_PAGE
    wanted = offset + PER_PAGE + 1  # one more than shown tells whether a next page exists
    base = (filters or Filters()).apply(Article.objects.published())
    base = base.alias(search_title_text=Lower("title"), search_document=_document())

    title_hits = _index_filter(base, query, column="title").filter(_in_title(query))
    ids = list(title_hits.newest_first().values_list("pk", flat=True)[:wanted])
    if len(ids) < wanted:
        body_hits = (
            _index_filter(base, query, column="document")
            .filter(_in_document(query))
            .exclude(_in_title(query))
        )
        ids += list(body_hits.newest_first().values_list("pk", flat=True)[: wanted - len(ids)])

    shown = ids[offset : offset + PER_PAGE]
    by_pk = {article.pk: article for article in Article.objects.filter(pk__in=shown).for_listing()}
    articles = [by_pk[pk] for pk in shown if pk in by_pk]
    for article in articles:
        article.title_highlighted = highlight(article.title, query)
        article.excerpt = excerpt(article, query)
    return ResultPage(articles=articles, number=page, has_next=len(ids) > offset + PER_PAGE)


def matching_ids(query: Query, *, use_index: bool = True) -> list[int]:
    """Every published match, unpaged; without the index it is the plain substring scan the
    index must agree with (the benchmark's measure of recall)."""
    articles = Article.objects.published().alias(search_document=_document())
    if use_index:
        articles = _index_filter(articles, query, column="document")
    return list(articles.filter(_in_document(query)).values_list("pk", flat=True))


def matching(articles: QuerySet, query: Query) -> QuerySet:
    """Those of the given articles, in any state, whose text holds every term, through the index.

    For the admin's search, which looks at drafts and scheduled stories too.
    """
    articles = articles.alias(search_document=_document())
    return _index_filter(articles, query, column="document").filter(_in_document(query))


def highlight(text: str, query: Query) -> SafeString:
    """The text, escaped, with each search term wrapped in <mark>."""
    pattern = re.compile("|".join(re.escape(term) for term in query.terms), re.IGNORECASE)
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))


def excerpt(article: Article, query: Query, width: int = 90) -> SafeString:
    """A short passage around the first term found in the lead, body or extra text."""
    text = " ".join(
        " ".join(part.split())
        for part in (article.lead, plain_text(article.body), article.search_extra)
    ).strip()
    lowered = text.lower()
    found = [i for i in (lowered.find(term) for term in query.terms) if i >= 0]
    if not found:
        return highlight(article.summary(width), query)
    start = max(0, min(found) - width // 3)
    passage = text[start : start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return mark_safe(prefix + highlight(passage, query) + suffix)
