"""Checks and cleaning for every uploaded image: the admin's photos and any other upload form."""

import io
import warnings
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow's names for the formats we accept, and the extension each is stored under.
ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
ACCEPTED_LABEL = "JPEG、PNG 或 WebP"


def _max_bytes() -> int:
    return settings.IMAGE_UPLOAD_MAX_BYTES


def _max_pixels() -> int:
    return settings.IMAGE_UPLOAD_MAX_PIXELS


def _looks_like_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in text


def validate_image_upload(file) -> None:
    """Refuse anything but a complete JPEG, PNG or WebP within the size and pixel limits."""
    size = getattr(file, "size", None)
    if size is not None and size > _max_bytes():
        raise ValidationError(
            "图片文件过大（%(size).1f MB），最大允许 %(limit).0f MB。请压缩后再上传。",
            code="file_too_large",
            params={"size": size / 1024 / 1024, "limit": _max_bytes() / 1024 / 1024},
        )
    # Read into memory (bounded by the size check): Pillow may close a file it was given.
    file.seek(0)
    data = file.read(_max_bytes() + 1)
    file.seek(0)
    if len(data) > _max_bytes():
        raise ValidationError(
            "图片文件过大，最大允许 %(limit).0f MB。请压缩后再上传。",
            code="file_too_large",
            params={"limit": _max_bytes() / 1024 / 1024},
        )
    if _looks_like_svg(data[:1024]):
        raise ValidationError(
            f"不接受 SVG 矢量图：请上传 {ACCEPTED_LABEL} 格式的照片。", code="svg"
        )
    try:
        # Pillow only reads the header here; nothing is decoded before the pixel check below.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise _too_many_pixels() from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise ValidationError(
            f"文件不是有效的图片：只接受 {ACCEPTED_LABEL} 格式的照片"
            "（按文件内容判断，与文件名无关）。",
            code="not_an_image",
        ) from None
    try:
        if image.format not in ACCEPTED_FORMATS:
            raise ValidationError(
                f"不支持 {image.format} 格式：只接受 {ACCEPTED_LABEL} 格式的照片。",
                code="format",
            )
        width, height = image.size
        if width * height > _max_pixels():
            raise _too_many_pixels(width, height)
        try:
            # A full decode is the only reliable way to find a truncated JPEG.
            image.load()
        except Exception:
            raise ValidationError(
                "图片文件不完整或已损坏，无法读取。请重新导出后再上传。", code="corrupt"
            ) from None
    finally:
        image.close()


def _too_many_pixels(width: int | None = None, height: int | None = None) -> ValidationError:
    dims = f"（{width}×{height} 像素）" if width else ""
    return ValidationError(
        "图片尺寸过大%(dims)s，最多允许 %(limit)s 万像素。请缩小后再上传。",
        code="too_many_pixels",
        params={"dims": dims, "limit": _max_pixels() // 10_000},
    )


@dataclass
class CleanImage:
    content: ContentFile
    width: int
    height: int
    extension: str


def clean_image(file) -> CleanImage:
    """Re-encode a validated upload upright and without EXIF, GPS, XMP or comments."""
    file.seek(0)
    with Image.open(io.BytesIO(file.read())) as source:
        fmt = source.format
        icc_profile = source.info.get("icc_profile")
        # Apply the camera's orientation to the pixels before the tag that records it is dropped.
        image = ImageOps.exif_transpose(source)
        image.load()
    image.info = {}
    params = {"icc_profile": icc_profile} if icc_profile else {}
    if fmt == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        params.update(quality=90, optimize=True, progressive=True)
    elif fmt == "WEBP":
        params.update(quality=90)
    else:
        params.update(optimize=True)
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    extension = ACCEPTED_FORMATS[fmt]
    return CleanImage(
        content=ContentFile(buffer.getvalue(), name=f"upload.{extension}"),
        width=image.width,
        height=image.height,
        extension=extension,
    )


class ImageUploadField(forms.ImageField):
    """A form image field that runs our checks first, so every refusal carries our message."""

    def to_python(self, data):
        if data not in self.empty_values:
            validate_image_upload(data)
        return super().to_python(data)


class CheckedImageField(models.ImageField):
    """An ImageField whose model forms (admin included) always use ImageUploadField."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadField, **kwargs})
