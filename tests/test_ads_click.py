"""The click redirect counts the click and can only lead to the listing's own stored link."""

import pytest
from django.urls import reverse
from django.utils import timezone

from ads.models import DailyFigure, ListingStatus
from tests.ads_helpers import make_listing

pytestmark = pytest.mark.django_db

STORED = "https://www.hzzk.gov.cn/zsyz/"


@pytest.fixture
def listing(advertiser):
    return make_listing(advertiser, link=STORED)


def test_it_goes_to_the_stored_link_and_counts_the_click(client, listing):
    response = client.get(reverse("ads:click", args=[listing.pk]))
    assert response.status_code == 302
    assert response["Location"] == STORED
    figure = DailyFigure.objects.get(listing=listing, day=timezone.localdate())
    assert figure.clicks == 1


def test_a_head_request_is_not_counted_as_a_click(client, listing):
    response = client.head(reverse("ads:click", args=[listing.pk]))
    assert response.status_code == 302
    assert not DailyFigure.objects.filter(listing=listing, clicks__gt=0).exists()


@pytest.mark.parametrize(
    "query",
    ["?next=https://evil.example/", "?url=//evil.example", "?to=javascript:alert(1)"],
)
def test_it_ignores_any_other_destination(client, listing, query):
    response = client.get(reverse("ads:click", args=[listing.pk]) + query)
    assert response["Location"] == STORED


def test_it_refuses_a_listing_that_is_not_live(client, advertiser):
    paused = make_listing(advertiser, link=STORED, status=ListingStatus.PAUSED)
    assert client.get(reverse("ads:click", args=[paused.pk])).status_code == 404
    assert not DailyFigure.objects.exists()


def test_it_refuses_a_listing_without_a_link(client, advertiser):
    plain = make_listing(advertiser, link="")
    assert client.get(reverse("ads:click", args=[plain.pk])).status_code == 404


def test_it_refuses_a_stored_link_that_is_not_http(client, advertiser):
    # Written past the form, e.g. from a shell: the redirect still will not follow it.
    odd = make_listing(advertiser, link="javascript:alert(1)")
    assert client.get(reverse("ads:click", args=[odd.pk])).status_code == 404


def test_it_refuses_a_link_that_is_not_http_in_the_form(client, advertiser):
    from tests.ads_helpers import listing_post_data

    client.login(username="alice", password="pw-for-tests")
    response = client.post(
        reverse("ads:listing_create"), listing_post_data(link="javascript:alert(1)")
    )
    assert response.status_code == 400
    assert "请输入以 http:// 或 https:// 开头的完整网址" in response.text
