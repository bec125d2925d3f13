"""Checks and cleaning for every uploaded image: the admin's photos and any other upload form."""

import io
import warnings
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

# Pillow's names for the formats we accept, and the extension each is stored under. MPO is a
# JPEG with further frames (what many phones and cameras write); its first frame is the photo.
ACCEPTED_FORMATS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp"}
# What an accepted format is stored as.
STORED_FORMAT = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP"}
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


_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
# Embedded in every stored image and rendition, so colour-managed browsers need not guess.
SRGB_PROFILE = _SRGB.tobytes()


def to_srgb(image: Image.Image) -> Image.Image:
    """The image in sRGB (RGB or RGBA), its embedded colour profile applied rather than dropped.

    A CMYK or Adobe RGB photo shown with its profile thrown away has wrong colours; converting
    with the profile keeps them. An image without a profile is taken to be sRGB already.
    """
    icc = image.info.get("icc_profile")
    if image.mode == "P" or (image.mode in ("L", "RGB") and "transparency" in image.info):
        # Palette and tRNS transparency live in info, which is dropped later: make it alpha.
        image = image.convert("RGBA")
    elif image.mode not in ("RGB", "RGBA", "L", "LA", "CMYK"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    target_mode = "RGBA" if "A" in image.getbands() else "RGB"
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(
                image,
                source,
                _SRGB,
                renderingIntent=ImageCms.Intent.PERCEPTUAL,
                outputMode=target_mode,
            )
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: fall back to the plain conversion below
    if image.mode in ("L", "LA") and not icc:
        return image  # grey without a profile stays grey (sRGB's grey)
    return image.convert(target_mode) if image.mode != target_mode else image


def on_white(image: Image.Image) -> Image.Image:
    """The image in RGB, laid on white as the page background is (JPEG has no transparency)."""
    background = Image.new("RGB", image.size, "white")
    background.paste(image, mask=image.getchannel("A") if "A" in image.getbands() else None)
    return background


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
        fmt = STORED_FORMAT[source.format]
        source.seek(0)  # an MPO's first frame
        info = {k: source.info[k] for k in ("icc_profile", "transparency") if k in source.info}
        # Apply the camera's orientation to the pixels before the tag that records it is dropped.
        image = ImageOps.exif_transpose(source)
        image.load()
    # Nothing of the original's metadata survives but what colour and transparency need.
    image.info = info
    image = to_srgb(image)
    image.info = {}
    params = {"icc_profile": SRGB_PROFILE}
    if fmt == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = on_white(image)
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
