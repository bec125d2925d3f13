"""数字报 reader pages: what readers see, and that nothing unpublished reaches them anywhere."""

import json
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ads.models import ListingStatus
from news.models import Status
from tests.ads_helpers import make_advertiser, make_listing
from tests.conftest import make_article
from tests.epaper_helpers import make_edition, make_page, make_region

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def edition():
    """2024年3月28日: 第1版 with two stories, 第2版 with none."""
    edition = make_edition(date(2024, 3, 28))
    first = make_page(edition, 1, "党建在高新")
    make_page(edition, 2, "园区动态")
    make_region(first, article=make_article("党建激发新业态新就业群体新动能"), position=1)
    make_region(first, article=make_article("银川高新区获评优秀"), position=2, y=0.5)
    return edition


def _page_urls(edition, number=1):
    return [
        reverse("epaper:edition", args=[edition.date]),
        reverse("epaper:page", args=[edition.date, number]),
        reverse("epaper:page_pdf", args=[edition.date, number]),
        reverse("epaper:page_image", args=[edition.date, number, 320]),
    ]


def test_it_opens_the_latest_published_edition(client, edition):
    make_edition(date(2024, 3, 20))
    make_edition(date(2024, 3, 29), published=False)
    response = client.get(reverse("epaper:latest"))
    assert response.status_code == 302
    assert response["Location"] == "/epaper/2024-03-28/"


def test_an_edition_page_shows_image_stories_pages_and_pdf(client, edition):
    response = client.get(edition.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "第1版 党建在高新" in html
    assert "第2版 园区动态" in html
    assert 'srcset="/epaper/2024-03-28/1/320.jpg 320w' in html
    assert "/epaper/2024-03-28/1/page.pdf" in html
    # Regions are links named after their story, in reading order, and so is the story list.
    names = re.findall(r'<a href="/article/\d+/" aria-label="([^"]+)">', html)
    assert names == ["党建激发新业态新就业群体新动能", "银川高新区获评优秀"]
    stories = html[html.index('class="ep-stories"') :]
    assert stories.index("党建激发") < stories.index("银川高新区获评优秀")
    # No inline script or style: a CSP without 'unsafe-inline' is in force.
    assert "style=" not in html
    assert re.search(r"<script(?![^>]*(src=|application/ld\+json))", html) is None


def test_the_edition_page_carries_publication_issue_json_ld(client, edition):
    html = client.get(edition.get_absolute_url()).content.decode()
    payload = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(payload.group(1))
    assert data["@type"] == "PublicationIssue"
    assert data["issueNumber"] == str(edition.total_number)
    assert data["datePublished"] == "2024-03-28"
    assert [part["name"] for part in data["hasPart"]] == ["第1版 党建在高新", "第2版 园区动态"]


def test_previous_and_next_page_and_edition(client, edition):
    make_edition(date(2024, 3, 27))
    make_edition(date(2024, 3, 29), published=False)
    html = client.get(reverse("epaper:page", args=[edition.date, 1])).content.decode()
    assert 'href="/epaper/2024-03-28/2/" rel="next"' in html
    assert "上一期 3月27日" in html
    assert "下一期" not in html
    html = client.get(reverse("epaper:page", args=[edition.date, 2])).content.decode()
    assert 'href="/epaper/2024-03-28/1/" rel="prev"' in html


def test_the_pdf_and_images_are_served_for_a_published_edition(client, edition):
    pdf = client.get(reverse("epaper:page_pdf", args=[edition.date, 1]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
    image = client.get(reverse("epaper:page_image", args=[edition.date, 1, 640]))
    assert image.status_code == 200
    assert image["Content-Type"] == "image/jpeg"
    assert client.get(reverse("epaper:page_image", args=[edition.date, 1, 641])).status_code == 404


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_an_unpublished_edition_is_404_on_every_route(client, state):
    edition = make_edition(
        date(2024, 4, 1),
        published=state == "scheduled",
        publish_at=timezone.now() + timedelta(days=1) if state == "scheduled" else None,
    )
    make_page(edition)
    for url in _page_urls(edition):
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("epaper:latest")).status_code == 404
    go = client.get(reverse("epaper:go"), {"date": "2024-04-01"})
    assert go.status_code == 404
    assert "没有出版" in go.content.decode()
    for section in ("epaper-editions", "epaper-pages"):
        xml = client.get(reverse("sitemap", args=[section])).content.decode()
        assert "2024-04-01" not in xml
    assert "2024-04-01" not in client.get(reverse("epaper:editions")).content.decode()


def test_an_unpublished_edition_hides_the_printed_in_line(client):
    article = make_article("草稿期次上的稿件")
    draft = make_edition(date(2024, 4, 1), published=False)
    make_region(make_page(draft), article=article)
    assert "刊于" not in client.get(article.get_absolute_url()).content.decode()


def test_an_editor_previews_a_draft_edition_uncached(client, editor):
    edition = make_edition(date(2024, 4, 1), published=False)
    make_page(edition)
    client.force_login(editor)
    for url in _page_urls(edition):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"]
    assert "预览" in client.get(_page_urls(edition)[0]).content.decode()


def test_region_links_point_at_published_stories_and_live_ads_only(client):
    edition = make_edition(date(2024, 3, 28))
    page = make_page(edition)
    make_region(page, article=make_article("已发布的稿件"), position=1)
    make_region(page, article=make_article("草稿稿件", status=Status.DRAFT), position=2)
    make_region(
        page,
        article=make_article("排期稿件", publish_at=timezone.now() + timedelta(hours=3)),
        position=3,
    )
    advertiser = make_advertiser("惠州仲恺高新技术产业开发区管理委员会")
    make_region(page, listing=make_listing(advertiser, headline="惠州仲恺高新区欢迎您"))
    make_region(
        page,
        listing=make_listing(advertiser, headline="待审广告", status=ListingStatus.REVIEW),
    )
    html = client.get(edition.get_absolute_url()).content.decode()
    assert "已发布的稿件" in html
    assert "广告：惠州仲恺高新区欢迎您" in html
    for hidden in ("草稿稿件", "排期稿件", "待审广告"):
        assert hidden not in html


def test_a_story_says_where_it_was_printed(client, edition):
    article = edition.pages.get(number=1).regions.first().article
    html = client.get(article.get_absolute_url()).content.decode()
    assert "刊于" in html
    assert '<a href="/epaper/2024-03-28/1/">《高新区报》2024年3月28日 第1版</a>' in html


def test_the_date_picker_opens_that_days_edition(client, edition):
    response = client.get(reverse("epaper:go"), {"date": "2024-03-28"})
    assert response.status_code == 302
    assert response["Location"] == "/epaper/2024-03-28/"
    missing = client.get(reverse("epaper:go"), {"date": "2024-03-30"})
    assert missing.status_code == 404
    assert "之前最近的一期：2024年3月28日" in missing.content.decode()
    assert client.get(reverse("epaper:go"), {"date": "三月"}).status_code == 400


def test_a_missing_page_or_a_bad_date_is_404(client, edition):
    assert client.get(reverse("epaper:page", args=[edition.date, 9])).status_code == 404
    assert client.get("/epaper/2024-02-30/").status_code == 404


def test_past_editions_are_listed_newest_first(client, edition):
    make_edition(date(2024, 3, 27))
    response = client.get(reverse("epaper:editions"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("2024年3月28日") < html.index("2024年3月27日")
    assert "第" in html and "总第" in html


def test_an_image_named_pdf_is_judged_by_its_content():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from epaper.uploads import read_page_upload
    from tests.photo_helpers import image_bytes

    upload = read_page_upload(SimpleUploadedFile("page.pdf", image_bytes(700, 1000)))
    assert upload.pdf is None
    assert upload.image.size == (700, 1000)


def test_the_menu_links_to_the_epaper(client, edition):
    assert 'href="/epaper/">数字报</a>' in client.get("/").content.decode()


def test_sitemaps_list_published_editions_and_pages(client, edition):
    index = client.get(reverse("sitemap_index")).content.decode()
    assert "sitemap-epaper-editions.xml" in index
    editions = client.get(reverse("sitemap", args=["epaper-editions"])).content.decode()
    assert "/epaper/2024-03-28/</loc>" in editions
    pages = client.get(reverse("sitemap", args=["epaper-pages"])).content.decode()
    # The first page's address is the edition's, listed above.
    assert "/epaper/2024-03-28/1/</loc>" not in pages
    assert "/epaper/2024-03-28/2/</loc>" in pages


def test_publishing_an_edition_refreshes_cached_story_pages(client, settings):
    from epaper import services

    settings.PAGE_CACHE_SECONDS = 600
    article = make_article("先上网后见报的稿件")
    edition = make_edition(date(2024, 3, 28), published=False)
    make_region(make_page(edition), article=article)
    assert "刊于" not in client.get(article.get_absolute_url()).content.decode()
    services.edition_publish(edition=edition)
    assert "刊于" in client.get(article.get_absolute_url()).content.decode()
