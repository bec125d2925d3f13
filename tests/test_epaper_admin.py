"""The 数字报 in the admin: editors publish editions, reporters lay them out but cannot publish."""

from datetime import date

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from epaper.models import Edition, EditionStatus, Region
from tests.conftest import make_article
from tests.epaper_helpers import make_edition, make_page, make_region

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:epaper_edition_changelist")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _edition_form(**extra):
    return {
        "date": "2024-04-02",
        "number": "13",
        "total_number": "1287",
        "pages-TOTAL_FORMS": "0",
        "pages-INITIAL_FORMS": "0",
        "pages-MIN_NUM_FORMS": "0",
        "pages-MAX_NUM_FORMS": "1000",
        **extra,
    }


def _regions_form(page, rows):
    data = {
        "edition": page.edition_id,
        "number": page.number,
        "name": page.name,
        "position": page.position,
        "regions-TOTAL_FORMS": str(len(rows)),
        "regions-INITIAL_FORMS": "0",
        "regions-MIN_NUM_FORMS": "0",
        "regions-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"regions-{i}-{key}"] = value
    return data


def _region(article, position=1, **box):
    return {
        "article": article.pk if article else "",
        "listing": "",
        "position": position,
        **{"x": 0.1, "y": 0.1, "w": 0.3, "h": 0.2, **box},
    }


def test_an_editor_publishes_an_edition(client, editor):
    edition = make_edition(published=False)
    client.force_login(editor)
    response = client.post(
        CHANGELIST,
        {"action": "publish_selected", helpers.ACTION_CHECKBOX_NAME: [edition.pk]},
    )
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.is_live


def test_a_reporter_cannot_publish_by_action(client, reporter):
    edition = make_edition(published=False)
    client.force_login(reporter)
    page = client.get(CHANGELIST).content.decode()
    assert "publish_selected" not in page
    client.post(
        CHANGELIST, {"action": "publish_selected", helpers.ACTION_CHECKBOX_NAME: [edition.pk]}
    )
    edition.refresh_from_db()
    assert edition.status == EditionStatus.DRAFT


def test_a_reporter_cannot_publish_through_the_form(client, reporter):
    client.force_login(reporter)
    response = client.post(
        reverse("admin:epaper_edition_add"),
        _edition_form(status="published", publish_at_0="2024-04-02", publish_at_1="06:00:00"),
    )
    assert response.status_code == 302
    edition = Edition.objects.get()
    assert edition.status == EditionStatus.DRAFT
    assert edition.publish_at is None


def test_a_reporter_cannot_change_a_published_edition_or_its_regions(client, reporter):
    edition = make_edition(date(2024, 3, 28))
    page = make_page(edition)
    client.force_login(reporter)
    response = client.post(
        reverse("admin:epaper_edition_change", args=[edition.pk]),
        _edition_form(date="2024-03-28", status="draft"),
    )
    assert response.status_code == 403
    response = client.post(
        reverse("admin:epaper_page_change", args=[page.pk]),
        _regions_form(page, [_region(make_article())]),
    )
    assert response.status_code == 403
    assert Region.objects.count() == 0


def test_an_editor_draws_regions_linked_to_stories(client, editor):
    page = make_page(make_edition(published=False))
    first, second = make_article("第一篇"), make_article("第二篇")
    client.force_login(editor)
    response = client.post(
        reverse("admin:epaper_page_change", args=[page.pk]),
        _regions_form(page, [_region(first, 1), _region(second, 2, y=0.5)]),
    )
    assert response.status_code == 302
    assert [(r.article, r.edition_id) for r in page.regions.all()] == [
        (first, page.edition_id),
        (second, page.edition_id),
    ]


def test_a_story_goes_on_one_page_of_an_edition_only(client, editor):
    edition = make_edition(published=False)
    first, second = make_page(edition, 1), make_page(edition, 2, "园区动态")
    article = make_article()
    make_region(first, article=article)
    client.force_login(editor)
    response = client.post(
        reverse("admin:epaper_page_change", args=[second.pk]),
        _regions_form(second, [_region(article)]),
    )
    assert response.status_code == 200
    assert "一篇稿件在一期中只能链接一次" in response.content.decode()
    assert Region.objects.count() == 1


def test_a_region_needs_a_story_or_an_ad_and_must_fit_the_page(client, editor):
    page = make_page(make_edition(published=False))
    client.force_login(editor)
    url = reverse("admin:epaper_page_change", args=[page.pk])
    response = client.post(url, _regions_form(page, [_region(None)]))
    assert "每个热区链接一篇稿件或一条广告" in response.content.decode()
    response = client.post(url, _regions_form(page, [_region(make_article(), x=0.9, w=0.3)]))
    assert "热区超出了版面右边" in response.content.decode()
    assert Region.objects.count() == 0


def test_the_page_form_carries_the_region_editor_as_a_static_script(client, editor):
    page = make_page(make_edition(published=False))
    client.force_login(editor)
    html = client.get(reverse("admin:epaper_page_change", args=[page.pk])).content.decode()
    assert "data-region-editor" in html
    assert "epaper/admin-regions.js" in html
    assert 'id="regions-group"' in html


def test_group_permissions(reporter, editor):
    assert editor.has_perm("epaper.publish_edition")
    assert not reporter.has_perm("epaper.publish_edition")
    assert reporter.has_perm("epaper.change_page")
    assert reporter.has_perm("epaper.add_region")
    assert not reporter.has_perm("epaper.delete_edition")


def test_deleting_an_edition_removes_its_files(
    client, editor, settings, django_capture_on_commit_callbacks
):
    from tests.photo_helpers import stored_files

    edition = make_edition(published=False)
    make_page(edition)
    assert stored_files(settings.MEDIA_ROOT)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:epaper_edition_delete", args=[edition.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert not Edition.objects.exists()
    assert stored_files(settings.MEDIA_ROOT) == []


def test_a_reporter_cannot_delete_an_edition(client, reporter):
    edition = make_edition(published=False)
    client.force_login(reporter)
    response = client.post(
        reverse("admin:epaper_edition_delete", args=[edition.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Edition.objects.exists()


def test_a_reporter_cannot_move_a_page_into_a_published_edition(client, reporter):
    published = make_edition(date(2024, 3, 28))
    page = make_page(make_edition(date(2024, 4, 2), published=False))
    client.force_login(reporter)
    data = _regions_form(page, [])
    data["edition"] = published.pk
    response = client.post(reverse("admin:epaper_page_change", args=[page.pk]), data)
    assert response.status_code == 200
    page.refresh_from_db()
    assert page.edition.date == date(2024, 4, 2)


def test_a_page_moved_to_another_edition_takes_its_regions(client, editor):
    first = make_edition(date(2024, 4, 1), published=False)
    second = make_edition(date(2024, 4, 2), published=False)
    page = make_page(first)
    region = make_region(page, article=make_article())
    client.force_login(editor)
    data = _regions_form(page, [])
    data["edition"] = second.pk
    response = client.post(reverse("admin:epaper_page_change", args=[page.pk]), data)
    assert response.status_code == 302
    region.refresh_from_db()
    assert region.edition_id == second.pk


def test_a_page_cannot_move_to_an_edition_that_already_links_its_story(client, editor):
    first = make_edition(date(2024, 4, 1), published=False)
    second = make_edition(date(2024, 4, 2), published=False)
    article = make_article()
    page = make_page(first)
    make_region(page, article=article)
    make_region(make_page(second), article=article)
    client.force_login(editor)
    data = _regions_form(page, [])
    data["edition"] = second.pk
    response = client.post(reverse("admin:epaper_page_change", args=[page.pk]), data)
    assert response.status_code == 200
    assert "一篇稿件在一期中只能链接一次" in response.content.decode()
    page.refresh_from_db()
    assert page.edition_id == first.pk
