"""Photos and scans of paper checked and re-encoded on upload (issue 23, item 20): a small
file claiming a huge page is refused from its header, before any pixel is decoded."""

import io
import time

import pytest
from django.utils import translation
from PIL import Image

from sashakt.core.scans import KEPT_SIDE, ScanRejected, scan_image_clean
from sashakt.core.tests.hostile_files import png_claiming


@pytest.mark.parametrize(("width", "height"), [(20_000, 20_000), (12_000, 500), (8_000, 7_000)])
def test_a_small_file_claiming_a_huge_page_is_refused_without_decoding_it(width, height):
    data = png_claiming(width, height)
    assert len(data) < 100_000
    started = time.perf_counter()
    with translation.override("hi"), pytest.raises(ScanRejected) as refused:
        scan_image_clean(data)
    assert time.perf_counter() - started < 0.5
    assert "मेगापिक्सेल" in str(refused.value)


def test_a_phone_photo_is_kept_upright_small_and_without_its_metadata():
    photo = Image.new("RGB", (4000, 3000), "white")
    exif = photo.getexif()
    exif[0x0112] = 6  # taken with the phone turned: "rotate 90° to view"
    exif[0x010F] = "PhoneMaker"
    buffer = io.BytesIO()
    photo.save(buffer, format="JPEG", exif=exif.tobytes())
    kept = Image.open(io.BytesIO(scan_image_clean(buffer.getvalue())))
    assert kept.format == "JPEG" and kept.size == (KEPT_SIDE * 3 // 4, KEPT_SIDE)
    assert not kept.getexif()


def test_a_transparent_png_is_kept_on_white_and_a_small_one_keeps_its_size():
    sheet = Image.new("RGBA", (600, 400), (0, 0, 0, 0))
    buffer = io.BytesIO()
    sheet.save(buffer, format="PNG")
    kept = Image.open(io.BytesIO(scan_image_clean(buffer.getvalue())))
    assert kept.size == (600, 400) and kept.mode == "RGB"
    assert kept.getpixel((300, 200)) == (255, 255, 255) or min(kept.getpixel((300, 200))) > 250


@pytest.mark.parametrize(
    "data", [b"\x89PNG\r\n\x1a\nnot really", b"\xff\xd8\xff\xe0broken", b"GIF89a......"]
)
def test_what_is_not_a_readable_png_or_jpeg_is_refused(data):
    with pytest.raises(ScanRejected):
        scan_image_clean(data)
