"""An ad link in capitals clicks through; /zones/ has an explicit order."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from news.models import Zone
from tests.ads_helpers import listing_post_data, make_listing
from tests.conftest import make_zone

pytestmark = pytest.mark.django_db


def test_a_link_with_a_capital_scheme_clicks_through(client, advertiser):
    listing = make_listing(advertiser, link="HTTPS://www.hzzk.gov.cn/zsyz/")
    response = client.get(reverse("ads:click", args=[listing.pk]))
    assert response.status_code == 302
    assert response["Location"] == "https://www.hzzk.gov.cn/zsyz/"


def test_the_form_stores_a_capital_scheme_lowercased(client, advertiser):
    client.force_login(advertiser.members.get().user)
    client.post(reverse("ads:listing_create"), listing_post_data(link="HTTP://www.hzzk.gov.cn/"))
    assert advertiser.listings.get().link == "http://www.hzzk.gov.cn/"


def test_zones_are_listed_in_name_order_by_the_query_itself(client):
    for name, slug in [("西安高新区", "xian"), ("宝鸡高新区", "baoji"), ("杨凌示范区", "yangling")]:
        make_zone(name, slug)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("news:zones")).content.decode()
    zone_query = next(q["sql"] for q in queries if "news_zone" in q["sql"] and "COUNT" in q["sql"])
    assert "ORDER BY" in zone_query
    names = list(Zone.objects.order_by("name").values_list("name", flat=True))
    positions = [page.index(name) for name in names]
    assert positions == sorted(positions)
