"""Ad slots and the directory cost a fixed number of queries however many ads are live."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from ads.counters import count_impressions
from ads.models import Listing, Placement
from tests.ads_helpers import make_listing
from tests.conftest import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def _fill(advertiser, count):
    for n in range(count):
        for placement in Placement.values:
            make_listing(advertiser, f"{placement}广告{n}", placement=placement, contacts=2)


def _queries(client, url, django_assert_max_num_queries, budget):
    with django_assert_max_num_queries(budget) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("count", [1, 8])
def test_it_keeps_the_front_page_budget(client, advertiser, django_assert_max_num_queries, count):
    """Each slot loads its ads, their advertisers and contacts at once: no query per ad."""
    _fill(advertiser, count)
    make_article()
    # The front page's own 6 queries, plus 2 per slot: listings with advertisers, contacts.
    _queries(client, reverse("home"), django_assert_max_num_queries, 14)


@pytest.mark.parametrize("count", [1, 8])
def test_it_keeps_the_article_page_budget(client, advertiser, django_assert_max_num_queries, count):
    """The slot at the foot of an article adds two queries, not two per ad or per contact."""
    _fill(advertiser, count)
    article = make_article()
    # 1 of them for the 数字报 page that printed the story (刊于…第N版), 2 for the 最新 and 热门
    # lists beside the story.
    _queries(client, article.get_absolute_url(), django_assert_max_num_queries, 13)


@pytest.mark.parametrize("count", [1, 8])
def test_it_keeps_the_directory_budget(client, advertiser, django_assert_max_num_queries, count):
    """The directory fetches each listing's advertiser with it, not once per row."""
    _fill(advertiser, count)
    _queries(client, reverse("ads:directory"), django_assert_max_num_queries, 5)


@pytest.mark.parametrize("count", [1, 8])
def test_it_keeps_the_advertisers_list_budget(
    client, advertiser, django_assert_max_num_queries, count
):
    """The advertiser's list fetches revisions and totals with the listings, not per row."""
    _fill(advertiser, count)
    # Views counted since the last flush are saved on the way: a fixed 4 queries, not per ad.
    count_impressions(list(Listing.objects.values_list("pk", flat=True)))
    client.login(username="alice", password="pw-for-tests")
    _queries(client, reverse("ads:dashboard"), django_assert_max_num_queries, 11)
