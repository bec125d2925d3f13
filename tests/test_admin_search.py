"""The admin's story search finds words in the body, tags, captions and bylines, in any state."""

import pytest
from django.urls import reverse

from news.models import Article, Status
from tests.conftest import make_article
from tests.photo_helpers import make_photo

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:news_article_changelist")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def found(client, q):
    response = client.get(CHANGELIST, {"q": q})
    assert response.status_code == 200
    return sorted(a.title for a in response.context["cl"].result_list)


@pytest.fixture
def stories():
    make_article(
        "一窗受理提效率",
        status=Status.REVIEW,
        body="<p>企业开办时间压缩至一个工作日以内。</p>",
        tags=["营商环境"],
        author="赵旭",
    )
    make_article("别的稿件", body="<p>与此无关。</p>", tags=["党建"], author="杨建平")


def test_it_finds_a_phrase_from_the_body_of_a_story_in_review(client, editor, stories):
    client.force_login(editor)
    assert found(client, "压缩至一个工作日") == ["一窗受理提效率"]


def test_it_finds_a_tag(client, editor, stories):
    client.force_login(editor)
    assert found(client, "营商环境") == ["一窗受理提效率"]


def test_it_finds_a_byline(client, editor, stories):
    client.force_login(editor)
    assert found(client, "赵旭") == ["一窗受理提效率"]


def test_it_finds_a_photo_caption(client, editor):
    article = make_article("油菜制种基地迎来花期", status=Status.DRAFT)
    article.lead_photo = make_photo(caption="图为工作人员进行花检作业。")
    article.save()
    Article.objects.filter(pk=article.pk).refresh_photo_text()
    make_article("别的稿件")
    client.force_login(editor)
    assert found(client, "花检作业") == ["油菜制种基地迎来花期"]


def test_a_reporter_searches_only_her_own_stories(client, reporter, other_reporter):
    make_article("我的稿件", status=Status.DRAFT, created_by=reporter, body="<p>高新区发展</p>")
    make_article(
        "同事的稿件", status=Status.DRAFT, created_by=other_reporter, body="<p>高新区发展</p>"
    )
    client.force_login(reporter)
    assert found(client, "高新区发展") == ["我的稿件"]


def test_a_one_character_query_is_answered(client, editor, stories):
    client.force_login(editor)
    assert found(client, "窗") == ["一窗受理提效率"]


def test_a_query_the_search_cannot_take_is_explained_in_chinese(client, editor, stories):
    client.force_login(editor)
    response = client.get(CHANGELIST, {"q": "党" * 60}, follow=True)
    assert "搜索词太长了" in response.content.decode()


def test_the_search_costs_the_same_for_more_stories(client, editor, django_assert_num_queries):
    """The index lookup and the tag and byline subqueries run inside the list's own count and
    page queries: searching adds none over the plain list, and more stories add none."""
    for n in range(30):
        make_article(f"稿件{n}", body="<p>企业开办时间压缩</p>", tags=[f"标签{n}"])
    client.force_login(editor)
    client.get(CHANGELIST, {"q": "企业"})  # warm per-process caches (index statistics)
    with django_assert_num_queries(13):
        client.get(CHANGELIST)
    with django_assert_num_queries(13):
        assert len(client.get(CHANGELIST, {"q": "开办时间"}).context["cl"].result_list) == 30
