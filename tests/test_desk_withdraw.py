"""撤稿: a confirmed step with a reason; readers at the story's address get 410 and a notice."""

from datetime import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from news.models import Status
from tests.conftest import make_article

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:news_article_changelist")


@pytest.fixture
def live():
    published = timezone.make_aware(datetime(2024, 3, 25, 9, 0))
    return make_article("党建激发新业态新就业群体新动能", publish_at=published, tags=["党建"])


def withdraw_url(article):
    return reverse("admin:news_article_withdraw", args=[article.pk])


def test_it_asks_for_confirmation_first(client, editor, live):
    client.force_login(editor)
    page = client.get(withdraw_url(live)).content.decode()
    assert "撤稿原因" in page and "确认撤稿" in page
    live.refresh_from_db()
    assert live.status == Status.PUBLISHED
    # The list action too leads to the same page, not straight to 撤稿.
    client.post(CHANGELIST, {"action": "unpublish_selected", "_selected_action": [live.pk]})
    live.refresh_from_db()
    assert live.status == Status.PUBLISHED


def test_it_refuses_a_withdrawal_without_a_reason(client, editor, live):
    client.force_login(editor)
    response = client.post(withdraw_url(live), {"confirm": "1", "reason": ""})
    assert response.status_code == 200
    assert "撤稿时请写明原因" in response.content.decode()
    live.refresh_from_db()
    assert live.status == Status.PUBLISHED
    assert client.get(live.get_absolute_url()).status_code == 200


def test_readers_get_410_with_a_notice_and_the_reason_if_chosen(client, editor, live):
    client.force_login(editor)
    client.post(
        withdraw_url(live), {"confirm": "1", "reason": "数据有误，待核实", "show_reason": "on"}
    )
    client.logout()
    response = client.get(live.get_absolute_url())
    assert response.status_code == 410
    page = response.content.decode()
    today = timezone.localdate()
    assert "《党建激发新业态新就业群体新动能》（2024年3月25日发布）" in page
    assert f"已于{today.year}年{today.month}月{today.day}日撤稿" in page
    assert "撤稿原因：数据有误，待核实" in page
    assert '<meta name="robots" content="noindex">' in page
    entry = LogEntry.objects.get(object_id=str(live.pk))
    assert entry.get_change_message() == "撤稿：数据有误，待核实（向读者说明原因）"


def test_the_reason_stays_internal_unless_the_editor_chose(client, editor, live):
    client.force_login(editor)
    client.post(withdraw_url(live), {"confirm": "1", "reason": "当事人投诉"})
    client.logout()
    response = client.get(live.get_absolute_url())
    assert response.status_code == 410
    assert "当事人投诉" not in response.content.decode()


def test_the_story_leaves_every_list(client, editor, live):
    client.force_login(editor)
    client.post(withdraw_url(live), {"confirm": "1", "reason": "重复稿件"})
    client.logout()
    for url in [
        reverse("home"),
        reverse("news:feed"),
        reverse("news:section", args=[live.section.slug]),
        "/sitemap.xml",
        reverse("search") + "?q=新业态",
    ]:
        response = client.get(url)
        assert live.title not in response.content.decode(), url
    assert client.get(reverse("news:tag", args=["党建"])).status_code == 404


def test_a_story_never_published_is_still_a_plain_404(client):
    draft = make_article(status=Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("news:article", args=[999999])).status_code == 404


def test_the_notice_costs_three_queries_at_most(
    client, django_assert_max_num_queries, editor, live
):
    """The missed published() lookup, the withdrawn-story lookup, the navigation; nothing grows."""
    client.force_login(editor)
    client.post(withdraw_url(live), {"confirm": "1", "reason": "重复稿件"})
    client.logout()
    with django_assert_max_num_queries(3):
        assert client.get(live.get_absolute_url()).status_code == 410
