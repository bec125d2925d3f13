"""The photo library in the admin: thumbnails, search, filter, picker, and who may do what."""

import pytest
from django.urls import reverse

from news.models import ArticlePhoto, Contributor, Kind, Photo, Status
from tests.conftest import make_article, make_section
from tests.photo_helpers import image_bytes, make_photo, stored_files

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _photo_row(n: int) -> Photo:
    """A photo row without files, for lists where only the rows matter."""
    return Photo.objects.create(
        image=f"photos/2024/03/28/p{n}.jpg",
        width=800,
        height=600,
        caption=f"图为第{n}张",
        credit="本报记者 摄",
        alt_text="田野",
    )


def test_the_photo_list_shows_thumbnails(client, editor):
    make_photo(user=editor)
    client.force_login(editor)
    html = client.get(reverse("admin:news_photo_changelist")).content.decode()
    assert '<img src="/media/photos/' in html and '-320w.jpg"' in html


def test_the_photo_list_searches_captions_and_credits(client, editor):
    make_photo(caption="图为花检作业。", credit="图片来源:杨凌示范区")
    make_photo(caption="图为快递员在驿站学习。", credit="本报记者 杨建平 摄")
    client.force_login(editor)
    url = reverse("admin:news_photo_changelist")
    by_credit = client.get(url, {"q": "杨凌"}).context["cl"].result_list
    by_caption = client.get(url, {"q": "驿站"}).context["cl"].result_list
    assert [p.caption for p in by_credit] == ["图为花检作业。"]
    assert [p.caption for p in by_caption] == ["图为快递员在驿站学习。"]


def test_the_photo_list_filters_by_photographer(client, editor):
    zhao = Contributor.objects.create(name="赵旭")
    make_photo(caption="赵旭拍的", photographer=zhao)
    make_photo(caption="别人拍的")
    client.force_login(editor)
    response = client.get(
        reverse("admin:news_photo_changelist"), {"photographer__id__exact": zhao.pk}
    )
    assert [p.caption for p in response.context["cl"].result_list] == ["赵旭拍的"]


def test_the_lead_photo_picker_loads_a_page_of_photos_not_all(client, reporter):
    for n in range(30):
        _photo_row(n)
    client.force_login(reporter)
    form = client.get(reverse("admin:news_article_add")).content.decode()
    start = form.index('name="lead_photo"')
    select = form[start : form.index("</select>", start)]
    assert "图为第" not in select  # the choices are fetched as the editor types
    results = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "news", "model_name": "article", "field_name": "lead_photo", "term": "图为"},
    ).json()
    assert len(results["results"]) == 20 and results["pagination"]["more"] is True


def test_the_article_form_shows_the_lead_photo_thumbnail(client, editor):
    photo = make_photo(alt_text="油菜花田")
    article = make_article(lead_photo=photo)
    ArticlePhoto.objects.create(article=article, photo=make_photo(alt_text="正文配图一"))
    client.force_login(editor)
    html = client.get(reverse("admin:news_article_change", args=[article.pk])).content.decode()
    assert 'alt="油菜花田"' in html and 'alt="正文配图一"' in html


def test_a_photo_story_needs_a_lead_photo(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:news_article_add"),
        {
            "kind": Kind.PHOTO,
            "section": make_section().pk,
            "title": "没有图的图片新闻",
            "status": Status.DRAFT,
            "bylines-TOTAL_FORMS": 0,
            "bylines-INITIAL_FORMS": 0,
            "body_photos-TOTAL_FORMS": 0,
            "body_photos-INITIAL_FORMS": 0,
        },
    )
    assert response.context["adminform"].form.errors["lead_photo"] == ["图片新闻必须选择一张题图。"]


def test_a_reporter_may_not_delete_a_photo(client, reporter):
    photo = make_photo(user=reporter)
    client.force_login(reporter)
    response = client.post(reverse("admin:news_photo_delete", args=[photo.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Photo.objects.filter(pk=photo.pk).exists()


def test_a_reporter_may_not_change_another_reporters_photo(client, reporter, other_reporter):
    photo = make_photo(user=other_reporter, caption="原说明")
    client.force_login(reporter)
    response = client.post(
        reverse("admin:news_photo_change", args=[photo.pk]),
        {"caption": "改过的说明", "credit": photo.credit, "alt_text": photo.alt_text},
    )
    assert response.status_code == 403
    photo.refresh_from_db()
    assert photo.caption == "原说明"


def test_a_reporter_may_not_change_a_photo_a_published_story_uses(client, reporter):
    photo = make_photo(user=reporter, caption="原说明")
    make_article(lead_photo=photo, status=Status.PUBLISHED)
    client.force_login(reporter)
    response = client.post(
        reverse("admin:news_photo_change", args=[photo.pk]),
        {"caption": "改过的说明", "credit": photo.credit, "alt_text": photo.alt_text},
    )
    assert response.status_code == 403


def test_a_reporter_may_correct_their_own_unused_photo(client, reporter):
    photo = make_photo(user=reporter, caption="原说明")
    client.force_login(reporter)
    response = client.post(
        reverse("admin:news_photo_change", args=[photo.pk]),
        {
            "caption": "改过的说明",
            "credit": photo.credit,
            "alt_text": photo.alt_text,
            "seen_version": photo.version,
        },
    )
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.caption == "改过的说明"


def test_deleting_a_photo_removes_its_files(
    client, editor, media_root, django_capture_on_commit_callbacks
):
    photo = make_photo(user=editor)
    assert stored_files(media_root)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:news_photo_delete", args=[photo.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert stored_files(media_root) == []


def test_a_photo_in_a_story_body_cannot_be_deleted_by_accident(client, editor):
    photo = make_photo(user=editor, data=image_bytes(360, 240))
    ArticlePhoto.objects.create(article=make_article(), photo=photo)
    client.force_login(editor)
    response = client.post(reverse("admin:news_photo_delete", args=[photo.pk]), {"post": "yes"})
    assert response.status_code == 200  # the page explains which story protects it
    assert Photo.objects.filter(pk=photo.pk).exists()
