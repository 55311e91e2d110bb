"""nginx must let the largest import through, so the user sees the app's own message (in
Hindi) for a file over the limit rather than nginx's bare 413."""

import re

from django.conf import settings

from sashakt.people.services import MAX_UPLOAD_BYTES

UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def test_nginx_client_max_body_size_matches_the_upload_limit():
    conf = (settings.BASE_DIR / "deploy" / "nginx" / "sashakt.conf").read_text()
    sizes = re.findall(r"^\s*client_max_body_size\s+(\d+)([kmg]?)\s*;", conf, re.I | re.M)
    assert len(sizes) == 1, sizes
    number, unit = sizes[0]
    nginx_bytes = int(number) * UNITS[unit.lower()]
    # Room for the multipart form around the file, but not a door for much larger bodies.
    assert MAX_UPLOAD_BYTES < nginx_bytes <= MAX_UPLOAD_BYTES + 2 * 1024**2
