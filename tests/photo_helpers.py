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


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _xyz_tag(x: float, y: float, z: float) -> bytes:
    return b"XYZ " + b"\0" * 4 + _s15(x) + _s15(y) + _s15(z)


def swapped_rgb_profile() -> bytes:
    """An RGB ICC profile whose red and blue primaries are sRGB's blue and red: a pixel that is
    pure red in it is blue on screen, so whether a profile was applied shows in the pixels."""
    desc_text = b"Swapped RGB\0"
    desc = (
        b"desc" + b"\0" * 4 + struct.pack(">I", len(desc_text)) + desc_text
        + b"\0" * 8 + b"\0" * 3 + b"\0" * 67
    )  # fmt: skip
    curve = b"curv" + b"\0" * 4 + struct.pack(">IH", 1, 0x0233) + b"\0\0"  # gamma 2.2
    d50 = (0.9642, 1.0, 0.8249)
    red, green, blue = (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141)
    tags = [
        (b"desc", desc),
        (b"wtpt", _xyz_tag(*d50)),
        (b"rXYZ", _xyz_tag(*blue)),
        (b"gXYZ", _xyz_tag(*green)),
        (b"bXYZ", _xyz_tag(*red)),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
        (b"cprt", b"text" + b"\0" * 4 + b"none\0\0\0\0"),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags:
        body += b"\0" * (-len(body) % 4)
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = (
        struct.pack(">I", size) + b"\0" * 4 + struct.pack(">I", 0x02100000)
        + b"mntrRGB XYZ " + b"\0" * 12 + b"acsp" + b"\0" * 24 + struct.pack(">I", 0)
        + _s15(d50[0]) + _s15(d50[1]) + _s15(d50[2]) + b"\0" * 4 + b"\0" * 16 + b"\0" * 28
    )  # fmt: skip
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + data
