"""热门: story views counted in the shared cache and flushed to ArticleViews in batches.

A page view never writes to the database: `count_view` is one cache INCR (Redis in
production), callable from the article view or from a page-cache hit hook. `flush_views`
moves the counts into ArticleViews; `manage.py flush_view_counts` runs it (every few minutes,
from cron or a timer, like `flush_ad_counts`), so no reader's request pays for a flush.
"""

import logging
from contextlib import suppress
from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone

from news.models import Article, ArticleViews

log = logging.getLogger(__name__)

# Only stories this recent take part in 热门; older ones' views are not kept.
HOT_DAYS = 30
_TIMEOUT = 3 * 24 * 3600
_LOCK = "news:views:flush-lock"


def _key(article_id: int) -> str:
    return f"news:views:{article_id}"


def count_view(article_id: int) -> None:
    """Add one view of the story, in the cache only; a cache fault loses the view, not the page."""
    key = _key(article_id)
    try:
        try:
            cache.incr(key)
        except ValueError:
            # The first view since the last flush: add() declines if another process won the race.
            if not cache.add(key, 1, _TIMEOUT):
                cache.incr(key)
    except Exception:  # the cache is down: readers still get the story
        log.warning("view of article %s not counted: cache unavailable", article_id)


def recent_ids() -> list[int]:
    """Stories that can be 热门: published within HOT_DAYS (an index range scan)."""
    since = timezone.now() - timedelta(days=HOT_DAYS)
    return list(
        Article.objects.published().filter(publish_at__gte=since).values_list("pk", flat=True)
    )


def flush_views() -> int:
    """Move cached view counts of recent stories into ArticleViews; returns how many views."""
    if not cache.add(_LOCK, 1, 60):
        return 0  # another flush is running
    try:
        ids = recent_ids()
        keys = {_key(pk): pk for pk in ids}
        counts = {keys[key]: n for key, n in cache.get_many(list(keys)).items() if n}
        _save(counts, keep=ids)
        for pk, n in counts.items():
            # Subtract what was saved, so views counted meanwhile stay in the cache.
            with suppress(ValueError):
                cache.decr(_key(pk), n)
        return sum(counts.values())
    finally:
        cache.delete(_LOCK)


@transaction.atomic
def _save(counts: dict[int, int], *, keep: list[int]) -> None:
    # Stories that aged out of 热门 leave the table, which keeps it small.
    ArticleViews.objects.exclude(article_id__in=keep).delete()
    if not counts:
        return
    ArticleViews.objects.bulk_create(
        [ArticleViews(article_id=pk) for pk in counts], ignore_conflicts=True
    )
    added = Case(*(When(article_id=pk, then=Value(n)) for pk, n in counts.items()), default=0)
    ArticleViews.objects.filter(article_id__in=counts).update(views=F("views") + added)


def popular(limit: int = 8):
    """The most-read recent published stories: the top of the small ArticleViews table."""
    return (
        Article.objects.published()
        .filter(publish_at__gte=timezone.now() - timedelta(days=HOT_DAYS), view_count__isnull=False)
        .order_by("-view_count__views", "-publish_at")
        .only("title", "publish_at")[:limit]
    )


def latest(limit: int = 8):
    """The newest published stories (an index scan on status and publish_at)."""
    return Article.objects.published().newest_first().only("title", "publish_at")[:limit]
