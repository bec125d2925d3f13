"""Two people on one story: the second save from an older version is refused, nothing is lost."""

import pytest
from django.urls import reverse

from history.models import Version
from news.models import Article, Status
from tests.conftest import make_article, make_user
from tests.test_workflow import article_form

pytestmark = pytest.mark.django_db

BODY_12 = "<p>宝鸡高新区选派12名干部赴深圳学习。</p>"
BODY_15 = "<p>宝鸡高新区选派15名干部赴深圳学习。</p>"


def named(username, name, group="编辑"):
    user = make_user(username, group=group, staff=True)
    user.first_name = name
    user.save()
    return user


@pytest.fixture
def zhang(db):
    return named("zhang", "张三")


@pytest.fixture
def li(db):
    return named("li", "李四")


@pytest.fixture
def wang(db):
    return named("wang", "王五", group="记者")


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def form_of(article, **overrides):
    """The change form as the browser posts it, with the version it was opened on."""
    fields = {
        "title": article.title,
        "kicker": article.kicker,
        "body": article.body,
        "status": article.status,
        "tags": ", ".join(article.tags.names()),
        "seen_version": article.version,
    }
    return article_form(article.section, **{**fields, **overrides})


def opened(client, user, article):
    """Open the change form as `user` and return what the form says it was opened on."""
    client.force_login(user)
    response = client.get(change_url(article))
    assert response.status_code == 200
    return response.context["adminform"].form["seen_version"].value()


def test_the_change_form_carries_its_version_and_links_to_the_versions(client, zhang):
    article = make_article(status=Status.REVIEW)
    client.force_login(zhang)
    html = client.get(change_url(article)).content.decode()
    assert 'name="seen_version" value="1"' in html
    assert reverse("admin:news_article_versions", args=[article.pk]) in html


def test_two_editors_the_second_save_is_refused_and_the_first_fix_kept(client, zhang, li):
    article = make_article(status=Status.REVIEW, body=BODY_12, kicker="")
    seen_by_li = opened(client, li, article)
    seen_by_zhang = opened(client, zhang, article)
    response = client.post(
        change_url(article), form_of(article, body=BODY_15, seen_version=seen_by_zhang)
    )
    assert response.status_code == 302

    client.force_login(li)
    response = client.post(
        change_url(article), form_of(article, kicker="人才引进", seen_version=seen_by_li)
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "保存未成功" in html and "张三" in html and "正文" in html
    assert "你打开的是第 1 版" in html
    # The other's change, character by character, beside what li typed.
    assert "<del>2</del>" in html and "<ins>5</ins>" in html
    assert 'value="人才引进"' in html  # li's kicker is still in the form
    article.refresh_from_db()
    assert "15名" in article.body and article.kicker == ""

    # li merges (the form now carries the current version) and saves.
    current = int(response.context["adminform"].form["seen_version"].value())
    assert current == 2
    response = client.post(
        change_url(article), form_of(article, kicker="人才引进", seen_version=current)
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert "15名" in article.body and article.kicker == "人才引进"
    assert list(Version.objects.of(article).values_list("number", flat=True)) == [3, 2, 1]


def test_a_form_without_its_version_is_refused(client, zhang):
    article = make_article(status=Status.REVIEW)
    client.force_login(zhang)
    data = form_of(article, title="没有版本号")
    del data["seen_version"]
    response = client.post(change_url(article), data)
    assert response.status_code == 409
    assert "缺少版本号" in response.content.decode()
    article.refresh_from_db()
    assert article.title != "没有版本号"


def test_an_editor_cannot_publish_over_a_reporters_correction(client, zhang, wang):
    article = make_article(status=Status.REVIEW, created_by=wang, body=BODY_12)
    seen = opened(client, zhang, article)
    client.force_login(wang)
    response = client.post(change_url(article), form_of(article, body=BODY_15, seen_version=seen))
    assert response.status_code == 302

    client.force_login(zhang)
    response = client.post(
        change_url(article), form_of(article, status=Status.PUBLISHED, seen_version=seen)
    )
    assert response.status_code == 409
    assert "王五" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.REVIEW and "15名" in article.body


def test_the_list_action_publishes_only_what_the_list_showed(client, zhang, wang):
    changed = make_article(status=Status.REVIEW, created_by=wang, title="原标题")
    untouched = make_article(status=Status.REVIEW, created_by=wang, title="没人动过")
    client.force_login(zhang)
    changelist = reverse("admin:news_article_changelist")
    html = client.get(changelist, {"state": "review"}).content.decode()
    assert f'name="seen_version_{changed.pk}" value="1"' in html
    # The preview offers to publish exactly the version shown.
    preview = client.get(reverse("admin:news_article_preview", args=[changed.pk]))
    assert "发布此版本（第 1 版）" in preview.content.decode()

    client.force_login(wang)
    client.post(change_url(changed), form_of(changed, title="没人审过的标题", seen_version=1))

    client.force_login(zhang)
    response = client.post(
        changelist,
        {
            "action": "publish_selected",
            "_selected_action": [changed.pk, untouched.pk],
            f"seen_version_{changed.pk}": 1,
            f"seen_version_{untouched.pk}": 1,
        },
        follow=True,
    )
    html = response.content.decode()
    assert "已发布 1 篇稿件" in html and "未发布《没人审过的标题》" in html and "王五" in html
    changed.refresh_from_db()
    untouched.refresh_from_db()
    assert changed.status == Status.REVIEW
    assert untouched.status == Status.PUBLISHED
    assert not Article.objects.published().filter(title="没人审过的标题").exists()


def test_a_list_action_without_versions_publishes_nothing(client, zhang):
    article = make_article(status=Status.REVIEW)
    client.force_login(zhang)
    client.post(
        reverse("admin:news_article_changelist"),
        {"action": "publish_selected", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.status == Status.REVIEW


def test_publishing_from_the_preview_refuses_a_changed_story(client, zhang, wang):
    article = make_article(status=Status.REVIEW, created_by=wang, title="原标题")
    url = reverse("admin:news_article_publish_seen", args=[article.pk])
    opened(client, zhang, article)
    client.force_login(wang)
    client.post(change_url(article), form_of(article, title="改过的标题", seen_version=1))

    client.force_login(zhang)
    response = client.post(url, {"seen_version": 1}, follow=True)
    html = response.content.decode()
    assert "你打开的是第 1 版" in html and "改过的标题" in html
    article.refresh_from_db()
    assert article.status == Status.REVIEW

    response = client.post(url, {"seen_version": article.version})
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.title == "改过的标题"


def test_a_reporter_whose_story_was_published_while_typing_keeps_her_text(client, zhang, wang):
    article = make_article(status=Status.REVIEW, created_by=wang, body=BODY_12)
    seen = opened(client, wang, article)
    client.force_login(zhang)
    client.post(
        reverse("admin:news_article_changelist"),
        {
            "action": "publish_selected",
            "_selected_action": [article.pk],
            f"seen_version_{article.pk}": seen,
        },
    )
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED

    client.force_login(wang)
    paragraph = "<p>新增一段：首批干部已于3月出发。</p>"
    response = client.post(
        change_url(article), form_of(article, body=BODY_12 + paragraph, seen_version=seen)
    )
    assert response.status_code == 409  # not a bare 403
    html = response.content.decode()
    assert "保存未成功" in html and "已发布" in html and "张三" in html
    assert "新增一段：首批干部已于3月出发。" in html
    article.refresh_from_db()
    assert "新增一段" not in article.body


def test_a_reporter_without_rights_on_a_story_still_gets_403(client, wang):
    other = make_user("other", group="记者", staff=True)
    article = make_article(status=Status.PUBLISHED, created_by=wang)
    client.force_login(other)
    response = client.post(change_url(article), form_of(article, title="篡改"))
    assert response.status_code in (302, 403)
    article.refresh_from_db()
    assert article.title != "篡改"


def test_the_change_form_costs_no_more_to_open_and_thirteen_queries_more_to_save(
    client, zhang, django_assert_max_num_queries
):
    """Opening reads the version from the row already loaded (14, as before versions); saving
    adds the conditional UPDATE, the snapshot (bylines, photos, zones, tags, the previous
    version) and its insert, the page cache's check whether this save takes a live story down,
    the desk's note of a change to the words, and the search text kept with the bylines: 36
    against 23 before versions were kept."""
    article = make_article(status=Status.REVIEW)
    client.force_login(zhang)
    client.post(change_url(article), form_of(article, title="第一次"))
    article.refresh_from_db()
    with django_assert_max_num_queries(14):
        client.get(change_url(article))
    with django_assert_max_num_queries(36):
        client.post(change_url(article), form_of(article, title="第二次"))
