"""Writes that touch files or several rows: storing a page's upload, publishing an edition."""

import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from PIL import Image

from epaper.models import Edition, EditionStatus, Page
from epaper.uploads import PageUpload
from news.renditions import delete_files

# From a phone at 1x to a desktop at 2x; the thumbnail of the 版面 list is the narrowest.
WIDTHS = (320, 640, 960, 1600)
JPEG_QUALITY = 82


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return buffer.getvalue()


def _save(name: str, data: bytes, saved: list[str]) -> str:
    stored = default_storage.save(name, ContentFile(data))
    saved.append(stored)
    return stored


def _old_files(page: Page) -> list[str]:
    return [page.image.name, page.pdf.name, *(name for _, _, name in page.renditions)]


def _make_renditions(
    page: Page, image: Image.Image, stamp: str, saved: list[str], *, reuse: bool = False
) -> list:
    renditions = []
    current = image
    # Widest first, each resized from the one before: far cheaper than from the original.
    for width in sorted((w for w in WIDTHS if w < image.width), reverse=True):
        height = max(1, round(image.height * width / image.width))
        name = f"{page.folder}/{stamp}-{width}w.jpg"
        if reuse and default_storage.exists(name):
            # Made by an earlier load of the same fixture, from the same image.
            renditions.append([width, height, name])
            continue
        current = current.resize((width, height), Image.Resampling.LANCZOS)
        name = _save(name, _jpeg(current), saved)
        renditions.append([width, height, name])
    if not renditions or image.width <= WIDTHS[-1]:
        renditions.append([image.width, image.height, page.image.name])
    return sorted(renditions)


def page_ensure_renditions(*, page: Page) -> Page:
    """Make the renditions of a page whose image was stored directly (the demo fixture)."""
    if page.renditions or not page.image:
        return page
    saved: list[str] = []
    try:
        with page.image.open("rb") as handle, Image.open(handle) as source:
            image = source.convert("RGB")
        page.width, page.height = image.size
        stamp = page.image.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        page.renditions = _make_renditions(page, image, stamp, saved, reuse=True)
        if page.pdf and not page.pdf_size:
            page.pdf_size = page.pdf.size
        page.save(update_fields=["width", "height", "renditions", "pdf_size"])
    except BaseException:
        delete_files(saved, default_storage)
        raise
    return page


def page_attach_upload(*, page: Page, upload: PageUpload) -> Page:
    """Store a checked upload as the page's image, renditions and PDF; undo it all on failure."""
    image = upload.image
    old, saved = _old_files(page) if page.pk else [], []
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    try:
        with transaction.atomic():
            page.image = _save(f"{page.folder}/{stamp}.jpg", _jpeg(image), saved)
            page.width, page.height = image.size
            page.renditions = _make_renditions(page, image, stamp, saved)
            if upload.pdf is not None:
                page.pdf = _save(f"{page.folder}/{stamp}.pdf", upload.pdf, saved)
                page.pdf_size = len(upload.pdf)
            else:
                page.pdf, page.pdf_size = "", 0
            page.save()
            # The replaced files go only once the new ones are committed.
            transaction.on_commit(
                lambda: delete_files([n for n in old if n not in saved], default_storage)
            )
    except BaseException:
        delete_files(saved, default_storage)
        raise
    return page


def page_delete(*, page: Page) -> None:
    names = _old_files(page)
    with transaction.atomic():
        page.delete()
        transaction.on_commit(lambda: delete_files(names, default_storage))


def edition_delete(*, edition: Edition) -> None:
    names = [name for page in edition.pages.all() for name in _old_files(page)]
    with transaction.atomic():
        edition.delete()
        transaction.on_commit(lambda: delete_files(names, default_storage))


def edition_publish(*, edition: Edition, publish_at=None) -> Edition:
    """Publish now, or at publish_at: readers see it from then on, with no job to run."""
    edition.status = EditionStatus.PUBLISHED
    edition.publish_at = publish_at or edition.publish_at or timezone.now()
    edition.save(update_fields=["status", "publish_at", "updated_at"])
    return edition


def edition_unpublish(*, edition: Edition) -> Edition:
    edition.status = EditionStatus.DRAFT
    edition.save(update_fields=["status", "updated_at"])
    return edition
