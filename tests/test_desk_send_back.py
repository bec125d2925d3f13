"""退回修改: an editor returns a story with a reason the reporter reads and is told about."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.urls import reverse

from news.models import Article, Status
from tests.conftest import make_article

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:news_article_changelist")


def send_back_url(article):
    return reverse("admin:news_article_send_back", args=[article.pk])


@pytest.fixture
def submitted(reporter):
    reporter.email = "reporter@example.com"
    reporter.save()
    return make_article("营商环境再优化", status=Status.REVIEW, created_by=reporter)


def test_it_sends_a_story_back_with_the_reason(
    client, editor, submitted, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    assert "退回原因" in client.get(send_back_url(submitted)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            send_back_url(submitted), {"confirm": "1", "reason": "数字核实：3200家还是2300家？"}
        )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.DRAFT
    assert submitted.review_note == "数字核实：3200家还是2300家？"
    assert not Article.objects.published().filter(pk=submitted.pk).exists()
    # The reporter is e-mailed, in Chinese, with the reason.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["reporter@example.com"]
    assert "退回修改" in mail.outbox[0].subject
    assert "3200家还是2300家" in mail.outbox[0].body
    # The history names the step with its reason.
    entry = LogEntry.objects.get(object_id=str(submitted.pk))
    assert entry.get_change_message() == "退回修改：数字核实：3200家还是2300家？"


def test_it_refuses_a_send_back_without_a_reason(client, editor, submitted):
    client.force_login(editor)
    response = client.post(send_back_url(submitted), {"confirm": "1", "reason": "   "})
    assert response.status_code == 200
    assert "退回时请写明原因" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.REVIEW
    assert not LogEntry.objects.exists()


def test_the_list_action_asks_for_the_reason_first(client, editor, submitted):
    client.force_login(editor)
    form = {"action": "send_back_selected", "_selected_action": [submitted.pk]}
    page = client.post(CHANGELIST, form)
    assert page.status_code == 200 and "退回原因" in page.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.REVIEW
    client.post(CHANGELIST, {**form, "confirm": "1", "reason": "缺少电头"})
    submitted.refresh_from_db()
    assert submitted.status == Status.DRAFT and submitted.review_note == "缺少电头"


def test_the_reporter_sees_the_reason_on_her_story_her_list_and_her_home(
    client, editor, reporter, submitted
):
    client.force_login(editor)
    client.post(send_back_url(submitted), {"confirm": "1", "reason": "补充采访对象姓名"})
    client.force_login(reporter)
    story = client.get(reverse("admin:news_article_change", args=[submitted.pk])).content.decode()
    assert "编辑退回修改：补充采访对象姓名" in story
    listing = client.get(CHANGELIST).content.decode()
    assert "退回修改：补充采访对象姓名" in listing
    home = client.get(reverse("admin:index")).content.decode()
    assert "我的稿件动态" in home and "退回修改：补充采访对象姓名" in home


def test_resubmitting_answers_the_send_back(client, editor, reporter, submitted):
    from tests.test_workflow import article_form

    client.force_login(editor)
    client.post(send_back_url(submitted), {"confirm": "1", "reason": "标题太长"})
    client.force_login(reporter)
    url = reverse("admin:news_article_change", args=[submitted.pk])
    submitted.refresh_from_db()
    response = client.post(
        url,
        article_form(
            submitted.section,
            title="营商环境",
            status=Status.REVIEW,
            seen_version=submitted.version,
        ),
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.REVIEW and submitted.review_note == ""
    assert "退回修改：标题太长" not in client.get(CHANGELIST).content.decode()


@pytest.mark.parametrize("step", ["send_back", "publish_now", "schedule", "withdraw"])
def test_a_reporter_cannot_take_any_desk_step(client, reporter, step):
    article = make_article(status=Status.REVIEW, created_by=reporter)
    client.force_login(reporter)
    url = reverse(f"admin:news_article_{step}", args=[article.pk])
    assert client.get(url).status_code == 403
    post = client.post(url, {"confirm": "1", "reason": "x", "at_0": "2099-01-01", "at_1": "08:00"})
    assert post.status_code == 403
    article.refresh_from_db()
    assert article.status == Status.REVIEW


@pytest.mark.parametrize(
    "action",
    [
        "send_back_selected",
        "publish_now_selected",
        "schedule_selected",
        "unpublish_selected",
        "publish_selected",
    ],
)
def test_a_reporter_cannot_run_any_desk_action(client, reporter, action):
    article = make_article(status=Status.REVIEW, created_by=reporter)
    client.force_login(reporter)
    client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [article.pk], "confirm": "1", "reason": "x"},
    )
    article.refresh_from_db()
    assert article.status == Status.REVIEW


def test_a_published_story_cannot_be_sent_back(client, editor):
    article = make_article(status=Status.PUBLISHED)
    client.force_login(editor)
    response = client.post(send_back_url(article), {"confirm": "1", "reason": "晚了"}, follow=True)
    assert "只有待审或已排期的稿件可以退回修改" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_a_reporter_opening_a_colleagues_story_is_told_why(client, reporter, other_reporter):
    article = make_article(status=Status.DRAFT, created_by=other_reporter)
    client.force_login(reporter)
    url = reverse("admin:news_article_change", args=[article.pk])
    page = client.get(url, follow=True).content.decode()
    assert "由其他记者负责" in page
    assert "删除" not in page
