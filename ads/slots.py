"""Ad slots, filled for each view: a random choice of the slot's live ads, each one counted.

The live ads of a slot are rendered once per content generation and day and kept in the
shared cache, so a page served from the page cache fills its slots without the database.
"""

import logging
import random
from datetime import timedelta

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone

from ads import counters
from ads.models import SLOT_SIZE, Listing
from portal import pagecache

logger = logging.getLogger(__name__)


def _live_ads(placement: str) -> list[tuple[int, str]]:
    """(listing id, its HTML) for every live ad of the slot, in two queries however many."""
    listings = Listing.objects.live().filter(placement=placement).for_display().order_by("pk")
    return [
        (listing.pk, render_to_string("ads/includes/ad.html", {"listing": listing}))
        for listing in listings
    ]


def _cached_live_ads(placement: str, gen: int | None) -> list[tuple[int, str]]:
    if gen is None:
        gen = pagecache.generation()
    if gen is None:
        return _live_ads(placement)
    day = timezone.localdate()
    key = f"ads:slot:{gen}:{day:%Y%m%d}:{placement}"
    try:
        ads = cache.get(key)
    except Exception:
        logger.exception("广告位缓存：读取失败")
        return _live_ads(placement)
    if ads is None:
        ads = _live_ads(placement)
        now = timezone.localtime()
        midnight = now.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
        try:
            # The day is in the key too: a listing's first and last days turn at midnight.
            cache.set(key, ads, max(int((midnight - now).total_seconds()), 1))
        except Exception:
            logger.exception("广告位缓存：写入失败")
    return ads


def render_slot(placement: str, gen: int | None = None) -> str:
    """The slot's HTML for one view; random order shares it fairly between advertisers.

    `gen` is the page's content generation when the caller knows it, saving a cache lookup.
    """
    ads = _cached_live_ads(placement, gen)
    shown = random.sample(ads, min(len(ads), SLOT_SIZE[placement]))
    try:
        counters.count_impressions([pk for pk, _ in shown])
    except Exception:
        # The counters' cache is down: the reader still gets the page, the views go uncounted.
        logger.exception("广告位：无法计入展示次数")
    return "".join(html for _, html in shown)
