"""Uploading photos in the admin: bad files are refused with a message, and nothing is kept."""

import pytest
from django.urls import reverse

from news.models import Photo, Rendition
from tests.photo_helpers import image_bytes, png_bomb, stored_files, upload

ADD_URL = reverse("admin:news_photo_add")
SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script></svg>"
)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _post(client, file):
    return client.post(
        ADD_URL,
        {
            "image": file,
            "caption": "图为工作人员进行花检作业。",
            "credit": "图片来源:杨凌示范区",
            "alt_text": "油菜花田里的工作人员",
        },
    )


def _refused(response, media_root, expected: str):
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["image"]
    assert any(expected in error for error in errors), errors
    assert Photo.objects.count() == 0
    assert Rendition.objects.count() == 0
    assert stored_files(media_root) == []


def test_it_stores_a_good_jpeg_cleaned_with_renditions(client, editor, media_root):
    client.force_login(editor)
    response = _post(client, upload(image_bytes(1200, 800), name="IMG_2024 张三 家里.jpg"))
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert (photo.width, photo.height, photo.uploaded_by) == (1200, 800, editor)
    # The uploader's file name is not published; the path is dated.
    assert "张三" not in photo.image.name
    assert photo.image.name.startswith("photos/20")
    assert sorted(photo.renditions.values_list("width", "format")) == [
        (320, "jpeg"),
        (320, "webp"),
        (640, "jpeg"),
        (640, "webp"),
        (1024, "jpeg"),
        (1024, "webp"),
        # Narrower than the widest rendition: its own width is the largest.
        (1200, "jpeg"),
        (1200, "webp"),
    ]
    assert len(stored_files(media_root)) == 9


def test_it_refuses_a_text_file_named_jpg(client, editor, media_root):
    client.force_login(editor)
    response = _post(client, upload(b"this is not a picture\n" * 20, name="photo.jpg"))
    _refused(response, media_root, "文件不是有效的图片")


def test_it_refuses_a_truncated_jpeg(client, editor, media_root):
    client.force_login(editor)
    data = image_bytes(600, 400, noise=True)
    response = _post(client, upload(data[: len(data) // 2], name="cut.jpg"))
    _refused(response, media_root, "图片文件不完整或已损坏")


def test_it_refuses_an_image_over_the_pixel_limit(client, editor, media_root):
    client.force_login(editor)
    response = _post(client, upload(png_bomb(), name="small.png", content_type="image/png"))
    _refused(response, media_root, "图片尺寸过大")


def test_it_refuses_an_image_over_a_lowered_pixel_limit_naming_its_size(
    client, editor, media_root, settings
):
    settings.IMAGE_UPLOAD_MAX_PIXELS = 100_000
    client.force_login(editor)
    response = _post(client, upload(image_bytes(400, 300), name="big.jpg"))
    _refused(response, media_root, "图片尺寸过大（400×300 像素），最多允许 10 万像素")


def test_it_refuses_a_file_over_the_size_limit(client, editor, media_root, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 100_000
    client.force_login(editor)
    response = _post(client, upload(image_bytes(400, 400, "PNG", noise=True), name="big.png"))
    _refused(response, media_root, "图片文件过大")


@pytest.mark.parametrize("name", ["logo.svg", "logo.png"])
def test_it_refuses_an_svg_whatever_its_name(client, editor, media_root, name):
    client.force_login(editor)
    response = _post(client, upload(SVG, name=name, content_type="image/svg+xml"))
    _refused(response, media_root, "不接受 SVG")


def test_it_refuses_a_gif(client, editor, media_root):
    client.force_login(editor)
    response = _post(client, upload(image_bytes(40, 40, "GIF"), name="anim.gif"))
    _refused(response, media_root, "只接受 JPEG、PNG 或 WebP")


def test_it_keeps_the_other_fields_when_the_file_is_refused(client, editor, media_root):
    client.force_login(editor)
    response = _post(client, upload(b"not a picture", name="photo.jpg"))
    form = response.context["adminform"].form
    assert form["caption"].value() == "图为工作人员进行花检作业。"
    assert form["credit"].value() == "图片来源:杨凌示范区"


def test_it_requires_alt_text_and_credit(client, editor, media_root):
    client.force_login(editor)
    response = client.post(ADD_URL, {"image": upload(image_bytes()), "caption": "说明"})
    form = response.context["adminform"].form
    assert set(form.errors) == {"alt_text", "credit"}
    assert stored_files(media_root) == []


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_it_accepts_png_and_webp(client, editor, media_root, fmt):
    client.force_login(editor)
    response = _post(client, upload(image_bytes(500, 300, fmt), name=f"photo.{fmt.lower()}"))
    assert response.status_code == 302
    assert Photo.objects.get().image.name.endswith(".png" if fmt == "PNG" else ".webp")


def test_a_reporter_may_upload(client, reporter, media_root):
    client.force_login(reporter)
    response = _post(client, upload(image_bytes()))
    assert response.status_code == 302
    assert Photo.objects.get().uploaded_by == reporter
