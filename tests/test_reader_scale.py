"""Reader pages cost the same with a big archive as with a small one."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from news.models import Article, Section
from tests.conftest import make_article, make_section, make_zone

pytestmark = pytest.mark.django_db

PAGES = {
    "front": lambda: "/",
    "column": lambda: reverse("news:section", args=["dangjian"]),
    "column page 9": lambda: reverse("news:section", args=["dangjian"]) + "?page=9",
    "zone": lambda: reverse("news:zone", args=["baoji"]),
    "tag": lambda: reverse("news:tag", args=["新业态"]),
    "article": lambda: Article.objects.published().newest_first().first().get_absolute_url(),
    "photos": lambda: reverse("news:photos"),
    "feed": lambda: reverse("news:feed"),
    "sitemap index": lambda: reverse("sitemap_index"),
    "sitemap articles": lambda: reverse("sitemap", args=["articles"]),
    "sitemap tags": lambda: reverse("sitemap", args=["tags"]),
}


def _stories(n, start=0):
    zone, section = make_zone(), make_section()
    for i in range(start, start + n):
        make_article(
            f"规模稿件{i}",
            section=section,
            zones=[zone],
            tags=["新业态", f"标签{i % 7}"],
            kind="brief" if i % 4 == 3 else "feature",
            author=f"作者{i % 9}",
        )


def _queries(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@override_settings(PAGE_CACHE_SECONDS=0)
def test_every_reader_page_costs_as_many_queries_with_200_stories_as_with_4(client):
    """The same number of queries for 4 stories and 200: no query per story, byline or tag.

    Four, so that every list of the front page (lead, column, briefs) has a story: an empty
    list skips its prefetch queries.
    """
    _stories(4)
    small = {name: _queries(client, url()) for name, url in PAGES.items()}
    _stories(196, start=4)
    large = {name: _queries(client, url()) for name, url in PAGES.items()}
    # Page 9 of a column exists only with 200 stories; with 1 it falls back to page 1.
    small["column page 9"] -= 1
    grown = {name: (small[name], large[name]) for name in PAGES if large[name] > small[name]}
    assert not grown


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans of PostgreSQL")
@override_settings(PAGE_CACHE_SECONDS=0)
def test_front_article_and_column_are_index_scans_after_analyze(client):
    """After ANALYZE on a few thousand stories no reader query reads all of news_article.

    (Deep pages are left to `make bench`: on a table this small a sort is rightly cheaper.)
    """
    call_command("generate_articles", 3000, seed=11, length=200, quiet_progress=True)
    section = Section.objects.order_by("pk").first()
    urls = [
        "/",
        Article.objects.published().newest_first().first().get_absolute_url(),
        Article.objects.published().order_by("publish_at").first().get_absolute_url(),
        section.get_absolute_url(),
        section.get_absolute_url() + "?page=3",
    ]
    scans = []
    with connection.cursor() as cursor:
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            for query in captured:
                if not query["sql"].startswith(("SELECT", "(SELECT")):
                    continue
                cursor.execute(f"EXPLAIN {query['sql']}")
                plan = "\n".join(row[0] for row in cursor.fetchall())
                if "Seq Scan on news_article " in plan + " ":
                    scans.append(f"{url}: {query['sql']}\n{plan}")
    assert not scans, "\n\n".join(scans)
