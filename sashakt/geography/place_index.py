"""Resolving blocks and gram panchayats from what a sheet says, fast enough for 100k rows.

Build one `PlaceIndex` per import: blocks are indexed at once (828 rows), gram panchayats
one district at a time on first use (one query each). Lookups are dictionary reads.

Hindi GP names meet LGD's English ones only through a transliteration key
(`sashakt.core.text.translit.phonetic_key`, in the text kit below geography). The caller
chooses and passes it in: `PlaceIndex(phonetic_key=phonetic_key)`. Without it, matching is by
`place_key` (same script, spelling variants folded) and LGD code.

A name not found as such in the row's block is scored against that block's gram panchayats
only (rapidfuzz over the Roman letters and the sound key the caller's `forms` gives, worked
out once per block): taken when the best scores at least ACCEPT_SCORE and ACCEPT_MARGIN more
than the next; otherwise the block's closest come back as scored candidates.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from rapidfuzz import fuzz

from sashakt.core.text import typed_number
from sashakt.geography.models import Block, GramPanchayat
from sashakt.geography.place_names import place_name_variants, strip_serial_prefix


@dataclass(frozen=True)
class PlaceRef:
    """A block or gram panchayat as plain values (no ORM object to load)."""

    pk: int
    lgd_code: int
    name_en: str
    name_hi: str
    district_id: int
    block_id: int | None = None


class PlaceMatch(NamedTuple):
    """What a text resolved to: one place, or nothing with the candidates it could be.

    `how` is "code", "name" or "phonetic". `candidates` lists every place of that name in
    the district when the name alone cannot decide (same-name gram panchayats) or when the
    block given does not hold it. (A named tuple: an import makes one per gram panchayat
    typed, and a frozen dataclass costs several times more to make.)
    """

    place: PlaceRef | None = None
    candidates: tuple[PlaceRef, ...] = ()
    how: str = ""
    # "similar": the scores of the first candidates (the row's block's, best first); any
    # candidates after them are the same name in other blocks
    scores: tuple[int, ...] = ()

    @property
    def found(self) -> bool:
        return self.place is not None

    @property
    def ambiguous(self) -> bool:
        return self.place is None and len(self.candidates) > 1


NOT_FOUND = PlaceMatch()
KeyFunction = Callable[[str], str]
FormsFunction = Callable[[str], tuple[str, str]]
# A name scored against its block's gram panchayats (0-100) is taken when it scores at least
# this, and this much more than the next best; otherwise the closest are offered for review.
ACCEPT_SCORE = 80
ACCEPT_MARGIN = 10
CANDIDATE_SCORE = 70  # the floor for being offered in the report at all
CANDIDATES_OFFERED = 5


def similarity(typed: tuple[str, str], place: tuple[str, str]) -> int:
    """0-100: the better of the Roman letters' and the sound keys' similarity."""
    return round(max(fuzz.ratio(typed[0], place[0]), fuzz.ratio(typed[1], place[1])))


class _Names:
    """The places of one district under their code, their name keys and (built on the first
    lookup that needs it) the sound key of their English names."""

    def __init__(self, sound: KeyFunction | None, sound_cache: dict[str, str]):
        self.by_code: dict[int, PlaceRef] = {}
        self.by_key: dict[str, list[PlaceRef]] = defaultdict(list)
        self._english: list[tuple[PlaceRef, list[str]]] = []
        self._sound = sound
        self._sound_cache = sound_cache
        self._by_sound: dict[str, list[PlaceRef]] | None = None

    def add(self, ref: PlaceRef, names, english_names) -> None:
        self.by_code[ref.lgd_code] = ref
        for name in dict.fromkeys(filter(None, names)):
            for key in place_name_variants(name):
                if ref not in self.by_key[key]:
                    self.by_key[key].append(ref)
        self._english.append((ref, english_names))

    def _sound_of(self, text: str) -> str:
        key = self._sound_cache.get(text)
        if key is None:
            key = self._sound_cache[text] = self._sound(text)
        return key

    def _sounds(self) -> dict[str, list[PlaceRef]]:
        if self._by_sound is None:
            self._by_sound = defaultdict(list)
            for ref, names in self._english:
                for name in names:
                    key = self._sound_of(name)
                    if key and ref not in self._by_sound[key]:
                        self._by_sound[key].append(ref)
        return self._by_sound

    def find(self, text) -> tuple[list[PlaceRef], str]:
        value = strip_serial_prefix(text)
        if not value:
            return [], ""
        if value.isdigit():
            ref = self.by_code.get(typed_number(value))
            return ([ref], "code") if ref else ([], "")
        for key in place_name_variants(value):
            if key in self.by_key:
                return self.by_key[key], "name"
        if self._sound is not None:
            refs = self._sounds().get(self._sound_of(value))
            if refs:
                return refs, "phonetic"
        return [], ""


class PlaceIndex:
    def __init__(
        self,
        *,
        phonetic_key: KeyFunction | None = None,
        known_sounds: dict[str, str] | None = None,
        forms: FormsFunction | None = None,
        block_key: KeyFunction | None = None,
    ):
        """`known_sounds`: names already keyed by `phonetic_key` (LGD's, keyed at load);
        `forms`: a name's Roman letters and sound key, for scoring within a block;
        `block_key`: the sound key for block names, when not `phonetic_key` (a district's
        dozen blocks are told apart by a looser key than its thousand gram panchayats)."""
        self._sound = phonetic_key
        self._forms = forms
        # block -> its gram panchayats with each one's forms, made on the block's first use
        self._block_gps: dict[int, list[tuple[PlaceRef, list[str]]]] = defaultdict(list)
        self._block_forms: dict[int, list[tuple[PlaceRef, list[tuple[str, str]]]]] = {}
        self._block_words: dict[int, set[str]] = {}
        self._sound_cache: dict[str, str] = dict(known_sounds or {})
        block_sounds: dict[str, str] = {} if block_key else self._sound_cache
        self._blocks: dict[int, _Names] = defaultdict(
            lambda: _Names(block_key or phonetic_key, block_sounds)
        )
        rows = Block.objects.values_list(
            "pk",
            "lgd_code",
            "name_en",
            "name_hi",
            "district_id",
            "lgd_name",
            "sec_name_hi",
            "intermediate_panchayat_name",
        )
        for pk, code, name_en, name_hi, district_id, lgd_name, sec_name, ip_name in rows:
            ref = PlaceRef(pk, code, name_en, name_hi, district_id)
            names = [name_en, lgd_name, name_hi, sec_name, ip_name]
            self._block_words[pk] = {
                w.casefold() for n in (name_en, lgd_name) if n for w in n.split()
            }
            self._blocks[district_id].add(ref, names, [lgd_name, ip_name])
        self._gram_panchayats: dict[int, _Names] = {}

    def _names(self) -> _Names:
        return _Names(self._sound, self._sound_cache)

    def block(self, district_id: int, text) -> PlaceMatch:
        """The block of `district_id` that `text` names: LGD block code, English or Hindi
        name (LGD's, the SEC's print, with serial prefix and spelling variants)."""
        refs, how = self._blocks[district_id].find(text)
        if len(refs) == 1:
            return PlaceMatch(refs[0], (), how)
        return PlaceMatch(None, tuple(refs), how) if refs else NOT_FOUND

    def gram_panchayat(self, text, *, district_id: int, block_id: int | None = None) -> PlaceMatch:
        """The gram panchayat `text` names (LGD local-body code or name, either script).

        With `block_id`, the block decides between same-name GPs of the district; a name
        found only in other blocks comes back unresolved with those GPs as candidates.
        Without it, a name several GPs of the district share is ambiguous.
        """
        refs, how = self._gp_names(district_id).find(text)
        if block_id is None:
            if len(refs) == 1:
                return PlaceMatch(refs[0], (), how)
            return PlaceMatch(None, tuple(refs), how) if refs else NOT_FOUND
        in_block = [ref for ref in refs if ref.block_id == block_id]
        if len(in_block) == 1:
            return PlaceMatch(in_block[0], (), how)
        if not in_block and self._forms is not None:
            scored = self.scored_in_block(text, block_id)
            if scored:
                best, best_ref = scored[0]
                second = scored[1][0] if len(scored) > 1 else 0
                # Not when the name is another block's own: the block may be the mistake.
                if not refs and best >= ACCEPT_SCORE and best - second >= ACCEPT_MARGIN:
                    return PlaceMatch(best_ref, (), "similar", (best,))
                offered = [(score, ref) for score, ref in scored if score >= CANDIDATE_SCORE]
                offered = offered[:CANDIDATES_OFFERED]
                if offered:
                    # the block's own first, scored; then the same name in other blocks
                    return PlaceMatch(
                        None,
                        tuple(ref for _s, ref in offered) + tuple(refs),
                        "similar",
                        tuple(score for score, _r in offered),
                    )
        return PlaceMatch(None, tuple(in_block or refs), how) if refs else NOT_FOUND

    def scored_in_block(self, text, block_id: int) -> list[tuple[int, PlaceRef]]:
        """The block's gram panchayats scored against `text` (0-100), best first."""
        forms = self._forms_of_block(block_id)
        if not forms:
            return []
        typed = self._forms(strip_serial_prefix(text) or text)
        scored = [
            (max(similarity(typed, form) for form in place_forms), ref)
            for ref, place_forms in forms
        ]
        scored.sort(key=lambda pair: (-pair[0], pair[1].name_en))
        return scored

    def _forms_of_block(self, block_id: int):
        forms = self._block_forms.get(block_id)
        if forms is None:
            # LGD tells same-name gram panchayats apart by adding the block's name ("Rasoolpur
            # Bilhaur"); the sheet, listing the block already, writes "रसूलपुर".
            block_words = self._block_words.get(block_id, set())
            forms = self._block_forms[block_id] = []
            for ref, names in self._block_gps.get(block_id, ()):
                variants = list(filter(None, names))
                for name in variants[:1]:
                    short = " ".join(w for w in name.split() if w.casefold() not in block_words)
                    if short and short != name:
                        variants.append(short)
                forms.append((ref, [self._forms(name) for name in dict.fromkeys(variants)]))
        return forms

    def _gp_names(self, district_id: int) -> _Names:
        names = self._gram_panchayats.get(district_id)
        if names is None:
            names = self._gram_panchayats[district_id] = self._names()
            rows = GramPanchayat.objects.filter(district_id=district_id).values_list(
                "pk", "lgd_code", "name_en", "name_hi", "block_id", "lgd_name"
            )
            for pk, code, name_en, name_hi, block_id, lgd_name in rows:
                ref = PlaceRef(pk, code, name_en, name_hi, district_id, block_id)
                names.add(ref, [name_en, lgd_name, name_hi], [lgd_name])
                if block_id is not None:
                    self._block_gps[block_id].append((ref, [lgd_name or name_en, name_hi]))
        return names

    def gram_panchayats_of_block(self, district_id: int, block_id: int) -> list[PlaceRef]:
        self._gp_names(district_id)
        return [ref for ref, _names in self._block_gps.get(block_id, ())]
