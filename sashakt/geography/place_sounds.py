"""The phonetic keys of LGD's place names, worked out when the names are loaded.

An import meets a gram panchayat typed in Devanagari with LGD's English name through the
text kit's `place_sound_key`; keying the 57,695 names was about a twentieth of a state-wide
import. They are keyed after each geography load (`gram_panchayats_loaded`) into a file
under VAR_DIR named by a hash of the transliteration rules: when the rules change, the
file of the old rules is not found and the import keys the names itself, as it does any
name added or renamed since the load. The file maps a name to its key, nothing else.
"""

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from sashakt.core.text import translit, translit_tables
from sashakt.core.text.translit import place_sound_key
from sashakt.geography.models import Block, GramPanchayat


@lru_cache(maxsize=1)
def rules_fingerprint() -> str:
    """A hash of the code and tables that make the key."""
    digest = hashlib.sha256()
    for module in (translit, translit_tables):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:16]


def place_sounds_path() -> Path:
    return Path(settings.VAR_DIR) / "cache" / f"place-sounds-{rules_fingerprint()}.json"


def _lgd_names() -> set[str]:
    """The names an import keys by sound (see geography's PlaceIndex): LGD's names of
    gram panchayats and blocks, and the blocks' Intermediate Panchayat names."""
    names = set(GramPanchayat.objects.values_list("lgd_name", flat=True))
    for lgd_name, ip_name in Block.objects.values_list("lgd_name", "intermediate_panchayat_name"):
        names.update((lgd_name, ip_name))
    return {name for name in names if name}


def place_sounds_store(*, changed: bool = True, **_signal) -> int:
    """Key every LGD place name and store the keys; returns how many. When the names did
    not change (`changed=False`), only a missing file is made."""
    path = place_sounds_path()
    if not changed and path.exists():
        return 0
    keys = {name: place_sound_key(name) for name in sorted(_lgd_names())}
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written aside and moved in place: an import reading meanwhile sees the old file whole.
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, suffix=".tmp", delete=False
    ) as handle:
        json.dump(keys, handle, ensure_ascii=False)
    os.replace(handle.name, path)
    return len(keys)


def place_sounds_known() -> dict[str, str]:
    """The stored keys for the rules of this code, or nothing (the import keys names)."""
    try:
        with place_sounds_path().open(encoding="utf-8") as handle:
            keys = json.load(handle)
    except (OSError, ValueError):
        return {}
    return keys if isinstance(keys, dict) else {}
