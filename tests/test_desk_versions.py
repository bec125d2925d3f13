"""The desk's steps act only on the version the editor saw: a story changed since is refused."""

import pytest
from django.urls import reverse

from history import services as history
from news.models import Article, Status
from tests.conftest import make_article

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:news_article_changelist")


def _changed_by_reporter(article, reporter, title):
    """The reporter saves a new title after the editor opened the step's page."""
    history.advance(article)
    Article.objects.filter(pk=article.pk).update(title=title)
    history.record(Article.objects.get(pk=article.pk), user=reporter, note="修改标题")


def test_publish_now_from_the_story_refuses_a_title_nobody_reviewed(client, editor, reporter):
    article = make_article("审过的标题", status=Status.REVIEW, created_by=reporter)
    url = reverse("admin:news_article_publish_now", args=[article.pk])
    client.force_login(editor)
    page = client.get(url).content.decode()
    seen = article.version
    assert f'name="seen_version_{article.pk}" value="{seen}"' in page

    _changed_by_reporter(article, reporter, "没人审过的标题")
    response = client.post(url, {"confirm": "1", f"seen_version_{article.pk}": seen}, follow=True)

    article.refresh_from_db()
    assert article.status == Status.REVIEW
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert "此后" in response.content.decode()


def test_send_back_from_the_list_carries_each_rows_version(client, editor, reporter):
    fresh = make_article("没动过", status=Status.REVIEW, created_by=reporter)
    stale = make_article("被改过", status=Status.REVIEW, created_by=reporter)
    seen = {f"seen_version_{a.pk}": a.version for a in (fresh, stale)}
    client.force_login(editor)
    _changed_by_reporter(stale, reporter, "被改过的新标题")

    client.post(
        CHANGELIST,
        {
            "action": "send_back_selected",
            "_selected_action": [fresh.pk, stale.pk],
            "confirm": "1",
            "reason": "请补充数据来源",
            **seen,
        },
    )

    fresh.refresh_from_db()
    stale.refresh_from_db()
    assert fresh.status == Status.DRAFT and fresh.review_note == "请补充数据来源"
    assert stale.status == Status.REVIEW and stale.review_note == ""
