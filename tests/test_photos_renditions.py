"""Renditions are made once per photo and width, and page views only read them."""

from unittest import mock

import pytest
from django.core.files.storage import FileSystemStorage
from django.urls import reverse

from news import renditions
from news.models import Kind, Photo, Rendition
from news.renditions import ensure_renditions, widths_for
from tests.conftest import make_article
from tests.photo_helpers import image_bytes, make_photo, stored_files, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _snapshot(media_root):
    return {path: path.stat().st_mtime_ns for path in stored_files(media_root)}


def test_renditions_are_not_regenerated_on_a_second_page_view(client, media_root):
    photo = make_photo(data=image_bytes(2000, 1000))
    story = make_article(kind=Kind.PHOTO, lead_photo=photo)
    rows, files = list(Rendition.objects.values_list("pk", "file")), _snapshot(media_root)

    with (
        mock.patch.object(FileSystemStorage, "_save", autospec=True) as save,
        mock.patch.object(FileSystemStorage, "exists", autospec=True) as exists,
        mock.patch.object(FileSystemStorage, "_open", autospec=True) as open_,
    ):
        for _ in range(2):
            response = client.get(story.get_absolute_url())
            assert response.status_code == 200
            assert b"-1600w.webp 1600w" in response.content
        client.get(reverse("home"))
        client.get(reverse("news:photos"))

    # Pages neither write nor even look at storage: URLs come from the recorded renditions.
    assert (save.call_count, exists.call_count, open_.call_count) == (0, 0, 0)
    assert list(Rendition.objects.values_list("pk", "file")) == rows
    assert _snapshot(media_root) == files


def test_making_renditions_again_makes_nothing(media_root):
    photo = make_photo(data=image_bytes(700, 500))
    files = _snapshot(media_root)
    assert ensure_renditions(photo) == []
    assert _snapshot(media_root) == files


def test_a_missing_rendition_is_made_and_only_that_one(media_root):
    photo = make_photo(data=image_bytes(700, 500))
    Rendition.objects.filter(photo=photo, width=640, format="webp").delete()
    made = ensure_renditions(photo)
    assert [(r.width, r.format) for r in made] == [(640, "webp")]
    assert Rendition.objects.filter(photo=photo).count() == 6


@pytest.mark.parametrize(
    ("photo_width", "widths"),
    [(4000, [320, 640, 1024, 1600]), (1200, [320, 640, 1024, 1200]), (200, [200])],
)
def test_widths_go_from_a_phone_to_a_wide_desktop_without_upscaling(photo_width, widths):
    assert widths_for(photo_width) == widths


def test_replacing_the_image_replaces_its_renditions(
    client, editor, media_root, django_capture_on_commit_callbacks
):
    photo = make_photo(user=editor, data=image_bytes(700, 500))
    old_files = set(stored_files(media_root))
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:news_photo_change", args=[photo.pk]),
            {
                "image": upload(image_bytes(500, 700), name="new.jpg"),
                "credit": photo.credit,
                "alt_text": photo.alt_text,
                "caption": photo.caption,
                "seen_version": photo.version,
            },
        )
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.width, photo.height) == (500, 700)
    assert {r.height for r in photo.renditions.all()} == {448, 700}
    # The old original and renditions are gone from storage once the change committed.
    assert not old_files & set(stored_files(media_root))
    assert len(stored_files(media_root)) == 1 + 4


def test_a_failure_while_making_renditions_leaves_no_file_and_no_row(media_root):
    real_encode = renditions._encode
    calls = []

    def failing_encode(image, fmt):
        calls.append(fmt)
        if len(calls) == 3:
            raise OSError("disk full")
        return real_encode(image, fmt)

    with mock.patch.object(renditions, "_encode", failing_encode), pytest.raises(OSError):
        make_photo(data=image_bytes(700, 500))
    assert Photo.objects.count() == 0 and Rendition.objects.count() == 0
    assert stored_files(media_root) == []


def test_the_command_makes_only_missing_renditions():
    from django.core.management import call_command

    photo = make_photo()
    before = Rendition.objects.filter(photo=photo).count()
    Rendition.objects.filter(photo=photo, width=320).delete()
    call_command("make_renditions", verbosity=0)
    assert Rendition.objects.filter(photo=photo).count() == before
