"""Checks for 版面 uploads: a one-page PDF (rendered to an image here) or a page image.

PDFs are read with pypdfium2 (PDFium, the engine in Chrome; Apache-2.0/BSD-3-Clause, wheels
for Linux, macOS and Windows, so `pip install` needs no system package). PyMuPDF is AGPL;
pdftoppm needs Poppler from the system and a subprocess per page.
"""

import io
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image

from news.images import to_srgb, validate_image_upload

PDF_MAGIC = b"%PDF-"
# Width in pixels of the image rendered from a page PDF: sharp when zoomed on a phone.
RENDER_WIDTH = 2400
# A newspaper page is taller than wide; anything outside these proportions is not a page.
MIN_RATIO, MAX_RATIO = 0.3, 3.0


def max_pdf_bytes() -> int:
    return settings.EPAPER_PDF_MAX_BYTES


@dataclass
class PageUpload:
    image: Image.Image
    pdf: bytes | None


def _read(file, limit: int) -> bytes:
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise _too_large(size, limit)
    file.seek(0)
    data = file.read(limit + 1)
    file.seek(0)
    if len(data) > limit:
        raise _too_large(len(data), limit)
    return data


def _too_large(size, limit) -> ValidationError:
    return ValidationError(
        "文件过大（%(size).1f MB），最大允许 %(limit).0f MB。",
        code="file_too_large",
        params={"size": size / 1024 / 1024, "limit": limit / 1024 / 1024},
    )


def read_page_upload(file) -> PageUpload:
    """Check an uploaded 版面 by its content, and return its image (and PDF bytes if a PDF)."""
    head = file.read(1024)
    file.seek(0)
    if PDF_MAGIC in head:
        data = _read(file, max_pdf_bytes())
        return PageUpload(image=render_pdf(data), pdf=data)
    try:
        validate_image_upload(file)
    except ValidationError:
        # Neither a PDF nor an image: speak of PDFs to whoever meant to send one.
        if head.lstrip()[:1] == b"%" or (file.name or "").lower().endswith(".pdf"):
            raise ValidationError(
                "文件不是有效的 PDF（按文件内容判断，与文件名无关）。请从排版软件重新导出 PDF。",
                code="not_a_pdf",
            ) from None
        raise
    file.seek(0)
    with Image.open(io.BytesIO(file.read())) as source:
        source.load()
        # A page exported from the print workflow is often CMYK: convert with its profile.
        image = to_srgb(source)
    if image.mode != "RGB":
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A") if "A" in image.getbands() else None)
        image = background
    file.seek(0)
    _check_ratio(image.width, image.height)
    return PageUpload(image=image, pdf=None)


def render_pdf(data: bytes) -> Image.Image:
    """Open a one-page PDF and render it RENDER_WIDTH pixels wide; refuse anything else."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise ValidationError(
                "PDF 已加密（设有密码或权限保护），无法读取。请导出不加密的 PDF 再上传。",
                code="encrypted",
            ) from None
        if error.err_code == pdfium_c.FPDF_ERR_SUCCESS:
            # PDFium opens the file without complaint but finds no page tree to load.
            raise _no_pages() from None
        raise ValidationError(
            "PDF 文件已损坏或不完整，无法读取。请从排版软件重新导出后再上传。", code="corrupt"
        ) from None
    try:
        count = len(document)
        if count == 0:
            raise _no_pages()
        if count > 1:
            raise ValidationError(
                "一个版面只能上传 1 页 PDF，此文件有 %(count)s 页。请按版拆分后逐版上传。",
                code="too_many_pages",
                params={"count": count},
            )
        page = document[0]
        try:
            width, height = page.get_size()
            if width <= 0 or height <= 0:
                raise _no_pages()
            _check_ratio(width, height)
            bitmap = page.render(scale=RENDER_WIDTH / width)
            image = bitmap.to_pil().convert("RGB")
        except pdfium.PdfiumError:
            raise ValidationError(
                "PDF 页面无法渲染，文件可能已损坏。请重新导出后再上传。", code="corrupt"
            ) from None
        finally:
            page.close()
    finally:
        document.close()
    return image


def _no_pages() -> ValidationError:
    return ValidationError("PDF 中没有页面。请检查导出设置后再上传。", code="no_pages")


def _check_ratio(width: float, height: float) -> None:
    if not MIN_RATIO <= height / width <= MAX_RATIO:
        raise ValidationError(
            "版面尺寸不像报纸版面（宽 %(width)d、高 %(height)d）。请上传整版的 PDF 或图片。",
            code="proportions",
            params={"width": width, "height": height},
        )
