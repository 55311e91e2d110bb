"""Gram panchayat matching on held-out districts: linked % and wrong %.

    make bench ONLY=gp_matching

Every gram panchayat of the held-out districts (every seventh district by LGD code, none of
them the tests' Kanpur Nagar; the matcher's thresholds were not tuned on any data) is typed
the way district offices do — in Devanagari (transliterated from LGD's English by the
registry's own rules, so that half is a floor, not real SEC spelling), or LGD's English with
the block's name left out, vowels written long or short, an aspirate dropped, or one letter
wrong — and looked up with its block, as an import does. `linked_pct` counts the ones
linked, `wrong_pct` the ones linked to another gram panchayat; the baseline is the matcher
before issue 21 (one lossy sound key over the district, no scoring within the block).
"""

import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_import import _setup_database  # noqa: E402

SEED = 20261206
HELD_OUT_EVERY = 7


def _typed(name: str, block_words: set[str], rng: random.Random) -> str:
    from sashakt.core.text.translit import latin_to_devanagari

    words = name.split()
    short = [w for w in words if w.casefold() not in block_words] or words
    text = " ".join(short if rng.random() < 0.5 else words)
    choice = rng.random()
    if choice < 0.5:
        return latin_to_devanagari(text) or text
    swaps = [("ee", "i"), ("i", "ee"), ("oo", "u"), ("u", "oo"), ("w", "v"), ("v", "w")]
    swaps += [("aa", "a"), ("bh", "b"), ("kh", "k"), ("dh", "d"), ("sh", "s")]
    if choice < 0.8:
        typed, meant = rng.choice(swaps)
        if typed in text.lower():
            text = text.lower().replace(typed, meant, 1)
        return text.upper() if rng.random() < 0.5 else text
    if len(text) > 4:  # one letter wrong
        i = rng.randrange(1, len(text) - 1)
        text = text[:i] + rng.choice("aeioubdgkmnprst") + text[i + 1 :]
    return text


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="sashakt-bench-") as folder:
        _setup_database(Path(folder))
        from sashakt.core.text.translit import phonetic_key, place_forms, place_sound_key
        from sashakt.geography.models import Block, District, GramPanchayat
        from sashakt.geography.place_sounds import place_sounds_known
        from sashakt.geography.selectors import place_index

        rng = random.Random(SEED)
        districts = list(District.objects.order_by("lgd_code"))
        held_out = [d for d in districts[::HELD_OUT_EVERY] if d.name_en != "Kanpur Nagar"]
        block_words = {
            b.pk: {w.casefold() for n in (b.name_en, b.lgd_name) if n for w in n.split()}
            for b in Block.objects.all()
        }
        cases = [
            (
                gp.pk,
                gp.district_id,
                gp.block_id,
                _typed(gp.lgd_name or gp.name_en, block_words[gp.block_id], rng),
            )
            for gp in GramPanchayat.objects.filter(district__in=held_out).exclude(block=None)
        ]
        figures = {}
        for label, index in (
            (
                "ours",
                place_index(
                    phonetic_key=place_sound_key,
                    known_sounds=place_sounds_known(),
                    forms=place_forms,
                ),
            ),
            ("baseline", place_index(phonetic_key=phonetic_key)),
        ):
            started = time.perf_counter()
            linked = wrong = 0
            for pk, district_id, block_id, typed in cases:
                match = index.gram_panchayat(typed, district_id=district_id, block_id=block_id)
                if match.found:
                    linked += 1
                    wrong += match.place.pk != pk
            figures[label] = {
                "seconds": round(time.perf_counter() - started, 3),
                "linked_pct": round(100 * linked / len(cases), 2),
                "wrong_pct": round(100 * wrong / len(cases), 2),
            }
        print(
            json.dumps(
                {
                    "bench": "gp_matching",
                    "seconds": figures["ours"]["seconds"],
                    "baseline": "the matcher before issue 21 (one sound key, no block scoring)",
                    "baseline_seconds": figures["baseline"]["seconds"],
                    "ratio": round(
                        figures["baseline"]["seconds"] / max(figures["ours"]["seconds"], 1e-9), 2
                    ),
                    "districts": [d.name_en for d in held_out],
                    "gram_panchayats": len(cases),
                    "linked_pct": figures["ours"]["linked_pct"],
                    "wrong_pct": figures["ours"]["wrong_pct"],
                    "baseline_linked_pct": figures["baseline"]["linked_pct"],
                    "baseline_wrong_pct": figures["baseline"]["wrong_pct"],
                }
            )
        )


if __name__ == "__main__":
    main()
