"""Resized copies of photos, in WebP with a JPEG fallback, made once and recorded in Rendition."""

import io
import posixpath

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from PIL import Image

from news.images import SRGB_PROFILE, on_white, to_srgb
from news.models import Photo, Rendition

# From a phone (320 CSS px at 1x) to a wide desktop column at 2x.
WIDTHS = (320, 640, 1024, 1600)
QUALITY = {Rendition.Format.WEBP: 80, Rendition.Format.JPEG: 82}


def widths_for(photo_width: int) -> list[int]:
    """The standard widths narrower than the photo, plus the photo's own when it is smaller."""
    widths = [w for w in WIDTHS if w < photo_width]
    if photo_width <= WIDTHS[-1] and photo_width not in widths:
        widths.append(photo_width)
    return widths


def rendition_name(photo: Photo, width: int, fmt: str) -> str:
    """Deterministic, next to the original: photos/2024/03/28/ab12.jpg -> ...ab12-640w.webp."""
    stem, _ = posixpath.splitext(photo.image.name)
    return f"{stem}-{width}w.{'jpg' if fmt == Rendition.Format.JPEG else 'webp'}"


def _encode(image: Image.Image, fmt: str) -> bytes:
    if fmt == Rendition.Format.JPEG and image.mode != "RGB":
        image = on_white(image)
    buffer = io.BytesIO()
    # No exif= or xmp=: nothing but pixels and the sRGB profile they are in leaves here.
    if fmt == Rendition.Format.JPEG:
        image.save(
            buffer,
            "JPEG",
            quality=QUALITY[fmt],
            optimize=True,
            progressive=True,
            icc_profile=SRGB_PROFILE,
        )
    else:
        image.save(buffer, "WEBP", quality=QUALITY[fmt], method=4, icc_profile=SRGB_PROFILE)
    return buffer.getvalue()


def ensure_renditions(photo: Photo) -> list[Rendition]:
    """Make the renditions this photo lacks; those already recorded are never made again."""
    # Asked afresh: a prefetched list may predate a replaced image.
    existing = set(Rendition.objects.filter(photo=photo).values_list("width", "format"))
    wanted = [
        (width, fmt)
        for width in widths_for(photo.width)
        for fmt in (Rendition.Format.WEBP, Rendition.Format.JPEG)
        if (width, fmt) not in existing
    ]
    if not wanted:
        return []
    storage = photo.image.storage
    made, saved_names = [], []
    try:
        # One transaction: if any rendition fails, no row is left pointing at a missing file.
        with (
            transaction.atomic(),
            photo.image.open("rb") as original,
            Image.open(original) as source,
        ):
            source.load()
            # Photos stored before uploads were converted may still carry another profile.
            source = to_srgb(source)
            source.info = {}
            # Widest first, each resized from the one before: far cheaper than from the original.
            current = source
            for width, fmt in sorted(wanted, reverse=True):
                height = max(1, round(source.height * width / source.width))
                if current.size != (width, height):
                    current = current.resize((width, height), Image.Resampling.LANCZOS)
                rendition = _store(photo, current, width, height, fmt, saved_names)
                if rendition is not None:
                    made.append(rendition)
    except BaseException:
        delete_files(saved_names, storage)
        raise
    return made


def _store(photo, image, width, height, fmt, saved_names) -> Rendition | None:
    storage = photo.image.storage
    name = rendition_name(photo, width, fmt)
    if storage.exists(name):
        # Left by an earlier, rolled-back attempt: replace it rather than rename.
        storage.delete(name)
    data = _encode(image, fmt)
    saved = storage.save(name, ContentFile(data))
    saved_names.append(saved)
    try:
        with transaction.atomic():
            return Rendition.objects.create(
                photo=photo, width=width, height=height, format=fmt, file=saved, size=len(data)
            )
    except IntegrityError:
        # Another process made it first, under the same name: keep that file.
        saved_names.remove(saved)
        if saved != name:
            storage.delete(saved)
        return None


def delete_files(names: list[str], storage) -> None:
    for name in names:
        if name and storage.exists(name):
            storage.delete(name)
