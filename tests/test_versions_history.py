"""The versions page, compare and restore, for articles, photos and listings, by role."""

import pytest
from django.urls import reverse

from history.models import Version
from news.models import Status
from tests.ads_helpers import make_listing
from tests.conftest import make_article
from tests.photo_helpers import make_photo
from tests.test_versions_articles import BODY_12, BODY_15, change_url, form_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def edited_story(client, editor, **fields):
    """A story saved twice in the admin: 12名 then 15名."""
    article = make_article(status=Status.REVIEW, body=BODY_12, **fields)
    client.force_login(editor)
    client.post(change_url(article), form_of(article, body=BODY_15, version_note="核对人数"))
    article.refresh_from_db()
    return article


def test_an_editor_lists_compares_and_restores_versions(client, editor):
    article = edited_story(client, editor)
    versions = reverse("admin:news_article_versions", args=[article.pk])
    html = client.get(versions).content.decode()
    assert "第 2 版（当前）" in html and "核对人数" in html and "正文" in html

    compare = reverse("admin:news_article_compare", args=[article.pk])
    response = client.get(compare, {"a": 1, "b": 2})
    html = response.content.decode()
    assert "共有 1 项改动" in html and "（有改动）" in html
    assert "选派1<del>2</del>名" in html and "选派1<ins>5</ins>名" in html

    restore = reverse("admin:news_article_restore", args=[article.pk, 1])
    response = client.post(restore, {"seen_version": 2}, follow=True)
    assert "已恢复到第 1 版的内容，保存为第 3 版" in response.content.decode()
    article.refresh_from_db()
    assert "12名" in article.body and article.version == 3
    assert article.status == Status.REVIEW  # restoring never publishes
    # History is kept, not rewritten.
    assert list(Version.objects.of(article).values_list("number", flat=True)) == [3, 2, 1]
    assert Version.objects.of(article).get(number=3).note == "恢复到第 1 版"


def test_restoring_from_an_old_page_is_refused(client, editor):
    article = edited_story(client, editor)
    restore = reverse("admin:news_article_restore", args=[article.pk, 1])
    response = client.post(restore, {"seen_version": 1}, follow=True)
    assert "你打开的是第 1 版" in response.content.decode()
    article.refresh_from_db()
    assert "15名" in article.body and article.version == 2


def test_restore_brings_back_bylines_tags_and_zones(client, editor):
    from tests.conftest import make_zone

    article = make_article(status=Status.REVIEW, zones=[make_zone()], tags=["新业态"])
    client.force_login(editor)
    client.post(change_url(article), form_of(article, tags="", title="改过"))
    article.refresh_from_db()
    article.zones.clear()
    article.bylines.all().delete()
    client.post(change_url(article), form_of(article, tags="", seen_version=article.version))
    article.refresh_from_db()
    client.post(
        reverse("admin:news_article_restore", args=[article.pk, 1]),
        {"seen_version": article.version},
    )
    article.refresh_from_db()
    assert list(article.tags.names()) == ["新业态"]
    assert [z.name for z in article.zones.all()] == ["宝鸡高新区"]
    assert article.credit_line() == "杨建平"


def test_a_reporter_sees_and_restores_her_own_stories_versions(client, editor, reporter):
    article = edited_story(client, editor, created_by=reporter)
    client.force_login(reporter)
    assert client.get(reverse("admin:news_article_versions", args=[article.pk])).status_code == 200
    response = client.post(
        reverse("admin:news_article_restore", args=[article.pk, 1]), {"seen_version": 2}
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert "12名" in article.body


def test_a_reporter_cannot_see_or_restore_others_versions(client, editor, reporter, other_reporter):
    article = edited_story(client, editor, created_by=other_reporter)
    client.force_login(reporter)
    for url in (
        reverse("admin:news_article_versions", args=[article.pk]),
        reverse("admin:news_article_compare", args=[article.pk]) + "?a=1&b=2",
    ):
        assert client.get(url).status_code == 404
    response = client.post(
        reverse("admin:news_article_restore", args=[article.pk, 1]), {"seen_version": 2}
    )
    assert response.status_code == 404
    article.refresh_from_db()
    assert "15名" in article.body


def test_a_reporter_cannot_restore_her_published_story(client, editor, reporter):
    article = edited_story(client, editor, created_by=reporter)
    article.status = Status.PUBLISHED
    article.save()
    client.force_login(reporter)
    response = client.post(
        reverse("admin:news_article_restore", args=[article.pk, 1]),
        {"seen_version": article.version},
    )
    assert response.status_code == 403


def test_compare_needs_two_versions(client, editor):
    article = edited_story(client, editor)
    response = client.get(reverse("admin:news_article_compare", args=[article.pk]), {"a": "x"})
    assert response.status_code == 400
    assert "请选择要比较的两个版本" in response.content.decode()


def test_photo_captions_have_versions_and_conflicts(client, editor, reporter):
    photo = make_photo(user=reporter, caption="图为农技人员查看油菜花。")
    url = reverse("admin:news_photo_change", args=[photo.pk])
    data = {"credit": photo.credit, "alt_text": photo.alt_text, "seen_version": 1}
    client.force_login(editor)
    assert client.post(url, {**data, "caption": "图为杨凌农技人员查看油菜花。"}).status_code == 302
    client.force_login(reporter)
    response = client.post(url, {**data, "caption": "图为记者改的说明。"})
    assert response.status_code == 409
    assert "图为记者改的说明。" in response.content.decode()
    photo.refresh_from_db()
    assert photo.caption == "图为杨凌农技人员查看油菜花。"

    client.force_login(editor)
    compare = reverse("admin:news_photo_compare", args=[photo.pk])
    html = client.get(compare, {"a": 1, "b": 2}).content.decode()
    assert "图为<ins>杨凌</ins>农技人员" in html
    client.post(reverse("admin:news_photo_restore", args=[photo.pk, 1]), {"seen_version": 2})
    photo.refresh_from_db()
    assert photo.caption == "图为农技人员查看油菜花。"


def test_listings_have_versions_in_the_admin(client, editor, advertiser):
    """Listing words are the advertiser's: editors compare versions, only an admin restores."""
    from django.contrib.auth.models import User

    listing = make_listing(advertiser, "惠州仲恺欢迎您")
    url = reverse("admin:ads_listing_change", args=[listing.pk])
    client.force_login(User.objects.create_superuser("boss", password="pw-for-tests"))
    data = {
        "advertiser": advertiser.pk,
        "headline": "惠州仲恺高新区欢迎您",
        "slogans": listing.slogans,
        "placement": listing.placement,
        "first_day": listing.first_day.isoformat(),
        "last_day": listing.last_day.isoformat(),
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
        "seen_version": 1,
    }
    assert client.post(url, data).status_code == 302
    client.force_login(editor)
    html = client.get(reverse("admin:ads_listing_compare", args=[listing.pk]), {"a": 1, "b": 2})
    assert "惠州仲恺<ins>高新区</ins>欢迎您" in html.content.decode()
    restore = reverse("admin:ads_listing_restore", args=[listing.pk, 1])
    assert client.post(restore, {"seen_version": 2}).status_code == 403
    client.force_login(User.objects.get(username="boss"))
    client.post(reverse("admin:ads_listing_restore", args=[listing.pk, 1]), {"seen_version": 2})
    listing.refresh_from_db()
    assert listing.headline == "惠州仲恺欢迎您" and listing.contacts.count() == 1
