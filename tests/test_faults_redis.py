"""Redis stopped: every page still answers 200, and readiness names the cache as down."""

import pytest
from django.test import override_settings
from django.urls import reverse

from ads.counters import count_impressions, flush_impressions
from ads.models import Placement
from tests.ads_helpers import make_listing
from tests.conftest import make_article
from tests.fault_helpers import RedisServer, free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_server():
    server = RedisServer(free_port(8142))
    cache_settings = {
        "default": {
            "BACKEND": "portal.cache.DegradingRedisCache",
            "LOCATION": server.url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    with override_settings(CACHES=cache_settings):
        yield server
    server.stop()


@pytest.fixture
def pages(advertiser):
    article = make_article("宝鸡高新区新闻")
    banner = make_listing(advertiser, "横幅广告", placement=Placement.HOME_BANNER)
    return [
        reverse("home"),
        article.get_absolute_url(),
        reverse("ads:dashboard"),
        reverse("ads:listing_figures", args=[banner.pk]),
        reverse("ads:directory"),
    ], banner


def test_it_serves_every_page_with_redis_stopped(client, redis_server, pages, caplog):
    urls, banner = pages
    client.force_login(banner.advertiser.members.get().user)
    client.get(reverse("home"))
    assert client.get(reverse("ready")).status_code == 200

    redis_server.stop()

    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Redis unavailable" in caplog.text


def test_it_reports_the_cache_down_on_readiness_not_liveness(client, redis_server):
    redis_server.stop()

    ready = client.get(reverse("ready"))
    assert ready.status_code == 503
    assert ready.json() == {"status": "unavailable", "down": ["cache"]}
    assert client.get(reverse("health")).status_code == 200


def test_ad_counters_survive_redis_going_and_coming_back(redis_server, advertiser):
    banner = make_listing(advertiser, "横幅广告")
    count_impressions([banner.pk])
    assert flush_impressions([banner.pk]) == 1

    redis_server.stop()
    count_impressions([banner.pk])  # lost, not an error
    assert flush_impressions([banner.pk]) == 0
