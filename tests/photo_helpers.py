"""Images made on the spot for the photo tests, and a helper that stores one as an editor would."""

import io
import os
import struct
import zlib
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from news import services
from news.models import Photo

GPS_IFD = 0x8825
ORIENTATION = 0x0112
# 34°16'30.5"N 108°4'12"E: somewhere in 杨凌, which must never reach a reader.
GPS = {1: "N", 2: (34.0, 16.0, 30.5), 3: "E", 4: (108.0, 4.0, 12.0)}


def image_bytes(
    width: int = 400, height: int = 300, fmt: str = "JPEG", *, noise: bool = False, exif=None
) -> bytes:
    if noise:
        image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    else:
        image = Image.new("RGB", (width, height), (240, 200, 40))
        # A darker top-left quarter, so orientation can be checked from the pixels.
        image.paste((30, 60, 150), (0, 0, width // 2, height // 2))
    buffer = io.BytesIO()
    image.save(buffer, fmt, **({"exif": exif} if exif is not None else {}))
    return buffer.getvalue()


def gps_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"
    exif[GPS_IFD] = GPS
    return exif


def png_bomb(width: int = 60_000, height: int = 60_000) -> bytes:
    """A few hundred bytes whose header promises billions of pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def upload(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def make_photo(
    *,
    user=None,
    caption: str = "图为工作人员进行花检作业。",
    credit: str = "图片来源:杨凌示范区",
    alt_text: str = "油菜花田里的工作人员",
    data: bytes | None = None,
    **fields,
) -> Photo:
    """A photo stored as the admin stores one: cleaned, with its renditions."""
    photo = Photo(caption=caption, credit=credit, alt_text=alt_text, **fields)
    return services.photo_save(photo=photo, user=user, upload=upload(data or image_bytes()))


def stored_files(root) -> list[Path]:
    return sorted(p for p in Path(root).rglob("*") if p.is_file())
