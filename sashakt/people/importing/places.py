"""Place resolution: district, block and gram panchayat from what offices type.

Districts are matched here (codes, names, aliases, the phonetic key, a close spelling);
blocks and gram panchayats through geography's `PlaceIndex` (serial prefixes, spelling
variants, Hindi names meeting LGD's English ones through the phonetic key, same-name gram
panchayats told apart by the block). Whatever was matched other than by its own name comes
back with a `how`, so the report can show the officer what was read ("Lucknoww" → लखनऊ).
"""

import difflib
from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sashakt.core.text import clean_text, match_key
from sashakt.core.text.translit import phonetic_key, place_forms, place_sound_key
from sashakt.geography.models import Block, District, DistrictAlias, GramPanchayat
from sashakt.geography.place_names import strip_place_words
from sashakt.geography.place_sounds import place_sounds_known
from sashakt.geography.selectors import PlaceMatch, PlaceRef, place_index
from sashakt.people.cleaning import CellError

# How a value was matched when it was not by its own name or code.
ALIAS, PHONETIC, SUGGESTION = "alias", "phonetic", "suggestion"
# A district spelled this close to one name only is read as that district (with a note).
DISTRICT_ACCEPT_CUTOFF = 0.85


@dataclass(frozen=True)
class Resolved:
    value: object  # District or PlaceRef
    how: str = ""  # "" for a match by the place's own name or code


class PlaceResolver:
    """Districts, blocks and gram panchayats from what people type, in either script."""

    def __init__(self):
        self.districts = {d.pk: d for d in District.objects.all()}
        self.own_keys: dict[str, int] = {}
        for district in self.districts.values():
            for name in (district.name_en, district.lgd_name, district.name_hi):
                if name:
                    self.own_keys[match_key(name)] = district.pk
            self.own_keys[str(district.lgd_code)] = district.pk
        self.alias_keys = {a.key: a.district_id for a in DistrictAlias.objects.all()}
        self.sound_keys: dict[str, int] = {}
        for district in self.districts.values():
            self.sound_keys.setdefault(phonetic_key(district.name_en), district.pk)
        self.index = place_index(
            phonetic_key=place_sound_key,
            known_sounds=place_sounds_known(),
            forms=place_forms,
            block_key=phonetic_key,
        )
        self._block_names: dict[int, str] | None = None
        self.gp_districts = set(
            GramPanchayat.objects.values_list("district_id", flat=True).distinct()
        )

    def district(self, value) -> Resolved:
        text = clean_text(value)
        if not text:
            raise CellError(_("The district is empty."))
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        key = match_key(text)
        if key in self.own_keys:
            return Resolved(self.districts[self.own_keys[key]])
        if key in self.alias_keys:
            return Resolved(self.districts[self.alias_keys[key]], ALIAS)
        if not text.isdigit():
            pk = self.sound_keys.get(phonetic_key(text))
            if pk:
                return Resolved(self.districts[pk], PHONETIC)
        suggestion, ratio = self._suggest_district(text)
        if suggestion is not None and ratio >= DISTRICT_ACCEPT_CUTOFF:
            return Resolved(suggestion, SUGGESTION)
        raise CellError(
            _("This is not a district of Uttar Pradesh."), suggestion.name if suggestion else ""
        )

    def _suggest_district(self, text: str) -> tuple[District | None, float]:
        names: dict[str, District] = {}
        for district in self.districts.values():
            names[district.name_en.title()] = district
            if district.name_hi:
                names[district.name_hi] = district
        match = difflib.get_close_matches(text.title(), list(names), n=1, cutoff=0.6)
        if match:
            ratio = difflib.SequenceMatcher(None, text.title(), match[0]).ratio()
            return names[match[0]], ratio
        key = phonetic_key(text)
        by_key = {phonetic_key(d.name_en): d for d in self.districts.values()}
        match_keys = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.7)
        return (by_key[match_keys[0]], 0.0) if match_keys else (None, 0.0)

    def block(self, district: District, value) -> Resolved:
        text = clean_text(value)
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        match = self.index.block(district.pk, strip_place_words(text) or text)
        if match.found:
            return Resolved(match.place, PHONETIC if match.how == "phonetic" else "")
        if match.ambiguous:
            raise CellError(
                _("Several blocks of district %(district)s have this name: %(blocks)s.")
                % {"district": district.name, "blocks": ", ".join(_names(match.candidates))}
            )
        for other_pk, other in self.districts.items():
            if other_pk == district.pk:
                continue
            elsewhere = self.index.block(other_pk, text)
            if elsewhere.found and elsewhere.how != "phonetic":
                raise CellError(
                    _("Block %(block)s is in district %(other)s, not in %(district)s.")
                    % {
                        "block": _name(elsewhere.place),
                        "other": other.name,
                        "district": district.name,
                    }
                )
        names = {b.name_en.title(): b for b in Block.objects.filter(district=district)}
        close = difflib.get_close_matches(text.title(), list(names), n=1, cutoff=0.6)
        raise CellError(
            _("No block of this name in district %(district)s.") % {"district": district.name},
            names[close[0]].name if close else "",
        )

    def block_name(self, block_id: int) -> str:
        if self._block_names is None:
            self._block_names = {
                pk: (name_hi if get_language() == "hi" and name_hi else name_en)
                for pk, name_en, name_hi in Block.objects.values_list("pk", "name_en", "name_hi")
            }
        return self._block_names.get(block_id, "")

    def has_gram_panchayats(self, district: District) -> bool:
        return district.id in self.gp_districts

    def gram_panchayat(self, district: District, block: PlaceRef | None, text: str) -> PlaceMatch:
        """The gram panchayat `text` names; unresolved matches carry their candidates."""
        return self.index.gram_panchayat(
            strip_place_words(text) or text,
            district_id=district.id,
            block_id=block.pk if block else None,
        )


def _name(ref: PlaceRef) -> str:
    if get_language() == "hi" and ref.name_hi:
        return ref.name_hi
    return ref.name_en


def _names(refs) -> list[str]:
    return [_name(ref) for ref in refs]


def place_label(ref: PlaceRef) -> str:
    """A place's name in the interface language (Hindi where known)."""
    return _name(ref)


def place_labeller():
    """`place_label` for the language active now, asked once: a 100,000-row file notes a
    place on every other row, and asking for the language costs more than the label."""
    if get_language() == "hi":
        return lambda ref: ref.name_hi or ref.name_en
    return lambda ref: ref.name_en
