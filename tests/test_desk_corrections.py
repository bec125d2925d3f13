"""更正/说明 and 更新于: readers see what changed after publication, and when."""

from datetime import datetime, timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from news.metadata import article_json_ld
from news.models import Article, Status
from tests.conftest import make_article
from tests.test_workflow import article_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def live():
    published = timezone.make_aware(datetime(2024, 3, 25, 9, 0))
    return make_article("宝鸡高新区新增市场主体", publish_at=published, body="<p>新增3200家。</p>")


def correct_url(article):
    return reverse("admin:news_article_correct", args=[article.pk])


def test_an_editor_adds_a_correction_readers_see_under_the_body(client, editor, live):
    client.force_login(editor)
    page = client.get(reverse("admin:news_article_change", args=[live.pk])).content.decode()
    assert "添加更正/说明…" in page
    client.post(
        correct_url(live),
        {"confirm": "1", "kind": "correction", "text": "本文“3200家”应为“2300家”。"},
    )
    client.logout()
    html = client.get(live.get_absolute_url()).content.decode()
    today = timezone.localdate()
    assert "<strong>更正</strong>" in html
    assert "（<time" in html and f"{today.year}年{today.month}月{today.day}日" in html
    assert "本文“3200家”应为“2300家”。" in html
    assert html.index("新增3200家") < html.index("本文“3200家”应为")
    entry = LogEntry.objects.get(object_id=str(live.pk))
    assert entry.get_change_message() == "更正：本文“3200家”应为“2300家”。"


def test_a_correction_needs_text(client, editor, live):
    client.force_login(editor)
    response = client.post(correct_url(live), {"confirm": "1", "kind": "note", "text": " "})
    assert "请写明更正或说明的内容" in response.content.decode()
    assert not live.corrections.exists()


def test_only_a_published_story_takes_a_correction(client, editor):
    draft = make_article(status=Status.REVIEW)
    client.force_login(editor)
    response = client.post(
        correct_url(draft), {"confirm": "1", "kind": "note", "text": "说明"}, follow=True
    )
    assert "只有已发布的稿件可以添加更正或说明" in response.content.decode()
    assert not draft.corrections.exists()


def test_a_reporter_cannot_add_a_correction(client, reporter):
    article = make_article(status=Status.REVIEW, created_by=reporter)
    client.force_login(reporter)
    response = client.post(correct_url(article), {"confirm": "1", "kind": "note", "text": "x"})
    assert response.status_code == 403


def test_editing_the_words_of_a_live_story_shows_updated(client, editor, live):
    client.force_login(editor)
    url = reverse("admin:news_article_change", args=[live.pk])
    form = article_form(
        live.section,
        title=live.title,
        body="<p>新增2300家。</p>",
        tags="",
        status=Status.PUBLISHED,
        publish_at_0="2024-03-25",
        publish_at_1="09:00:00",
        seen_version=live.version,
    )
    assert client.post(url, form).status_code == 302
    live.refresh_from_db()
    assert live.content_changed_at is not None
    html = client.get(live.get_absolute_url()).content.decode()
    assert "更新于" in html
    data = article_json_ld(live)
    assert data["dateModified"] > data["datePublished"]


def test_changing_only_the_schedule_is_not_an_update(client, editor):
    later = timezone.now() + timedelta(days=1)
    article = make_article(status=Status.PUBLISHED, publish_at=later)
    client.force_login(editor)
    at = timezone.localtime(later + timedelta(hours=1))
    client.post(
        reverse("admin:news_article_schedule", args=[article.pk]),
        {"confirm": "1", "at_0": f"{at:%Y-%m-%d}", "at_1": f"{at:%H:%M}"},
    )
    article.refresh_from_db()
    assert article.content_changed_at is None
    data = article_json_ld(article)
    assert data["dateModified"] == data["datePublished"]


def test_date_modified_is_never_before_date_published(live):
    # Demo stories are loaded with a publication time later than their row's updated_at.
    Article.objects.filter(pk=live.pk).update(publish_at=timezone.now() + timedelta(minutes=5))
    live.refresh_from_db()
    data = article_json_ld(live)
    assert data["dateModified"] >= data["datePublished"]


def test_an_uncorrected_story_pays_no_query_for_corrections(
    client, django_assert_max_num_queries, live
):
    """Corrections are read only when a story has one, so the story page's budget stays put
    (12 with the 数字报's 刊于 line and the 最新 and 热门 lists)."""
    with django_assert_max_num_queries(12) as queries:
        client.get(live.get_absolute_url())
    assert not any("news_correction" in q["sql"] for q in queries.captured_queries)
