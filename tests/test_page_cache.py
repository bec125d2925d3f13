"""The readers' page cache: fast for a crowd, never older than the news, never a staff view."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ads import counters
from ads.models import DailyFigure, Placement
from news.models import Status
from news.services import article_publish, article_unpublish
from portal import pagecache
from tests.ads_helpers import make_advertiser, make_listing
from tests.conftest import make_article, make_section

pytestmark = pytest.mark.django_db


def test_a_second_reader_is_served_without_the_database(client, django_assert_num_queries):
    article = make_article("缓存中的稿件")
    first = client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        second = client.get(article.get_absolute_url())
    assert second.status_code == 200
    assert second.content == first.content


def test_a_published_story_is_on_the_front_page_at_once(
    client, editor, django_capture_on_commit_callbacks
):
    make_article("已有的稿件")
    draft = make_article("刚发布的稿件", status=Status.REVIEW)
    assert "刚发布的稿件" not in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        article_publish(article=draft, editor=editor)
    assert "刚发布的稿件" in client.get("/").content.decode()


def test_an_unpublished_story_leaves_at_once(client, editor, django_capture_on_commit_callbacks):
    article = make_article("将被撤下的稿件")
    assert client.get(article.get_absolute_url()).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        article_unpublish(article=article, editor=editor)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "将被撤下的稿件" not in client.get("/").content.decode()


def test_a_change_to_a_live_story_shows_at_once(client, django_capture_on_commit_callbacks):
    article = make_article("原来的标题")
    assert "原来的标题" in client.get(article.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "改过的标题"
        article.save()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "改过的标题" in page and "原来的标题" not in page


def test_a_renamed_column_shows_at_once(client, django_capture_on_commit_callbacks):
    section = make_section("旧栏目名", "lanmu")
    make_article(section=section)
    assert "旧栏目名" in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        section.name = "新栏目名"
        section.save()
    assert "新栏目名" in client.get("/").content.decode()


def test_a_reporters_draft_does_not_empty_the_cache(client, reporter):
    make_article("已发布的稿件")
    client.get("/")
    before = pagecache.generation()
    make_article("草稿", status=Status.DRAFT).save()
    assert pagecache.generation() == before


def test_a_scheduled_story_appears_at_its_time(client):
    make_article("早已发布的稿件")
    due = timezone.now() + timedelta(seconds=1.5)
    make_article("定时上线的稿件", publish_at=due)
    assert "定时上线的稿件" not in client.get("/").content.decode()
    # Nothing is saved when it comes due: the cached page must expire by itself.
    time.sleep(max((due - timezone.now()).total_seconds(), 0) + 0.2)
    assert "定时上线的稿件" in client.get("/").content.decode()


def test_a_staff_view_is_never_kept_for_readers(client, editor):
    article = make_article("人人可看的稿件")
    client.force_login(editor)
    staff = client.get(article.get_absolute_url())
    assert "no-store" in staff["Cache-Control"] and "private" in staff["Cache-Control"]
    client.logout()
    with CaptureQueriesContext(connection) as rendered:
        reader = client.get(article.get_absolute_url())
    assert reader.status_code == 200
    assert len(rendered), "the reader's page was rendered for them, not taken from staff"


def test_a_conditional_get_is_answered_304_without_a_body(client):
    article = make_article()
    first = client.get(article.get_absolute_url())
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    since = client.get(article.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


@pytest.mark.parametrize("url", ["/feed/", "/sitemap.xml", "/sitemap-articles.xml"])
def test_feeds_and_sitemaps_answer_conditional_gets(client, url):
    make_article()
    first = client.get(url)
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_a_changed_page_is_sent_again_in_full(client, django_capture_on_commit_callbacks):
    article = make_article("第一版")
    etag = client.get(article.get_absolute_url())["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "第二版"
        article.save()
    response = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and "第二版" in response.content.decode()


def test_proxies_may_keep_reader_pages_briefly_but_no_other(client, settings, editor):
    make_article()
    column = client.get(reverse("news:section", args=["dangjian"]))
    assert "public" in column["Cache-Control"]
    assert f"s-maxage={settings.PAGE_CACHE_SHARED_SECONDS}" in column["Cache-Control"]
    # A proxy's copy of a page with ads would show them without counting them.
    front = client.get("/")
    assert "private" in front["Cache-Control"] and "s-maxage" not in front["Cache-Control"]
    for url in (reverse("ads:login"), "/search/?q=党建", reverse("admin:login")):
        assert "private" in client.get(url)["Cache-Control"], url
    client.force_login(editor)
    assert "no-store" in client.get(reverse("admin:index"))["Cache-Control"]


def test_a_cached_page_counts_every_impression_and_rotates_its_ads(client):
    advertiser = make_advertiser("惠州仲恺高新技术产业开发区管理委员会")
    ads = [
        make_listing(advertiser, f"横幅广告{n}", placement=Placement.HOME_BANNER) for n in (1, 2)
    ]
    make_article()
    seen = set()
    for _ in range(20):
        page = client.get("/").content.decode()
        seen |= {ad.headline for ad in ads if ad.headline in page}
    assert seen == {"横幅广告1", "横幅广告2"}, "both ads of the slot are shown"
    counters.flush_impressions()
    shown = sum(DailyFigure.objects.filter(listing__in=ads).values_list("impressions", flat=True))
    assert shown == 20, "one impression per page view, cached or not"


def test_an_approved_ad_shows_at_once_on_a_cached_page(client, django_capture_on_commit_callbacks):
    advertiser = make_advertiser("宝鸡高新区管委会")
    make_article()
    listing = make_listing(advertiser, "新通过的广告", status="review")
    assert "新通过的广告" not in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        listing.status = "approved"
        listing.save()
    assert "新通过的广告" in client.get("/").content.decode()


views_counted = []


def count_view(article_id):
    views_counted.append(article_id)


@pagecache.reader_page
def _counted_view(request):
    pagecache.per_view(request, count_view, 7)
    return HttpResponse("稿件")


def test_a_per_view_hook_runs_on_every_view_cached_or_not():
    views_counted.clear()
    for _ in range(3):
        request = RequestFactory().get("/article/7/")
        request.user = AnonymousUser()
        assert _counted_view(request).status_code == 200
    assert views_counted == [7, 7, 7]


def test_pages_are_rendered_as_usual_when_the_cache_is_down(client, settings):
    make_article("缓存坏了也能看")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens here: every cache call fails at once.
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    cache.close()
    for url in ("/", reverse("news:section", args=["dangjian"])):
        response = client.get(url)
        assert response.status_code == 200 and "缓存坏了也能看" in response.content.decode()


def test_a_browser_revalidating_the_front_page_gets_a_newly_approved_ad(
    client, django_capture_on_commit_callbacks
):
    advertiser = make_advertiser("宝鸡高新区管委会")
    make_article()
    listing = make_listing(advertiser, "刚通过的广告", status="review")
    etag = client.get("/")["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        listing.status = "approved"
        listing.save()
    response = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and "刚通过的广告" in response.content.decode()
