"""Site search: published articles that contain every search term, the most relevant first.

Text and query go through one normalisation (news/search_text.py): full-width, traditional and
punctuation never decide a match. The n-gram index (news/search_index.py, migrations news 0006
and 0009) narrows the candidates; an exact substring check on the stored normalised text keeps
only true matches, so a result always contains the words, and every article that contains them
is found. The newest matches and the newest heading matches (a bounded set) are ranked by where
the words are, how often and how close together, blended with recency; see rank().
"""

import json
import math
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from time import monotonic

from django.db import connection, transaction
from django.db.models import BooleanField, F, Func, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from news.models import Article, Section, Zone
from news.search_index import bigrams, plain_text, query_grams, runs
from news.search_text import FIELDS, normalise, normalised_spans

MAX_QUERY_LENGTH = 50
MAX_TERMS = 5
PER_PAGE = 20
# Deep pages cost a little more each; nobody reads past the 1000th result of a news search.
MAX_PAGES = 50
# How many matches are ranked by relevance: the newest matches, and the newest heading matches
# (a story about the thing has it in its headings). Bounded, so ranking costs the same for a
# word in every story as for a word in twenty.
RANK_WINDOW = 100
HEAD_WINDOW = 40
ORDERS = ("relevance", "date")


class QueryError(ValueError):
    """A query the search cannot answer; the message tells the reader why, in Chinese."""


@dataclass(frozen=True)
class Query:
    text: str
    terms: tuple[str, ...]


def parse_query(raw: str) -> Query:
    """Split the reader's words into normalised terms; raise QueryError if unusable.

    Spaces separate terms (all must occur); punctuation inside a term is a word break, so
    "力量，新业态" is the phrase 力量 新业态 and "党建，" is 党建.
    """
    text = " ".join((raw or "").split())
    if not text:
        raise QueryError("请输入要搜索的词语。")
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"搜索词太长了：最多 {MAX_QUERY_LENGTH} 个字，请精简后再试。")
    terms = tuple(dict.fromkeys(t for t in (normalise(word) for word in text.split()) if t))
    if not terms:
        raise QueryError("搜索词里没有汉字、字母或数字，请换个词试试。")
    if len(terms) > MAX_TERMS:
        raise QueryError(f"最多同时搜索 {MAX_TERMS} 个词，请减少一些。")
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

    def __bool__(self) -> bool:
        return any((self.section, self.zone, self.date_from, self.date_to))


@dataclass
class ResultPage:
    articles: list
    number: int
    has_next: bool
    count: int = 0
    estimated: bool = False
    last_page: int = 1
    order: str = "relevance"
    capped: bool = False
    pages: list = field(default_factory=list)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def count_display(self) -> str:
        return f"{self.count:,}"

    @property
    def shown_display(self) -> str:
        return f"{MAX_PAGES * PER_PAGE:,}"

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def _index_runs(query: Query) -> list[str]:
    """Each term's runs of word characters (a term with punctuation in it has several)."""
    return [run for term in query.terms for run in runs(term)]


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
    # SQLite FTS5: each run is a phrase of consecutive bigrams, a single character a prefix;
    # the word characters the index holds cannot break out of the double quotes.
    match = " AND ".join(
        f'{column} : "{run}" *' if len(run) == 1 else f'{column} : "{" ".join(bigrams(run))}"'
        for run in index_runs
    )
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
    chosen = set()
    for run in index_runs:
        grams, prefix = query_grams(run)
        keys = [(gram, prefix) for gram in grams]
        if not common or any(_share(common, *key) == 0.0 for key in keys):
            chosen.update(keys)
        else:
            chosen.add(min(keys, key=lambda key: _share(common, *key)))
    return sorted(chosen)


def _share(common: dict[str, float], gram: str, prefix: bool) -> float:
    """The share of stories the statistics say hold an index key (any key it begins, if a
    prefix); 0 for a key outside them."""
    if prefix:
        return min(1.0, sum(f for key, f in common.items() if key.startswith(gram)))
    return common.get(gram, 0.0)


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


def _contains_all(column: str, query: Query) -> Q:
    """Every term occurs in the stored normalised text: the exact check on the candidates.

    A term of one run of up to three characters needs none: its index key is itself, or the
    key of a run it begins, so the index alone is exact, and the check would only make the
    database read each candidate's text.
    """
    condition = Q()
    for term in query.terms:
        if " " not in term and len(term) <= 3:
            continue
        condition &= Q(
            Func(
                F(column), Value(term), function="news_search_contains", output_field=BooleanField()
            )
        )
    return condition


def matches(articles: QuerySet, query: Query, *, headings_only: bool = False) -> QuerySet:
    """The articles of a queryset that contain every term of the query: in the title, kicker or
    subtitle only, or anywhere (headings, lead, body, bylines and dateline, photo captions).

    Any status: the reader's search passes Article.objects.published(), the newsroom may pass
    every article. The result is unordered and unsliced: order and slice it as needed.
    """
    column = "search_head" if headings_only else "search_text"
    candidates = _index_filter(articles, query, column="title" if headings_only else "document")
    return candidates.filter(_contains_all(column, query))


def find_articles(text: str, articles: QuerySet | None = None) -> QuerySet:
    """The articles (default: all, whatever their status) matching a query typed by a person;
    none when the text holds no word. For the newsroom's own search."""
    articles = Article.objects.all() if articles is None else articles
    try:
        query = parse_query(text)
    except QueryError:
        return articles.none()
    return matches(articles, query)


@contextmanager
def _no_sequential_scan():
    """On PostgreSQL, keep the planner off a sequential scan for the search's queries.

    The index columns are large and stored out of line; the planner does not count the cost
    of reading them back, so for a rare key at 10,000 stories it judged a scan of every row
    (800 ms) cheaper than the GIN index (2 ms). Local to a transaction, reset at its end.
    On an error (a statement timeout) the rollback undoes the SET; a RESET in the aborted
    transaction would fail and hide the error that lets the site answer 503 rather than 500.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield
        cursor.execute("RESET enable_seqscan")


def search(
    query: Query, *, filters: Filters | None = None, page: int = 1, order: str = "relevance"
) -> ResultPage:
    """One page of published results, most relevant first (or newest first), with a count."""
    with _no_sequential_scan():
        return _search(query, filters=filters, page=page, order=order)


def _search(query: Query, *, filters: Filters | None, page: int, order: str) -> ResultPage:
    page = max(page, 1)
    filters = filters or Filters()
    base = filters.apply(Article.objects.published())
    # The index's candidates, checked exactly here rather than in the database: there the
    # check reads every candidate's text back from out-of-line storage, which made a common
    # five-character phrase cost a second; here it runs on the bounded window only.
    found = _index_filter(base, query, column="document")
    offset = (page - 1) * PER_PAGE
    wanted = min(max(RANK_WINDOW, offset + PER_PAGE), MAX_PAGES * PER_PAGE) + 1
    newest = _newest(found, query, wanted, column="document")
    ids = [pk for pk, _ in newest]
    estimated = len(newest) >= wanted
    window = ids[:RANK_WINDOW]
    if order == "relevance" and len(ids) > RANK_WINDOW:
        # More than the window: older stories about the words, by their headings, join it.
        heads = _index_filter(base, query, column="title")
        window += [pk for pk, _ in _newest(heads, query, HEAD_WINDOW, column="title")]
    rows = _verified(list(dict.fromkeys(window)), query)
    false_hits = set(window) - {pk for pk, _, _ in rows}
    ids = [pk for pk in ids if pk not in false_hits]
    count = len(ids)
    if estimated:
        count = _estimate_count(base, found, len(newest), newest[-1][1])
    reachable = min(count, MAX_PAGES * PER_PAGE)
    if order == "relevance":
        ranked = rank(rows, query)
        in_window = set(ranked)
        ids = ranked + [pk for pk in ids if pk not in in_window]
        reachable = max(reachable, min(len(ids), MAX_PAGES * PER_PAGE))
    last_page = max(1, math.ceil(reachable / PER_PAGE))
    ids = ids[: MAX_PAGES * PER_PAGE]
    shown = ids[offset : offset + PER_PAGE] if page <= last_page else []
    by_pk = {article.pk: article for article in Article.objects.filter(pk__in=shown).for_listing()}
    articles = [
        by_pk[pk] for pk in shown if pk in by_pk and _contains(by_pk[pk].search_text, query)
    ]
    for article in articles:
        article.title_highlighted = highlight(article.title, query)
        article.excerpt = excerpt(article, query)
    has_next = page < last_page and len(ids) > offset + PER_PAGE
    if has_next is False and articles and page < last_page:
        last_page = page  # the estimate was high: this is the end
    return ResultPage(
        articles=articles,
        number=page,
        has_next=has_next,
        count=max(count, len(ids)) if estimated else count,
        estimated=estimated,
        last_page=last_page,
        order=order,
        capped=count > MAX_PAGES * PER_PAGE,
        pages=page_numbers(page, last_page),
    )


def _contains(text: str, query: Query) -> bool:
    """The exact check: every term occurs in the stored normalised text."""
    return all(term in text for term in query.terms)


def _verified(ids: list[int], query: Query) -> list[tuple]:
    """(pk, publish_at, search_text) of those of the ids that truly contain every term."""
    rows = Article.objects.filter(pk__in=ids).values_list("pk", "publish_at", "search_text")
    return [row for row in rows if _contains(row[2], query)]


COMMON = 0.2


def _newest(found: QuerySet, query: Query, limit: int, *, column: str) -> list:
    """The newest `limit` matches as (pk, publish_at), newest first.

    Asked for the newest few, PostgreSQL walks the newest-first index and checks each story,
    which is quick when the words are common and reads thousands of stories when they are not.
    Its guess of which is which is poor for keys outside its statistics, so unless the
    statistics say every part of the query is in 20% of stories or more, the walk is ruled out
    for this query: the GIN index hands over every match and the newest are sorted out.
    """
    ordered = found.newest_first().values_list("pk", "publish_at")[:limit]
    if connection.vendor != "postgresql" or _is_common(query, column):
        return list(ordered)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_indexscan = off")
        rows = list(ordered)  # on an error, the rollback of search()'s transaction undoes the SET
        cursor.execute("RESET enable_indexscan")
    return rows


def _is_common(query: Query, column: str) -> bool:
    """Whether the index statistics show every key of the query in at least COMMON of stories."""
    common = common_keys("search_title" if column == "title" else "search_vector")
    if not common:
        return False
    return all(
        _share(common, gram, prefix) >= COMMON
        for grams, prefix in map(query_grams, _index_runs(query))
        for gram in grams
    )


def page_numbers(number: int, last: int) -> list[int | None]:
    """The page links to show: the first, the last, and two either side; None for a gap."""
    wanted = {1, last, *range(number - 2, number + 3)}
    pages: list[int | None] = []
    for n in sorted(p for p in wanted if 1 <= p <= last):
        if pages and n - pages[-1] > 1:
            pages.append(None)
        pages.append(n)
    return pages


def _estimate_count(base: QuerySet, matched: QuerySet, found: int, oldest) -> int:
    """How many match in all, from how many matched among the newest stories.

    The newest `found` matches reach back to `oldest`; the share of the filtered stories that
    are at least that new (the planner's estimate, no scan) scales them up. Exact on SQLite,
    where a development database is small.
    """
    if connection.vendor != "postgresql":
        return matched.count()
    total = _plan_rows(base)
    seen = _plan_rows(base.filter(publish_at__gte=oldest))
    if not seen:
        return found
    return max(found, round(found * total / seen))


def _plan_rows(queryset: QuerySet) -> int:
    plan = json.loads(queryset.only("pk").explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


# Relevance: where the words are (by field), how often, how close together, and how new.
FIELD_WEIGHTS = dict(
    zip(FIELDS, (5.0, 4.0, 4.0, 2.0, 1.0, 2.0, 0.5), strict=True)
)  # title, kicker, subtitle, lead, body, bylines and dateline, photo captions
PROXIMITY_WEIGHT = 1.0
RECENCY_WEIGHT = 1.0
RECENCY_HALF_LIFE_DAYS = 180


def rank(rows: list[tuple], query: Query) -> list[int]:
    """The ids of (pk, publish_at, search_text) rows, ordered by
    score = Σ_terms ln(1 + Σ_fields weight × occurrences)
    + PROXIMITY_WEIGHT × 10 / (10 + gap) + RECENCY_WEIGHT × 0.5 ^ (age in days / 180),
    where gap is the fewest characters between the terms in one field (proximity counts only
    for two or more terms). Ties go to the newer."""
    now = timezone.now()
    scored = []
    for pk, publish_at, text in rows:
        score = relevance(text, query)
        age = max((now - publish_at).total_seconds() / 86400, 0.0) if publish_at else 3650.0
        score += RECENCY_WEIGHT * 0.5 ** (age / RECENCY_HALF_LIFE_DAYS)
        scored.append((-score, -(publish_at.timestamp() if publish_at else 0), -pk, pk))
    return [pk for *_, pk in sorted(scored)]


def relevance(text: str, query: Query) -> float:
    """The word part of the score for one stored search text (see rank)."""
    fields = text.split("\n")
    score = 0.0
    for term in query.terms:
        weighted = sum(
            FIELD_WEIGHTS[name] * part.count(term)
            for name, part in zip(FIELDS, fields, strict=False)
        )
        score += math.log1p(weighted)
    if len(query.terms) > 1:
        gaps = [gap for part in fields if (gap := _gap(part, query.terms)) is not None]
        if gaps:
            score += PROXIMITY_WEIGHT * 10 / (10 + min(gaps))
    return score


def _gap(text: str, terms: tuple[str, ...]) -> int | None:
    """The fewest characters between all the terms in one stretch of text, or None."""
    hits = sorted(
        (m.start(), m.end(), i)
        for i, term in enumerate(terms)
        for m in re.finditer(re.escape(term), text)
    )
    best, last = None, {}
    for start, end, i in hits:
        last[i] = (start, end)
        if len(last) == len(terms):
            low = min(s for s, _ in last.values())
            high = max(e for _, e in last.values())
            gap = high - low - sum(len(t) for t in terms)
            best = gap if best is None else min(best, gap)
    return None if best is None else max(best, 0)


def matching_ids(query: Query) -> list[int]:
    """Every published match, unpaged: what the benchmark holds against its own substring test."""
    return list(matches(Article.objects.published(), query).values_list("pk", flat=True))


def _spans(text: str, query: Query) -> list[tuple[int, int]]:
    """Where the terms are in the original text, found in its normalised form, merged."""
    normal, origin = normalised_spans(text)
    spans = []
    for term in query.terms:
        for m in re.finditer(re.escape(term), normal):
            spans.append((origin[m.start()], origin[m.end() - 1] + 1))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def matching(articles: QuerySet, query: Query) -> QuerySet:
    """Those of the given articles, in any state, whose text holds every term, through the index.

    For the admin's search, which looks at drafts and scheduled stories too.
    """
    return matches(articles, query)


def highlight(text: str, query: Query) -> SafeString:
    """The original text, escaped, with each occurrence of a term wrapped in <mark>, however
    it is written there (full-width, traditional, punctuation between the words)."""
    parts, last = [], 0
    for start, end in _spans(text, query):
        parts.append(escape(text[last:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))


def excerpt(article: Article, query: Query, width: int = 90) -> SafeString:
    """A short passage around the first term found in the lead, body, credits or captions."""
    text = " ".join(
        " ".join(part.split())
        for part in (
            article.lead,
            plain_text(article.body),
            article.source_line() or article.credit_line(),
            article.search_extra,
        )
    ).strip()
    first = _first_match(text, query)
    if first is None:
        return highlight(article.summary(width), query)
    start = max(0, first - width // 3)
    passage = text[start : start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return mark_safe(prefix + highlight(passage, query) + suffix)


def _first_match(text: str, query: Query, step: int = 150) -> int | None:
    """Where in the original text the first term begins. Normalises overlapping stretches
    (longer than any query) one at a time and maps back only the stretch that holds a term,
    so a long body costs little when the word is near its start."""
    overlap = MAX_QUERY_LENGTH * 2
    for begin in range(0, max(len(text), 1), step):
        stretch = text[begin : begin + step + overlap]
        normal = normalise(stretch)
        if any(term in normal for term in query.terms):
            spans = _spans(stretch, query)
            if spans:
                return begin + spans[0][0]
    return None
