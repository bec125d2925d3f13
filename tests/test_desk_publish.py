"""立即发布 and 排期发布: two steps that say what they do, and a list action that is honest."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from news.models import Article, Status
from tests.conftest import make_article
from tests.test_workflow import article_form

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:news_article_changelist")


def step_url(step, article):
    return reverse(f"admin:news_article_{step}", args=[article.pk])


@pytest.fixture
def submitted(reporter):
    reporter.email = "reporter@example.com"
    reporter.save()
    return make_article("一网通办上线", status=Status.REVIEW, created_by=reporter)


def test_publish_now_puts_the_story_live_and_tells_the_reporter(
    client, editor, submitted, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    page = client.get(reverse("admin:news_article_change", args=[submitted.pk])).content.decode()
    assert "立即发布" in page and "排期发布…" in page and "退回修改" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(step_url("publish_now", submitted), {"confirm": "1"})
    submitted.refresh_from_db()
    assert submitted.is_live
    assert client.get(submitted.get_absolute_url()).status_code == 200
    assert mail.outbox[0].subject == "【已发布】一网通办上线"


def test_publish_now_overrides_a_schedule(client, editor):
    article = make_article(status=Status.PUBLISHED, publish_at=timezone.now() + timedelta(days=2))
    client.force_login(editor)
    client.post(step_url("publish_now", article), {"confirm": "1"})
    article.refresh_from_db()
    assert article.is_live


def test_schedule_asks_for_a_time_and_readers_wait(
    client, editor, submitted, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    at = timezone.localtime(timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            step_url("schedule", submitted),
            {"confirm": "1", "at_0": f"{at:%Y-%m-%d}", "at_1": f"{at:%H:%M}"},
        )
    submitted.refresh_from_db()
    assert submitted.is_scheduled and submitted.publish_at == at
    assert client.get(submitted.get_absolute_url()).status_code == 404
    assert mail.outbox[0].subject == "【已排期】一网通办上线"
    listing = client.get(CHANGELIST).content.decode()
    assert f"已排期（{at:%m-%d %H:%M}）" in listing
    entry = LogEntry.objects.get(object_id=str(submitted.pk))
    assert entry.get_change_message() == f"排期发布（上线时间 {at:%Y-%m-%d %H:%M}）"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "请选择上线的日期和时间"),
        ({"at_0": "2020-01-01", "at_1": "08:00"}, "排期时间必须晚于现在"),
    ],
)
def test_schedule_refuses_a_missing_or_past_time(client, editor, submitted, data, error):
    client.force_login(editor)
    response = client.post(step_url("schedule", submitted), {"confirm": "1", **data})
    assert response.status_code == 200
    assert error in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.REVIEW


def test_the_publish_action_says_a_scheduled_story_is_only_scheduled(client, editor):
    later = timezone.now() + timedelta(days=1)
    article = make_article("明天见报", status=Status.REVIEW, publish_at=later)
    client.force_login(editor)
    response = client.post(
        CHANGELIST,
        {
            "action": "publish_selected",
            "_selected_action": [article.pk],
            f"seen_version_{article.pk}": article.version,
        },
        follow=True,
    )
    page = response.content.decode()
    assert "《明天见报》已排期" in page and "此前读者看不到" in page
    assert "已发布 1 篇" not in page
    article.refresh_from_db()
    assert article.is_scheduled


def test_the_publish_now_action_publishes_the_selection(client, editor):
    stories = [make_article(status=Status.REVIEW) for _ in range(2)]
    client.force_login(editor)
    form = {"action": "publish_now_selected", "_selected_action": [a.pk for a in stories]}
    assert "确认后稿件马上对读者可见" in client.post(CHANGELIST, form).content.decode()
    client.post(CHANGELIST, {**form, "confirm": "1"})
    assert Article.objects.published().count() == 2


def test_published_with_no_time_means_now(client, editor):
    client.force_login(editor)
    from tests.conftest import make_section

    response = client.post(
        reverse("admin:news_article_add"),
        article_form(make_section(), status=Status.PUBLISHED, publish_at_0="", publish_at_1=""),
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.is_live


def test_view_on_site_opens_the_preview_for_an_unpublished_story(client, editor):
    article = make_article(status=Status.REVIEW)
    client.force_login(editor)
    page = client.get(reverse("admin:news_article_change", args=[article.pk])).content.decode()
    assert reverse("admin:news_article_preview", args=[article.pk]) in page
