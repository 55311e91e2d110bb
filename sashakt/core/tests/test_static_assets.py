"""The Devanagari font subset and the hashed static names behind page weight."""

import re

from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from fontTools.ttLib import TTFont

from sashakt.core.staticfinders import FONT_FILE, font_subset_path, font_subset_write

STATIC_STORAGE = {"BACKEND": "sashakt.core.staticfinders.StaticStorage"}


def test_the_font_is_a_small_woff2_with_every_letter_the_interface_writes():
    path = font_subset_path()
    font = TTFont(path)
    assert font.flavor == "woff2"
    assert path.stat().st_size < FONT_FILE.stat().st_size / 5
    cmap = font.getBestCmap()
    text = "दिसंबर गुरुवार क्षेत्र पंचायत प्रशिक्षण ज़िला। Panchayat Pramukh Zoë ₹ – “”"
    assert [c for c in set(text) if ord(c) not in cmap] == []
    weights = next(a for a in font["fvar"].axes if a.axisTag == "wght")
    assert (weights.minValue, weights.maxValue) == (400, 700)
    assert "GSUB" in font  # conjuncts and matras are shaped, not drawn letter by letter


def test_every_machine_builds_the_same_bytes_so_the_hashed_name_agrees(tmp_path):
    font_subset_write(tmp_path / "again.woff2")
    assert (tmp_path / "again.woff2").read_bytes() == font_subset_path().read_bytes()


def test_the_font_is_built_once_and_found_by_its_published_name(client):
    response = client.get("/static/fonts/NotoSansDevanagari.woff2")
    assert response.status_code == 200
    assert response["Content-Type"] == "font/woff2"
    assert b"".join(response.streaming_content) == font_subset_path().read_bytes()


def test_before_collectstatic_pages_link_plain_names_and_after_it_hashed_ones(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": STATIC_STORAGE}
    assert staticfiles_storage.url("css/sashakt.css") == "/static/css/sashakt.css"

    call_command("collectstatic", "--noinput", verbosity=0)
    settings.STORAGES = {**settings.STORAGES}  # a fresh storage reads the new manifest
    css_url = staticfiles_storage.url("css/sashakt.css")
    assert re.fullmatch(r"/static/css/sashakt\.[0-9a-f]{12}\.css", css_url)
    collected = (settings.STATIC_ROOT / css_url.removeprefix("/static/")).read_text()
    font_url = re.search(r'url\("([^"]+\.woff2)"\)', collected).group(1)
    assert re.fullmatch(r"\.\./fonts/NotoSansDevanagari\.[0-9a-f]{12}\.woff2", font_url)
    assert (settings.STATIC_ROOT / "css" / (css_url.rsplit("/", 1)[1] + ".gz")).exists()
