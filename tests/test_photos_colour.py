"""Uploads from real cameras and editors' tools: MPO, transparent PNGs, colour profiles."""

import io

import pytest
from PIL import Image

from news.images import SRGB_PROFILE
from tests.photo_helpers import make_photo, swapped_rgb_profile

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _open(field) -> Image.Image:
    with field.open("rb") as file:
        image = Image.open(io.BytesIO(file.read()))
        image.load()
    return image


def _encoded(image: Image.Image, fmt: str, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def test_it_accepts_an_mpo_and_keeps_its_first_frame():
    first = Image.new("RGB", (400, 300), (200, 30, 30))
    second = Image.new("RGB", (400, 300), (30, 30, 200))
    data = _encoded(first, "MPO", save_all=True, append_images=[second])
    assert Image.open(io.BytesIO(data)).format == "MPO"

    photo = make_photo(data=data)
    stored = _open(photo.image)
    assert stored.format == "JPEG"
    assert photo.image.name.endswith(".jpg")
    red, _, blue = stored.getpixel((200, 150))
    assert red > 150 > blue


def test_a_palette_png_keeps_its_transparency_in_the_photo_and_its_renditions():
    image = Image.new("P", (400, 300), 0)
    image.putpalette([255, 255, 255, 200, 30, 30] + [0, 0, 0] * 254)
    image.paste(1, (100, 100, 300, 200))  # a red box on a transparent ground
    photo = make_photo(data=_encoded(image, "PNG", transparency=0))

    stored = _open(photo.image)
    assert stored.mode == "RGBA"
    assert stored.getpixel((10, 10))[3] == 0
    assert stored.getpixel((200, 150))[3] == 255
    webp = _open(photo.renditions.get(width=320, format="webp").file)
    assert webp.mode == "RGBA"
    assert webp.getpixel((5, 5))[3] == 0


def test_it_converts_to_srgb_with_the_photo_s_own_profile():
    # Pure red in a profile whose red primary is sRGB's blue: on screen it is blue.
    image = Image.new("RGB", (400, 300), (255, 0, 0))
    photo = make_photo(data=_encoded(image, "JPEG", icc_profile=swapped_rgb_profile()))

    stored = _open(photo.image)
    red, _, blue = stored.getpixel((200, 150))
    assert blue > 200 and red < 60
    assert stored.info["icc_profile"] == SRGB_PROFILE
    for rendition in photo.renditions.all():
        shown = _open(rendition.file)
        assert shown.info.get("icc_profile") == SRGB_PROFILE, rendition.file.name
        red, _, blue = shown.convert("RGB").getpixel((shown.width // 2, shown.height // 2))
        assert blue > 200 and red < 60


def test_a_cmyk_jpeg_becomes_rgb_without_its_cmyk_profile():
    image = Image.new("CMYK", (400, 300), (0, 255, 255, 0))  # red ink
    data = _encoded(image, "JPEG", icc_profile=swapped_rgb_profile())  # a profile that won't fit
    photo = make_photo(data=data)
    stored = _open(photo.image)
    assert stored.mode == "RGB"
    assert stored.info["icc_profile"] == SRGB_PROFILE
    red, green, blue = stored.getpixel((200, 150))
    assert red > 200 and green < 60 and blue < 60
