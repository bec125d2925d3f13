"""热门: reads counted in the cache, never a database write per view, flushed in batches."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news import popularity
from news.models import ArticleViews
from portal import pagecache
from tests.conftest import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def sidebar(client, url):
    html = client.get(url).content.decode()
    return html.split('<aside class="sidebar"')[1].split("</aside>")[0]


def test_reading_a_story_writes_nothing_to_the_database(client):
    story = make_article("读者常看的稿件")
    with CaptureQueriesContext(connection) as captured:
        for _ in range(5):
            assert client.get(story.get_absolute_url()).status_code == 200
    writes = [q["sql"] for q in captured if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []
    assert not ArticleViews.objects.exists()
    assert popularity.flush_views() == 5
    assert ArticleViews.objects.get(article=story).views == 5


def test_the_most_read_story_leads_the_popular_list(client):
    quiet = make_article("少人看的稿件")
    busy = make_article("多人看的稿件")
    for story, reads in ((quiet, 1), (busy, 3)):
        for _ in range(reads):
            client.get(story.get_absolute_url())
    call_command("flush_view_counts", stdout=mock.Mock())
    pagecache.bump()  # a cached page shows the new 热门 list when its entry expires
    popular = sidebar(client, quiet.get_absolute_url()).split('id="sidebar-popular"')[1]
    assert popular.index("多人看的稿件") < popular.index("少人看的稿件")


def test_a_flush_adds_to_what_earlier_flushes_saved():
    story = make_article()
    popularity.count_view(story.pk)
    popularity.flush_views()
    popularity.count_view(story.pk)
    popularity.count_view(story.pk)
    assert popularity.flush_views() == 2
    assert ArticleViews.objects.get(article=story).views == 3
    assert popularity.flush_views() == 0


def test_old_stories_leave_the_popular_table():
    story = make_article()
    popularity.count_view(story.pk)
    popularity.flush_views()
    story.publish_at = timezone.now() - timedelta(days=popularity.HOT_DAYS + 1)
    story.save()
    popularity.flush_views()
    assert not ArticleViews.objects.exists()


def test_an_unpublished_story_is_never_popular(client):
    story = make_article("将撤下的稿件")
    popularity.count_view(story.pk)
    popularity.flush_views()
    story.status = "draft"
    story.save()
    other = make_article("另一篇")
    assert "将撤下的稿件" not in sidebar(client, other.get_absolute_url())


def test_the_latest_list_shows_the_newest_stories(client):
    older = make_article("较早的稿件", publish_at=timezone.now() - timedelta(days=3))
    make_article("较新的稿件", publish_at=timezone.now() - timedelta(minutes=5))
    latest = sidebar(client, older.get_absolute_url()).split('id="sidebar-popular"')[0]
    assert latest.index("较新的稿件") < latest.index("较早的稿件")


def test_a_cache_fault_loses_the_count_not_the_story(client):
    story = make_article("缓存故障时的稿件")
    with mock.patch.object(popularity.cache, "incr", side_effect=ConnectionError("down")):
        response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "缓存故障时的稿件" in response.content.decode()
