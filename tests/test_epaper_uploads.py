"""Uploading a 版面 in the admin: bad PDFs and images are refused with a message, none kept."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from epaper.models import Edition, Page
from tests.epaper_helpers import (
    encrypted_pdf,
    make_edition,
    pdf_bytes,
    pdf_without_pages,
)
from tests.photo_helpers import image_bytes, stored_files

ADD_URL = reverse("admin:epaper_edition_add")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _post(client, data: bytes, name: str = "page.pdf", content_type="application/pdf"):
    return client.post(
        ADD_URL,
        {
            "date": "2024-03-28",
            "number": "12",
            "total_number": "1286",
            "status": "draft",
            "publish_at_0": "",
            "publish_at_1": "",
            "pages-TOTAL_FORMS": "1",
            "pages-INITIAL_FORMS": "0",
            "pages-MIN_NUM_FORMS": "0",
            "pages-MAX_NUM_FORMS": "1000",
            "pages-0-number": "1",
            "pages-0-name": "党建在高新",
            "pages-0-position": "1",
            "pages-0-upload": SimpleUploadedFile(name, data, content_type=content_type),
        },
    )


def _refused(response, media_root, expected: str):
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.errors[0]["upload"]
    assert any(expected in error for error in errors), errors
    assert Edition.objects.count() == 0
    assert Page.objects.count() == 0
    assert stored_files(media_root) == []


def test_it_renders_a_one_page_pdf_into_the_page_image(client, editor, media_root):
    client.force_login(editor)
    response = _post(client, pdf_bytes(width=700, height=1000))
    assert response.status_code == 302, response.context and response.context["errors"]
    page = Page.objects.get()
    assert page.edition.date == date(2024, 3, 28)
    assert (page.width, page.height) == (2400, 3429)
    assert page.rendition_widths() == [320, 640, 960, 1600]
    assert page.pdf_size > 0
    assert page.pdf.name.startswith(f"{page.folder}/")
    assert len(page.folder) == len("epaper/") + 32


def test_it_accepts_a_page_image_without_a_pdf(client, editor):
    client.force_login(editor)
    response = _post(client, image_bytes(800, 1100), "page.jpg", "image/jpeg")
    assert response.status_code == 302
    page = Page.objects.get()
    assert not page.pdf
    assert page.rendition_widths() == [320, 640, 800]


def test_it_refuses_a_pdf_with_no_pages(client, editor, media_root):
    client.force_login(editor)
    _refused(_post(client, pdf_without_pages()), media_root, "PDF 中没有页面")


def test_it_refuses_a_pdf_with_more_than_one_page(client, editor, media_root):
    client.force_login(editor)
    _refused(_post(client, pdf_bytes(pages=3)), media_root, "此文件有 3 页")


def test_it_refuses_an_encrypted_pdf(client, editor, media_root):
    client.force_login(editor)
    _refused(_post(client, encrypted_pdf()), media_root, "PDF 已加密")


def test_it_refuses_a_broken_pdf(client, editor, media_root):
    client.force_login(editor)
    _refused(_post(client, pdf_bytes()[:400]), media_root, "PDF 文件已损坏或不完整")


def test_it_refuses_a_text_file_named_pdf(client, editor, media_root):
    client.force_login(editor)
    _refused(_post(client, "这不是 PDF".encode() * 20), media_root, "文件不是有效的 PDF")


def test_it_refuses_a_pdf_over_the_size_limit(client, editor, media_root, settings):
    settings.EPAPER_PDF_MAX_BYTES = 1000
    client.force_login(editor)
    _refused(_post(client, pdf_bytes()), media_root, "文件过大")


def test_it_refuses_a_page_that_is_not_page_shaped(client, editor, media_root):
    client.force_login(editor)
    _refused(_post(client, pdf_bytes(width=2000, height=200)), media_root, "不像报纸版面")


def test_it_refuses_a_broken_image(client, editor, media_root):
    client.force_login(editor)
    _refused(
        _post(client, image_bytes(800, 1100)[:300], "page.jpg", "image/jpeg"),
        media_root,
        "图片",
    )


def test_a_new_page_needs_a_file(client, editor, media_root):
    client.force_login(editor)
    response = client.post(
        ADD_URL,
        {
            "date": "2024-03-28",
            "number": "12",
            "total_number": "1286",
            "status": "draft",
            "pages-TOTAL_FORMS": "1",
            "pages-INITIAL_FORMS": "0",
            "pages-MIN_NUM_FORMS": "0",
            "pages-MAX_NUM_FORMS": "1000",
            "pages-0-number": "1",
            "pages-0-name": "党建在高新",
            "pages-0-position": "1",
        },
    )
    assert response.status_code == 200
    assert "请上传本版的 PDF 或图片" in response.content.decode()
    assert Edition.objects.count() == 0


def test_replacing_a_page_file_removes_the_old_files(
    client, editor, media_root, django_capture_on_commit_callbacks
):
    from tests.epaper_helpers import make_page

    page = make_page(make_edition(published=False))
    old = stored_files(media_root)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:epaper_page_change", args=[page.pk]),
            {
                "edition": page.edition_id,
                "number": "1",
                "name": "党建在高新",
                "position": "1",
                "upload": SimpleUploadedFile(
                    "new.pdf", pdf_bytes(), content_type="application/pdf"
                ),
                "regions-TOTAL_FORMS": "0",
                "regions-INITIAL_FORMS": "0",
                "regions-MIN_NUM_FORMS": "0",
                "regions-MAX_NUM_FORMS": "1000",
            },
        )
    assert response.status_code == 302
    now = stored_files(media_root)
    assert old and now
    assert not set(now) & set(old)
    page.refresh_from_db()
    assert page.pdf.name and page.pdf.path in {str(p) for p in now}


def test_it_converts_a_cmyk_page_image_to_rgb(client, editor):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("CMYK", (800, 1100), (0, 255, 255, 0)).save(buffer, "JPEG")
    client.force_login(editor)
    response = _post(client, buffer.getvalue(), "page.jpg", "image/jpeg")
    assert response.status_code == 302
    page = Page.objects.get()
    with page.image.open("rb") as handle, Image.open(handle) as stored:
        assert stored.mode == "RGB"
        red, green, blue = stored.getpixel((400, 550))
        assert red > 200 and green < 80 and blue < 80
