"""Privacy: no EXIF or GPS reaches readers, and photos stand the way the camera held them."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from news.models import Photo
from tests.photo_helpers import GPS_IFD, gps_exif, image_bytes, stored_files, upload


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _upload(client, data, name):
    return client.post(
        reverse("admin:news_photo_add"),
        {"image": upload(data, name=name), "credit": "本报记者 张三 摄", "alt_text": "花田"},
    )


@pytest.mark.parametrize("fmt", ["JPEG", "WEBP"])
def test_gps_exif_comes_out_of_every_stored_file(client, editor, media_root, fmt):
    data = image_bytes(1800, 1200, fmt, exif=gps_exif())
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)  # it was there
    client.force_login(editor)
    assert _upload(client, data, f"gps.{fmt.lower()}").status_code == 302

    photo = Photo.objects.get()
    files = stored_files(media_root)
    # The original and each of the eight renditions (four widths, WebP and JPEG).
    assert len(files) == 1 + photo.renditions.count() == 9
    for path in files:
        raw = path.read_bytes()
        assert b"Exif" not in raw and b"PhoneMaker" not in raw, path.name
        with Image.open(path) as image:
            assert not image.getexif(), path.name
            assert not image.getexif().get_ifd(GPS_IFD), path.name
            assert "exif" not in image.info and "xmp" not in image.info, path.name


def test_orientation_is_applied_before_the_tag_is_dropped(client, editor):
    # Stored landscape, shot in portrait: EXIF orientation 6 says "rotate 90° clockwise".
    data = image_bytes(800, 600, exif=gps_exif(orientation=6))
    client.force_login(editor)
    assert _upload(client, data, "portrait.jpg").status_code == 302

    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (600, 800)
    for rendition in photo.renditions.all():
        with Image.open(rendition.file.path) as image:
            assert image.height > image.width
            # The dark quarter, top-left in the sensor's frame, is top-right once upright.
            top_right = image.getpixel((image.width - 5, 5))
            assert top_right[2] > top_right[0], rendition.file.name
