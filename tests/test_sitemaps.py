"""Crawlers find every published page through robots.txt and the sitemaps, and nothing else."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from epaper.models import Page
from news.models import Status
from tests.conftest import make_article, make_section, make_zone
from tests.epaper_helpers import make_edition

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
SITE = "https://news.example.cn"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def locations(response):
    return [url.findtext(f"{SM}loc") for url in parse(response).findall(f"{SM}url")]


def test_robots_txt_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert f"Sitemap: {SITE}/sitemap.xml" in response.content.decode().splitlines()
    assert "Disallow: /advertisers/go/" in response.content.decode().splitlines()


def test_the_index_covers_articles_columns_zones_tags_and_news(client):
    make_article("党建", tags=["党建"], zones=[make_zone()], publish_at=timezone.now())
    edition = make_edition()
    for number in (1, 2):
        Page.objects.create(edition=edition, number=number, name=f"第{number}版")
    root = parse(client.get(reverse("sitemap_index")))
    entries = {s.findtext(f"{SM}loc"): s.findtext(f"{SM}lastmod") for s in root}
    assert set(entries) == {
        f"{SITE}/sitemap-articles.xml",
        f"{SITE}/sitemap-sections.xml",
        f"{SITE}/sitemap-zones.xml",
        f"{SITE}/sitemap-tags.xml",
        f"{SITE}/sitemap-news.xml",
        f"{SITE}/sitemap-epaper-editions.xml",
        f"{SITE}/sitemap-epaper-pages.xml",
    }
    assert all(entries.values()), "every sitemap says when it last changed"


def test_the_article_sitemap_lists_only_published_articles_with_lastmod(client):
    live = make_article("已发布")
    make_article("草稿", status=Status.DRAFT)
    make_article("已撤稿", status=Status.UNPUBLISHED, publish_at=timezone.now())
    make_article("排期", publish_at=timezone.now() + timedelta(hours=1))
    root = parse(client.get(reverse("sitemap", args=["articles"])))
    (url,) = root.findall(f"{SM}url")
    assert url.findtext(f"{SM}loc") == f"{SITE}{live.get_absolute_url()}"
    assert url.findtext(f"{SM}lastmod")


def test_listing_sitemaps_hold_only_pages_with_published_stories(client):
    baoji, yinchuan = make_zone("宝鸡高新区", "baoji"), make_zone("银川高新区", "yinchuan")
    make_article("宝鸡党建", zones=[baoji], tags=["党建"])
    make_article("银川草稿", zones=[yinchuan], tags=["草稿标签"], status=Status.DRAFT,
                 section=make_section("简讯", "jianxun"))  # fmt: skip
    assert locations(client.get(reverse("sitemap", args=["sections"]))) == [
        f"{SITE}/section/dangjian/"
    ]
    assert locations(client.get(reverse("sitemap", args=["zones"]))) == [f"{SITE}/zones/baoji/"]
    assert locations(client.get(reverse("sitemap", args=["tags"]))) == [
        f"{SITE}/tags/%E5%85%9A%E5%BB%BA/"
    ]


def test_the_news_sitemap_holds_only_the_last_two_days(client, settings):
    now = timezone.now()
    fresh = make_article("今日新闻", publish_at=now - timedelta(hours=3))
    make_article("前天新闻", publish_at=now - timedelta(days=2, hours=1))
    make_article("排期新闻", publish_at=now + timedelta(hours=3))
    make_article("草稿新闻", status=Status.DRAFT)
    root = parse(client.get(reverse("sitemap_news")))
    (url,) = root.findall(f"{SM}url")
    assert url.findtext(f"{SM}loc") == f"{SITE}{fresh.get_absolute_url()}"
    news = url.find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}title") == "今日新闻"
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == settings.SITE_NAME
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "zh-cn"
    assert news.findtext(f"{NEWS}publication_date").startswith(
        timezone.localtime(fresh.publish_at).date().isoformat()
    )


@pytest.mark.parametrize("count", [1, 30])
def test_sitemaps_cost_the_same_however_many_articles(client, django_assert_max_num_queries, count):
    """Each sitemap is one aggregate or list query, never a query per listed page."""
    zone = make_zone()
    for n in range(count):
        make_article(f"稿件{n}", zones=[zone], tags=[f"标签{n}"])
    for section in ("articles", "sections", "zones", "tags"):
        with django_assert_max_num_queries(3):
            client.get(reverse("sitemap", args=[section]))
    # 2 for each of the two 数字报 sitemaps (tests/test_epaper_queries.py fills them).
    with django_assert_max_num_queries(16):
        client.get(reverse("sitemap_index"))
