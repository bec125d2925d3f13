"""Impressions are counted in the cache, not the database, and reach the figures in batches."""

from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ads.counters import count_impressions, flush_impressions
from ads.models import DailyFigure, Placement
from tests.ads_helpers import make_listing

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def banner(advertiser):
    return make_listing(advertiser, "横幅广告", placement=Placement.HOME_BANNER)


def _impressions(listing):
    figure = DailyFigure.objects.filter(listing=listing, day=timezone.localdate()).first()
    return figure.impressions if figure else 0


def test_it_writes_nothing_to_the_database_per_page_view(client, banner):
    client.get(reverse("home"))  # sessions and the like settle on the first request
    with CaptureQueriesContext(connection) as captured:
        for _ in range(5):
            client.get(reverse("home"))
    writes = [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().startswith(WRITES)]
    assert writes == []
    assert not DailyFigure.objects.exists()


def test_it_moves_cached_counts_into_the_daily_figures(client, banner):
    for _ in range(3):
        client.get(reverse("home"))
    call_command("flush_ad_counts", stdout=StringIO())
    assert _impressions(banner) == 3


def test_it_does_not_count_twice_when_flushed_again(banner):
    count_impressions([banner.pk, banner.pk])
    flush_impressions()
    flush_impressions()
    assert _impressions(banner) == 2


def test_it_keeps_views_counted_between_flushes(banner):
    count_impressions([banner.pk])
    flush_impressions()
    count_impressions([banner.pk])
    count_impressions([banner.pk])
    flush_impressions()
    assert _impressions(banner) == 3


def test_it_shows_the_advertiser_figures_up_to_the_last_view(client, banner):
    for _ in range(4):
        client.get(reverse("home"))
    client.login(username="alice", password="pw-for-tests")
    response = client.get(reverse("ads:listing_figures", args=[banner.pk]))
    assert response.status_code == 200
    assert "累计展示 4 次，点击 0 次" in response.text
