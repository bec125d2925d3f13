"""The editors' home: what waits, what goes live this week, what ends; the log; staff accounts."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone

from ads.models import ListingStatus
from news.models import Status
from tests.ads_helpers import make_listing
from tests.conftest import make_article, make_user

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")


@pytest.fixture
def admin_user(db):
    """An account manager (管理员) who is not a superuser."""
    return make_user("manager", group="管理员", staff=True)


def test_editors_see_the_desk_overview(client, editor, advertiser):
    make_article("待审的稿件", status=Status.REVIEW)
    make_article("明天上线的稿件", publish_at=timezone.now() + timedelta(days=1))
    make_article("下个月的稿件", publish_at=timezone.now() + timedelta(days=30))
    today = timezone.localdate()
    make_listing(advertiser, headline="待审的广告", status=ListingStatus.REVIEW)
    make_listing(
        advertiser,
        headline="快到期的广告",
        status=ListingStatus.APPROVED,
        first_day=today - timedelta(days=3),
        last_day=today + timedelta(days=2),
    )
    client.force_login(editor)
    html = client.get(INDEX).content.decode()
    assert "待审稿件：1 篇" in html and "待审的稿件" in html
    assert "待审广告：1 条" in html and "待审的广告" in html
    assert "明天上线的稿件" in html and "下个月的稿件" not in html
    assert "快到期的广告" in html
    assert "最近操作" in html


def test_the_overview_costs_the_same_with_more_stories(
    client, editor, django_assert_max_num_queries
):
    """Seven overview queries plus the admin's own; more stories add none."""
    for n in range(15):
        make_article(f"待审{n}", status=Status.REVIEW)
        make_article(f"排期{n}", publish_at=timezone.now() + timedelta(hours=n + 1))
    client.force_login(editor)
    with django_assert_max_num_queries(14):
        assert client.get(INDEX).status_code == 200


def test_reporters_do_not_see_the_overview(client, reporter):
    make_article("待审的稿件", status=Status.REVIEW)
    client.force_login(reporter)
    html = client.get(INDEX).content.decode()
    assert "今日编务" not in html and "待审的稿件" not in html


def test_editors_read_the_newsroom_wide_action_log(client, editor, reporter):
    article = make_article(status=Status.REVIEW, created_by=reporter)
    from news.services import article_publish

    article_publish(article=article, editor=editor)
    client.force_login(editor)
    response = client.get(reverse("admin:admin_logentry_changelist"))
    assert response.status_code == 200
    assert article.title in response.content.decode()
    client.force_login(reporter)
    assert client.get(reverse("admin:admin_logentry_changelist")).status_code == 403


def test_a_manager_adds_a_reporter_without_the_shell(client, admin_user):
    client.force_login(admin_user)
    reporters = Group.objects.get(name="记者")
    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "xinjizhe",
            "password1": "Xin-Jizhe-2024!",
            "password2": "Xin-Jizhe-2024!",
            "usable_password": "true",
            "email": "xin@example.com",
            "is_staff": "on",
            "groups": [reporters.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(username="xinjizhe")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["记者"]


def test_a_manager_cannot_make_a_superuser_or_touch_one(client, admin_user, reporter):
    User.objects.create_superuser("root", password="x")
    client.force_login(admin_user)
    url = reverse("admin:auth_user_change", args=[reporter.pk])
    form = client.get(url).content.decode()
    assert 'name="is_superuser"' not in form and 'name="user_permissions"' not in form
    client.post(
        url,
        {"username": "reporter", "is_active": "on", "is_staff": "on", "is_superuser": "on"},
    )
    reporter.refresh_from_db()
    assert not reporter.is_superuser
    assert "root" not in client.get(reverse("admin:auth_user_changelist")).content.decode()


def test_editors_and_reporters_cannot_add_accounts(client, editor, reporter):
    for user in (editor, reporter):
        client.force_login(user)
        assert client.get(reverse("admin:auth_user_add")).status_code == 403
