"""The newsroom workflow in the admin: reporters draft and submit, editors publish."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from news.models import Article, Status
from news.services import article_publish
from tests.conftest import make_article, make_section

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:news_article_add")


def article_form(section, **overrides):
    """The admin add/change form as a browser posts it, with empty inlines."""
    data = {
        "kind": "feature",
        "section": section.pk,
        "kicker": "",
        "title": "记者的新稿件",
        "subtitle": "",
        "lead": "",
        "body": "<h2>小标题</h2><p><strong>加粗</strong>正文</p>",
        "source": "",
        "dateline": "",
        "tags": "新业态",
        "status": Status.DRAFT,
        "bylines-TOTAL_FORMS": "0",
        "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "0",
        "bylines-MAX_NUM_FORMS": "1000",
        "body_photos-TOTAL_FORMS": "0",
        "body_photos-INITIAL_FORMS": "0",
        "body_photos-MIN_NUM_FORMS": "0",
        "body_photos-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def publish_action(article):
    """The changelist's 发布 action, posted with the version each row showed."""
    return {
        "action": "publish_selected",
        "_selected_action": [article.pk],
        f"seen_version_{article.pk}": article.version,
    }


def test_a_reporter_drafts_and_submits_for_review(client, reporter):
    client.force_login(reporter)
    response = client.post(ADD_URL, article_form(make_section(), status=Status.REVIEW))
    assert response.status_code == 302
    article = Article.objects.get(title="记者的新稿件")
    assert article.status == Status.REVIEW
    assert article.created_by == reporter
    assert article.publish_at is None


def test_a_reporter_cannot_publish_through_a_crafted_post(client, reporter):
    client.force_login(reporter)
    response = client.post(
        ADD_URL,
        article_form(
            make_section(),
            status=Status.PUBLISHED,
            publish_at_0="2024-01-01",
            publish_at_1="08:00:00",
            is_headline="on",
        ),
    )
    assert response.status_code == 200  # the form comes back with an error
    assert "选择一个有效的选项" in response.content.decode()
    assert not Article.objects.exists()


def test_a_reporter_cannot_publish_by_editing_their_draft(client, reporter):
    article = make_article(status=Status.DRAFT, created_by=reporter)
    client.force_login(reporter)
    url = reverse("admin:news_article_change", args=[article.pk])
    client.post(url, article_form(article.section, title="改过的标题", status=Status.PUBLISHED))
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert not Article.objects.published().exists()


def test_a_reporter_cannot_run_the_publish_action(client, reporter):
    article = make_article(status=Status.REVIEW, created_by=reporter)
    client.force_login(reporter)
    changelist = reverse("admin:news_article_changelist")
    client.post(changelist, publish_action(article))
    article.refresh_from_db()
    assert article.status == Status.REVIEW


def test_a_reporter_cannot_change_another_reporters_article(client, reporter, other_reporter):
    article = make_article(status=Status.DRAFT, created_by=other_reporter)
    client.force_login(reporter)
    url = reverse("admin:news_article_change", args=[article.pk])
    assert client.get(url).status_code == 302  # the admin redirects away from what you can't see
    client.post(url, article_form(article.section, title="被篡改"))
    article.refresh_from_db()
    assert article.title != "被篡改"


def test_a_reporter_cannot_change_their_article_once_published(client, reporter):
    article = make_article(status=Status.PUBLISHED, created_by=reporter)
    client.force_login(reporter)
    url = reverse("admin:news_article_change", args=[article.pk])
    client.post(url, article_form(article.section, title="发布后又改"))
    article.refresh_from_db()
    assert article.title != "发布后又改"


def test_an_editor_publishes_from_the_review_queue(client, editor, reporter):
    article = make_article(status=Status.REVIEW, created_by=reporter)
    client.force_login(editor)
    changelist = reverse("admin:news_article_changelist")
    queue = client.get(changelist, {"state": "review"}).content.decode()
    assert article.title in queue
    client.post(changelist, publish_action(article))
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert client.get(article.get_absolute_url()).status_code == 200


def test_an_editor_schedules_and_readers_wait(client, editor):
    article = make_article(status=Status.REVIEW)
    tomorrow = timezone.now() + timedelta(days=1)
    article_publish(article=article, editor=editor, at=tomorrow)
    assert client.get(article.get_absolute_url()).status_code == 404
    client.force_login(editor)
    listing = client.get(reverse("admin:news_article_changelist")).content.decode()
    assert "已排期" in listing


def test_editors_see_who_changed_what(client, editor):
    article = make_article(status=Status.REVIEW)
    client.force_login(editor)
    changelist = reverse("admin:news_article_changelist")
    client.post(changelist, publish_action(article))
    entry = LogEntry.objects.get(object_id=str(article.pk))
    assert entry.user == editor
    assert "发布" in entry.get_change_message()
    history = client.get(reverse("admin:news_article_history", args=[article.pk]))
    assert "发布" in history.content.decode()


def test_the_admin_speaks_chinese(client, editor):
    client.force_login(editor)
    html = client.get(reverse("admin:index")).content.decode()
    assert "采编工作台" in html and "稿件" in html


def test_staff_preview_an_unpublished_article_and_readers_cannot(client, reporter, editor):
    article = make_article("尚未发布的稿件", status=Status.DRAFT, created_by=reporter)
    preview = reverse("admin:news_article_preview", args=[article.pk])
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(preview).status_code == 302  # to the admin login
    client.force_login(reporter)
    response = client.get(preview)
    assert response.status_code == 200
    assert "尚未发布的稿件" in response.content.decode()
    assert "预览" in response.content.decode()


def test_a_reporter_cannot_preview_another_reporters_draft(client, reporter, other_reporter):
    article = make_article(status=Status.DRAFT, created_by=other_reporter)
    client.force_login(reporter)
    assert client.get(reverse("admin:news_article_preview", args=[article.pk])).status_code == 404


def test_a_reader_cannot_reach_the_admin(client, db):
    assert client.get(reverse("admin:news_article_changelist")).status_code == 302


def test_tag_suggestions_for_staff(client, reporter):
    make_article(tags=["新业态", "新就业群体", "党建"])
    client.force_login(reporter)
    response = client.get(reverse("admin:news_article_tag_suggest"), {"q": "新"})
    assert sorted(response.json()["results"]) == ["新业态", "新就业群体"]
