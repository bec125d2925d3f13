"""Readers see every photo with its caption, then its credit, on every page that shows it."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from news.models import ArticlePhoto, Kind, Status
from portal.management.commands.load_demo import install_fixture_media
from tests.conftest import make_article
from tests.photo_helpers import make_photo

CREDIT = "图片来源:杨凌示范区"
CAPTION = "图为陕西荣华农业科技有限公司工作人员进行花检作业。"
TEXT = (
    "连日来,杨凌示范区企业陕西荣华农业科技有限公司工作人员穿梭在汉中“秦优1618”油菜制种基地的"
    "花海里进行花检作业。据了解,该品种不仅“高产、高油,强抗倒、宜机收”,更重要的是耐盐碱,"
    "为陕西省黄河盐碱地再添致富新品种。"
)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def yangling(db, media_root):
    """The newspaper page with its photo story, as `make run` loads them."""
    call_command("loaddata", "fixtures/newspaper_page.json", "fixtures/photos.json", verbosity=0)
    install_fixture_media(settings.BASE_DIR / "fixtures" / "media")


def _figures(html: str) -> list[str]:
    return re.findall(r'<figure class="photo">.*?</figure>', html, flags=re.S)


def _assert_caption_then_credit(html: str, caption: str, credit: str) -> None:
    figure = next(f for f in _figures(html) if caption in f)
    img, said, by = figure.index("<img"), figure.index(caption), figure.index(credit)
    assert img < said < by, "the caption, then the credit, under the picture"
    assert "<figcaption>" in figure[img:said]


@pytest.mark.parametrize(
    "url",
    [
        reverse("news:article", args=[3]),
        reverse("news:section", args=["dangjian"]),
        reverse("home"),
        reverse("news:photos"),
        reverse("news:zone", args=["yangling"]),
    ],
    ids=["article", "column", "front", "photos", "zone"],
)
def test_the_yangling_photo_story_shows_its_caption_then_its_credit(client, yangling, url):
    html = client.get(url).content.decode()
    _assert_caption_then_credit(html, CAPTION, CREDIT)
    assert "“秦优1618”油菜制种基地花检忙" in html
    if url != reverse("news:photos"):
        # The photo page is a gallery; everywhere else the story's text is printed whole.
        assert TEXT in html
    figure = next(f for f in _figures(html) if CAPTION in f)
    assert 'alt="金黄的油菜花田' in figure
    assert 'type="image/webp"' in figure and "-640w.webp 640w" in figure
    assert re.search(r'<img [^>]*width="\d+" height="\d+"', figure)


def test_no_photo_shows_without_its_credit(client, yangling):
    for url in ["/", reverse("news:photos"), reverse("news:article", args=[3])]:
        html = client.get(url).content.decode()
        assert len(_figures(html)) == html.count('class="photo-credit"') >= 1


def test_the_photo_at_the_top_loads_at_once_and_photos_further_down_lazily(client, db):
    photo = make_photo()
    lead = make_article(kind=Kind.FEATURE, lead_photo=photo, is_headline=True)
    make_article(kind=Kind.PHOTO, lead_photo=photo)
    html = client.get("/").content.decode()
    first, second = _figures(html)
    assert 'fetchpriority="high"' in first and 'loading="lazy"' not in first
    assert 'loading="lazy"' in second
    assert 'loading="lazy"' not in _figures(client.get(lead.get_absolute_url()).content.decode())[0]


def test_the_nav_links_to_the_photo_stories(client, db):
    html = client.get("/").content.decode()
    assert f'<a href="{reverse("news:photos")}">图片新闻</a>' in html


def test_the_photo_page_lists_published_photo_stories_newest_first(client, db):
    photo = make_photo()
    now = timezone.now()
    older = make_article(
        "较早的图片新闻", kind=Kind.PHOTO, lead_photo=photo, publish_at=now - timedelta(days=2)
    )
    newer = make_article(
        "较新的图片新闻", kind=Kind.PHOTO, lead_photo=photo, publish_at=now - timedelta(days=1)
    )
    make_article("草稿图片新闻", kind=Kind.PHOTO, lead_photo=photo, status=Status.DRAFT)
    make_article(
        "排期图片新闻", kind=Kind.PHOTO, lead_photo=photo, publish_at=now + timedelta(days=1)
    )
    make_article("有题图的通讯", kind=Kind.FEATURE, lead_photo=photo)

    page = client.get(reverse("news:photos")).content.decode()
    # The list itself, not the 最新 list beside it, which holds every kind of story.
    html = page.split('<aside class="sidebar"')[0]
    assert html.index(newer.title) < html.index(older.title)
    for hidden in ["草稿图片新闻", "排期图片新闻", "有题图的通讯"]:
        assert hidden not in html


def test_the_photo_page_is_paginated(client, db):
    photo = make_photo()
    for n in range(13):
        make_article(f"图片新闻{n:02d}", kind=Kind.PHOTO, lead_photo=photo)
    first = client.get(reverse("news:photos")).content.decode()
    second = client.get(reverse("news:photos"), {"page": 2}).content.decode()
    assert len(_figures(first)) == 12 and len(_figures(second)) == 1
    assert 'rel="next"' in first and "第 2 页" in second and 'rel="next"' not in second


def test_body_photos_are_placed_after_the_chosen_paragraph(client, db):
    article = make_article(body="<p>第一段</p><h2>小标题</h2><p>第二段</p>")
    for after, caption in [(1, "第一段后的图"), (None, "文末的图"), (0, "正文前的图")]:
        ArticlePhoto.objects.create(
            article=article,
            photo=make_photo(caption=caption, credit=f"{caption}来源"),
            after_paragraph=after,
        )
    html = client.get(article.get_absolute_url()).content.decode()
    html = html[html.index('class="story-body"') :]
    order = ["正文前的图", "第一段", "第一段后的图", "小标题", "第二段", "文末的图"]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    for caption in ["正文前的图", "第一段后的图", "文末的图"]:
        _assert_caption_then_credit(html, caption, f"{caption}来源")


def test_a_photo_without_renditions_yet_shows_its_cleaned_original(client, db):
    photo = make_photo(caption="尚未生成尺寸版本的图")
    photo.renditions.all().delete()
    article = make_article(lead_photo=photo)
    figure = _figures(client.get(article.get_absolute_url()).content.decode())[0]
    assert f'src="{photo.image.url}"' in figure and "srcset" not in figure
    _assert_caption_then_credit(figure, "尚未生成尺寸版本的图", photo.credit)
