"""Impression counts live in the shared cache and reach the database in batches.

A page view must not write to the database: each shown ad only increments a cache key
(one Redis INCR in production), and `flush_impressions` moves the counts into DailyFigure,
run by `manage.py flush_ad_counts` and whenever an advertiser reads its figures.
"""

from contextlib import suppress
from datetime import date, timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from ads.models import DailyFigure, Listing, ListingStatus

# Counters outlive a missed flush or two; a flush looks back this many days.
KEEP_DAYS = 3
_TIMEOUT = (KEEP_DAYS + 1) * 24 * 3600
_LOCK = "ads:flush-lock"


def _key(listing_id: int, day: date) -> str:
    return f"ads:imp:{day:%Y%m%d}:{listing_id}"


def count_impressions(listing_ids: list[int]) -> None:
    """Add one impression to each listing for today, in the cache only."""
    day = timezone.localdate()
    for listing_id in listing_ids:
        key = _key(listing_id, day)
        # One round trip per shown ad: the key exists for every view after a day's first.
        try:
            cache.incr(key)
        except ValueError:
            # The day's first view (or an evicted key). If another process created it in
            # between, add() declines and this view is added to theirs.
            if not cache.add(key, 1, _TIMEOUT):
                cache.incr(key)


def _add_figures(listing_id: int, day: date, *, impressions: int = 0, clicks: int = 0) -> None:
    figure, created = DailyFigure.objects.get_or_create(
        listing_id=listing_id,
        day=day,
        defaults={"impressions": impressions, "clicks": clicks},
    )
    if not created:
        DailyFigure.objects.filter(pk=figure.pk).update(
            impressions=F("impressions") + impressions, clicks=F("clicks") + clicks
        )


def count_click(listing: Listing) -> None:
    """Clicks are rare and worth more than impressions: each goes straight to the database."""
    with transaction.atomic():
        _add_figures(listing.pk, timezone.localdate(), clicks=1)


def flush_impressions(listing_ids: list[int] | None = None) -> int:
    """Move cached impression counts into DailyFigure in three queries; returns how many."""
    if listing_ids is None:
        # Only listings that have been shown can have counts: approved now, or paused since.
        listing_ids = list(
            Listing.objects.originals()
            .filter(status__in=[ListingStatus.APPROVED, ListingStatus.PAUSED])
            .values_list("pk", flat=True)
        )
    if not listing_ids or not cache.add(_LOCK, 1, 60):
        # Nothing to do, or another flush is running and its counts arrive shortly.
        return 0
    try:
        today = timezone.localdate()
        days = [today - timedelta(days=back) for back in range(KEEP_DAYS)]
        keys = {_key(pk, day): (pk, day) for pk in listing_ids for day in days}
        counts = {keys[key]: n for key, n in cache.get_many(list(keys)).items() if n}
        if counts:
            _save(counts)
            # Subtract what was saved, so views counted meanwhile stay in the cache.
            for (pk, day), n in counts.items():
                # ValueError: the key expired meanwhile, so nothing is left to double-count.
                with suppress(ValueError):
                    cache.decr(_key(pk, day), n)
        return sum(counts.values())
    finally:
        cache.delete(_LOCK)


@transaction.atomic
def _save(counts: dict[tuple[int, date], int]) -> None:
    """Add counts to their rows: create missing rows, then one UPDATE for all of them."""
    DailyFigure.objects.bulk_create(
        [DailyFigure(listing_id=pk, day=day) for pk, day in counts],
        ignore_conflicts=True,
    )
    match = Q()
    for pk, day in counts:
        match |= Q(listing_id=pk, day=day)
    added = Case(
        *(When(listing_id=pk, day=day, then=Value(n)) for (pk, day), n in counts.items()),
        default=Value(0),
    )
    DailyFigure.objects.filter(match).update(impressions=F("impressions") + added)
