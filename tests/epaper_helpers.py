"""Editions, pages and PDFs made on the spot for the 数字报 tests."""

import io
from datetime import date, timedelta
from itertools import count

from django.utils import timezone
from PIL import Image

from epaper import services
from epaper.models import Edition, EditionStatus, Page, Region
from epaper.uploads import PageUpload

_seq = count(1)


def page_image(width: int = 700, height: int = 1000) -> Image.Image:
    image = Image.new("RGB", (width, height), (250, 248, 240))
    image.paste((180, 30, 30), (20, 20, width - 20, 120))
    return image


def pdf_bytes(pages: int = 1, width: int = 700, height: int = 1000) -> bytes:
    """A real PDF drawn by Pillow, with the given number of pages."""
    images = [page_image(width, height) for _ in range(pages)]
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:], resolution=72.0)
    return buffer.getvalue()


def _pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d /Root 1 0 R" % (len(objects) + 1) + trailer
    return out + b">>\nstartxref\n%d\n%%%%EOF\n" % xref


def pdf_without_pages() -> bytes:
    return _pdf([b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[]/Count 0>>"])


def encrypted_pdf() -> bytes:
    """A page behind the standard security handler with a password nobody knows."""
    return _pdf(
        [
            b"<</Type/Catalog/Pages 2 0 R>>",
            b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
            b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 600 800]>>",
            b"<</Filter/Standard/V 2/R 3/Length 128/P -4/O<"
            + b"11" * 32
            + b">/U<"
            + b"22" * 32
            + b">>>",
        ],
        b" /Encrypt 4 0 R /ID[<" + b"33" * 16 + b"><" + b"33" * 16 + b">]",
    )


def make_edition(
    day: date | None = None, *, published: bool = True, publish_at=None, **fields
) -> Edition:
    n = next(_seq)
    if published and publish_at is None:
        publish_at = timezone.now() - timedelta(hours=1)
    return Edition.objects.create(
        date=day or date(2024, 3, 1) + timedelta(days=n),
        number=n,
        total_number=1000 + n,
        status=EditionStatus.PUBLISHED if published else EditionStatus.DRAFT,
        publish_at=publish_at,
        **fields,
    )


def make_page(edition: Edition, number: int = 1, name: str = "党建在高新", *, pdf=True) -> Page:
    page = Page(edition=edition, number=number, name=name, position=number)
    image = page_image()
    return services.page_attach_upload(
        page=page, upload=PageUpload(image=image, pdf=pdf_bytes() if pdf else None)
    )


def make_region(page: Page, *, article=None, listing=None, position=0, x=0.1, y=0.1) -> Region:
    return Region.objects.create(
        page=page, article=article, listing=listing, x=x, y=y, w=0.3, h=0.2, position=position
    )
