"""Readers see a listing only while it is live, and every ad they see is labelled 广告."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ads.models import ListingStatus, Placement
from tests.ads_helpers import make_listing
from tests.conftest import make_article

pytestmark = pytest.mark.django_db


def _home(client):
    return client.get(reverse("home")).text


def test_it_shows_a_live_listing_on_the_front_page(client, advertiser):
    make_listing(advertiser, "惠州仲恺高新区欢迎您")
    assert "惠州仲恺高新区欢迎您" in _home(client)


@pytest.mark.parametrize(
    "status",
    [ListingStatus.DRAFT, ListingStatus.REVIEW, ListingStatus.REJECTED, ListingStatus.PAUSED],
)
def test_it_hides_a_listing_that_is_not_approved(client, advertiser, status):
    make_listing(advertiser, "不该出现的广告", status=status)
    assert "不该出现的广告" not in _home(client)


def test_it_hides_a_listing_before_its_first_day(client, advertiser):
    today = timezone.localdate()
    make_listing(
        advertiser,
        "明天开始的广告",
        first_day=today + timedelta(days=1),
        last_day=today + timedelta(days=5),
    )
    assert "明天开始的广告" not in _home(client)


def test_it_hides_a_listing_after_its_last_day(client, advertiser):
    today = timezone.localdate()
    make_listing(
        advertiser,
        "昨天结束的广告",
        first_day=today - timedelta(days=5),
        last_day=today - timedelta(days=1),
    )
    assert "昨天结束的广告" not in _home(client)


def test_it_shows_a_listing_on_its_last_day(client, advertiser):
    today = timezone.localdate()
    make_listing(advertiser, "今天结束的广告", first_day=today, last_day=today)
    assert "今天结束的广告" in _home(client)


def test_it_hides_the_listings_of_a_suspended_advertiser(client, advertiser):
    make_listing(advertiser, "停用广告主的广告")
    advertiser.is_active = False
    advertiser.save()
    assert "停用广告主的广告" not in _home(client)


def test_it_hides_a_listing_from_the_directory_when_not_live(client, advertiser):
    listing = make_listing(advertiser, "暂停的广告", status=ListingStatus.PAUSED)
    assert "暂停的广告" not in client.get(reverse("ads:directory")).text
    assert client.get(listing.get_absolute_url()).status_code == 404


def test_it_labels_every_ad_on_the_public_pages(client, advertiser):
    for n in range(2):
        make_listing(advertiser, f"横幅广告{n}", placement=Placement.HOME_BANNER)
    for n in range(4):
        make_listing(advertiser, f"侧栏广告{n}", placement=Placement.HOME_SIDEBAR)
    make_listing(advertiser, "文末广告", placement=Placement.ARTICLE_FOOT)
    article = make_article()
    for url in [reverse("home"), article.get_absolute_url()]:
        html = client.get(url).text
        ads = re.findall(r'<aside class="ad [^"]*".*?</aside>', html, re.S)
        assert ads, url
        for ad in ads:
            assert '<p class="ad-label">广告</p>' in ad


def test_it_labels_the_directory_and_its_pages(client, advertiser):
    listing = make_listing(advertiser, "名录里的广告", slogans="鼓足干劲 奋勇向前")
    directory = client.get(reverse("ads:directory")).text
    assert "名录里的广告" in directory
    assert directory.count('<span class="ad-label">广告</span>') == 1
    page = client.get(listing.get_absolute_url()).text
    assert '<p class="ad-label">广告</p>' in page
    assert "鼓足干劲 奋勇向前" in page
    assert "招商组0" in page


def test_it_marks_ad_links_as_sponsored(client, advertiser):
    listing = make_listing(advertiser, "有链接的广告", link="https://www.hzzk.gov.cn/")
    html = _home(client)
    click_url = reverse("ads:click", args=[listing.pk])
    assert f'href="{click_url}" rel="sponsored noopener"' in html
    assert "https://www.hzzk.gov.cn/" not in html
