"""Checks for uploaded images: what a file is comes from its content, never its name."""

from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG", "PNG", "WEBP"}


def validate_image_upload(file) -> None:
    """Refuse anything that is not a whole JPEG, PNG or WebP within the size and pixel limits."""
    if file.size > MAX_BYTES:
        raise ValidationError(f"图片不能超过 {MAX_BYTES // (1024 * 1024)} MB。", code="too_large")
    try:
        file.seek(0)
        with Image.open(file) as image:
            kind = image.format
            width, height = image.size
            # verify() reads the whole file, so a truncated or corrupt one is refused here.
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError("无法识别该图片，文件可能已损坏。", code="invalid") from None
    finally:
        file.seek(0)
    if kind not in FORMATS:
        raise ValidationError("只接受 JPEG、PNG 或 WebP 格式的图片。", code="format")
    if width * height > MAX_PIXELS:
        raise ValidationError("图片像素过多，请缩小后再上传。", code="too_many_pixels")
