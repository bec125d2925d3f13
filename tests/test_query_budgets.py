"""Each reader page costs a fixed number of queries, however many stories it lists.

A budget that held for 1 article but broke for 30 would mean an N+1: bylines, sections,
zones or tags fetched once per story instead of once per page.
"""

import pytest
from django.urls import reverse

from tests.conftest import make_article, make_section, make_zone

pytestmark = pytest.mark.django_db

# Measured: menu 1, object 1, the page's ids 1, page 1, bylines 1, and 1 for when the next
# scheduled story is due (a page going into the page cache expires then); the home page's
# columns cost one query each on SQLite (one UNION on PostgreSQL), here two; each ad slot
# costs up to 2 (tests/test_ads_queries.py holds those with many ads); the article's related
# stories cost up to 3 (by shared tags, then the newest of its column); the 最新 and 热门
# lists beside stories and lists cost 2 (news/popularity.py).
BUDGETS = {
    "home": 14,
    "section": 8,
    "zone": 8,
    "tag": 8,
    "zones": 3,
    "article": 13,  # 12, and 1 for the 数字报 page that printed it (刊于…第N版)
}


def fill(n):
    zone = make_zone()
    sections = [make_section(), make_section("园区动态", "yuanqu")]
    articles = []
    for i in range(n):
        articles.append(
            make_article(
                f"预算稿件{i}",
                section=sections[i % 2],
                zones=[zone],
                tags=["新业态", f"标签{i}"],
                kind="brief" if i % 3 == 0 else "feature",
                author=f"作者{i}",
            )
        )
    return articles


def urls(articles):
    return {
        "home": "/",
        "section": reverse("news:section", args=["dangjian"]),
        "zone": reverse("news:zone", args=["baoji"]),
        "tag": reverse("news:tag", args=["新业态"]),
        "zones": reverse("news:zones"),
        "article": articles[0].get_absolute_url(),
    }


@pytest.mark.parametrize("n", [1, 30])
@pytest.mark.parametrize("page", sorted(BUDGETS))
def test_reader_pages_stay_within_their_query_budget(
    client, django_assert_max_num_queries, n, page
):
    articles = fill(n)
    url = urls(articles)[page]
    with django_assert_max_num_queries(BUDGETS[page]):
        response = client.get(url)
    assert response.status_code == 200
