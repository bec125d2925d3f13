"""The edition page costs the same however many pages and regions it has, and the story page
pays one query for its 刊于 line."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from epaper.models import Page
from tests.conftest import make_article
from tests.epaper_helpers import make_edition, make_page, make_region

pytestmark = pytest.mark.django_db

# Measured: menu 1, edition 1, pages 1, their regions 1, previous and next edition 2.
EDITION_PAGE_BUDGET = 6


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def fill(pages: int, regions_per_page: int):
    make_edition(date(2024, 3, 27))
    edition = make_edition(date(2024, 3, 28))
    make_edition(date(2024, 3, 29))
    for number in range(1, pages + 1):
        page = make_page(edition, number, f"第{number}版名")
        for i in range(regions_per_page):
            make_region(page, article=make_article(f"稿件{number}-{i}"), position=i)
    return edition


@pytest.mark.parametrize(("pages", "regions"), [(1, 1), (8, 6)])
def test_the_edition_page_stays_within_its_budget(
    client, django_assert_max_num_queries, pages, regions
):
    edition = fill(pages, regions)
    for url in (edition.get_absolute_url(), reverse("epaper:page", args=[edition.date, pages])):
        with django_assert_max_num_queries(EDITION_PAGE_BUDGET):
            response = client.get(url)
        assert response.status_code == 200
        assert response.content.decode().count('class="ep-stories"') == 1


def test_the_story_page_pays_one_query_for_where_it_was_printed(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # count the queries of a page as it is rendered
    article = make_article("刊登的稿件")
    url = article.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    make_region(make_page(make_edition(date(2024, 3, 28))), article=article)
    with CaptureQueriesContext(connection) as after:
        html = client.get(url).content.decode()
    assert "刊于" in html

    # The ad slot caches its ads by content generation, which the new region moved.
    def not_ads(context):
        return [q for q in context.captured_queries if "ads_" not in q["sql"]]

    assert len(not_ads(after)) == len(not_ads(before))
    assert sum("epaper_region" in q["sql"] for q in after.captured_queries) == 1


def test_files_cost_one_query(client, django_assert_max_num_queries):
    edition = fill(1, 1)
    with django_assert_max_num_queries(1):
        response = client.get(reverse("epaper:page_image", args=[edition.date, 1, 320]))
    assert response.status_code == 200


@pytest.mark.parametrize("editions", [1, 30])
def test_the_sitemaps_cost_the_same_however_many_editions(
    client, django_assert_max_num_queries, editions
):
    for _ in range(editions):
        edition = make_edition()
        for number in (1, 2):
            Page.objects.create(edition=edition, number=number, name=f"第{number}版名")
    for section in ("epaper-editions", "epaper-pages"):
        with django_assert_max_num_queries(3):
            response = client.get(reverse("sitemap", args=[section]))
        # Two pages each: the first is listed under the edition's address.
        assert response.content.decode().count("<url>") == editions
    with django_assert_max_num_queries(16):
        client.get(reverse("sitemap_index"))
