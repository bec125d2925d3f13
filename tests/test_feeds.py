"""Feeds give feed readers the published stories, whole titles, summaries and authors."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Status
from tests.conftest import make_article, make_section, make_zone

pytestmark = pytest.mark.django_db

DC = "{http://purl.org/dc/elements/1.1/}"


def items(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    return channel, channel.findall("item")


def test_it_lists_the_latest_published_stories_with_their_details(client, settings):
    settings.SITE_URL = "https://news.example.cn"
    article = make_article(
        "银川高新区：获自治区效能目标管理考核优秀",
        lead="银川高新区获评“优秀”等次。",
        author="赵旭",
        tags=["效能目标"],
    )
    channel, entries = items(client.get(reverse("news:feed")))
    assert channel.findtext("language") == "zh-cn"
    (entry,) = entries
    assert entry.findtext("title") == "银川高新区：获自治区效能目标管理考核优秀"
    assert entry.findtext("description") == "银川高新区获评“优秀”等次。"
    assert entry.findtext(f"{DC}creator") == "赵旭"
    assert entry.findtext("link") == f"https://news.example.cn/article/{article.pk}/"
    assert {c.text for c in entry.findall("category")} == {"党建在高新", "效能目标"}


def test_it_leaves_out_what_readers_may_not_see(client):
    make_article("已发布")
    make_article("草稿", status=Status.DRAFT)
    make_article("待审", status=Status.REVIEW)
    make_article("已撤稿", status=Status.UNPUBLISHED, publish_at=timezone.now())
    make_article("排期", publish_at=timezone.now() + timedelta(hours=1))
    _, entries = items(client.get(reverse("news:feed")))
    assert [entry.findtext("title") for entry in entries] == ["已发布"]


def test_column_zone_and_tag_feeds_hold_only_their_own_stories(client):
    zone = make_zone("宝鸡高新区", "baoji")
    briefs = make_section("简讯", "jianxun")
    make_article("宝鸡党建", zones=[zone], tags=["党建"])
    make_article("银川简讯", section=briefs)
    feeds = {
        reverse("news:section_feed", args=["jianxun"]): ["银川简讯"],
        reverse("news:zone_feed", args=["baoji"]): ["宝鸡党建"],
        reverse("news:tag_feed", args=["党建"]): ["宝鸡党建"],
    }
    for url, expected in feeds.items():
        _, entries = items(client.get(url))
        assert [entry.findtext("title") for entry in entries] == expected, url


def test_a_feed_for_an_unknown_column_is_not_found(client):
    assert client.get(reverse("news:section_feed", args=["nope"])).status_code == 404


def test_pages_advertise_their_feeds(client):
    zone = make_zone("宝鸡高新区", "baoji")
    article = make_article("宝鸡党建", zones=[zone], tags=["党建"])
    pages = {
        reverse("home"): reverse("news:feed"),
        article.section.get_absolute_url(): reverse("news:section_feed", args=["dangjian"]),
        zone.get_absolute_url(): reverse("news:zone_feed", args=["baoji"]),
        reverse("news:tag", args=["党建"]): reverse("news:tag_feed", args=["党建"]),
    }
    for page, feed in pages.items():
        html = client.get(page).content.decode()
        assert '<link rel="alternate" type="application/rss+xml"' in html, page
        assert f'href="{feed}"' in html, page


@pytest.mark.parametrize("count", [1, 30])
def test_a_feed_costs_the_same_however_many_stories(client, django_assert_max_num_queries, count):
    """Bylines, columns and tags of every item are prefetched, not read once per item."""
    zone = make_zone()
    for n in range(count):
        make_article(f"稿件{n}", zones=[zone], tags=["党建", "新业态"])
    with django_assert_max_num_queries(5):
        _, entries = items(client.get(reverse("news:zone_feed", args=["baoji"])))
    assert len(entries) == count


@pytest.mark.parametrize("count", [1, 6])
def test_items_carry_their_lead_photo_at_a_flat_cost(
    client, settings, django_assert_max_num_queries, count
):
    """The lead photo and its renditions come with the items, not one query per item."""
    from tests.photo_helpers import image_bytes, make_photo

    settings.SITE_URL = "https://news.example.cn"
    for n in range(count):
        photo = make_photo(caption=f"图说{n}", data=image_bytes(1200, 800))
        make_article(f"图片新闻{n}", kind="photo", lead_photo=photo)
    with django_assert_max_num_queries(5):
        _, entries = items(client.get(reverse("news:feed")))
    for entry in entries:
        enclosure = entry.find("enclosure")
        assert enclosure.get("url").startswith("https://news.example.cn/media/")
        assert enclosure.get("type") == "image/jpeg"
        assert int(enclosure.get("length")) > 0
