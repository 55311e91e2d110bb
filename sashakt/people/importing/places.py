"""Place resolution: district, block and gram panchayat from what offices type."""

import difflib

from django.utils.translation import gettext as _

from sashakt.core.text import clean_text, match_key
from sashakt.geography.models import Block, District, DistrictAlias, GramPanchayat
from sashakt.people.cleaning import CellError
from sashakt.people.translit import phonetic_key


class PlaceResolver:
    """Districts, blocks and gram panchayats from what people type, in either script."""

    def __init__(self):
        self.districts = {d.pk: d for d in District.objects.all()}
        self.district_keys = {a.key: a.district_id for a in DistrictAlias.objects.all()}
        for district in self.districts.values():
            self.district_keys.setdefault(str(district.lgd_code), district.pk)
            self.district_keys.setdefault(phonetic_key(district.name_en), district.pk)
        self.block_keys: dict[tuple[int, str], Block] = {}
        self.block_anywhere: dict[str, Block] = {}
        ambiguous = set()
        for block in Block.objects.all():
            for key in self._block_keys(block):
                known = self.block_keys.setdefault((block.district_id, key), block)
                if known.pk != block.pk:
                    ambiguous.add((block.district_id, key))
                self.block_anywhere.setdefault(key, block)
        # Two blocks of one district that sound alike must be told apart by name or code,
        # never guessed.
        for key in ambiguous:
            del self.block_keys[key]
        self.gp_districts = set(
            GramPanchayat.objects.values_list("district_id", flat=True).distinct()
        )
        self._gp_cache: dict[int, dict[str, GramPanchayat]] = {}

    @staticmethod
    def _block_keys(block: Block) -> list[str]:
        keys = [str(block.lgd_code), match_key(block.lgd_name), phonetic_key(block.name_en)]
        if block.name_hi:
            keys += [match_key(block.name_hi), phonetic_key(block.name_hi)]
        return keys

    def district(self, value) -> District:
        text = clean_text(value)
        if not text:
            raise CellError(_("The district is empty."))
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        pk = self.district_keys.get(match_key(text)) or self.district_keys.get(
            text if text.isdigit() else phonetic_key(text)
        )
        if pk:
            return self.districts[pk]
        raise CellError(_("This is not a district of Uttar Pradesh."), self._suggest_district(text))

    def _suggest_district(self, text: str) -> str:
        names = {d.name_en: d for d in self.districts.values()}
        names.update({d.name_hi: d for d in self.districts.values() if d.name_hi})
        match = difflib.get_close_matches(text.title(), list(names), n=1, cutoff=0.6)
        if not match:
            key = phonetic_key(text)
            by_key = {phonetic_key(d.name_en): d for d in self.districts.values()}
            match_keys = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.7)
            return by_key[match_keys[0]].name if match_keys else ""
        return names[match[0]].name

    def block(self, district: District, value) -> Block:
        text = clean_text(value)
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        for key in (text if text.isdigit() else None, match_key(text), phonetic_key(text)):
            if key and (district.pk, key) in self.block_keys:
                return self.block_keys[(district.pk, key)]
        elsewhere = self.block_anywhere.get(match_key(text)) or self.block_anywhere.get(
            phonetic_key(text)
        )
        if elsewhere is not None and elsewhere.district_id != district.pk:
            raise CellError(
                _("Block %(block)s is in district %(other)s, not in %(district)s.")
                % {
                    "block": elsewhere.name,
                    "other": self.districts[elsewhere.district_id].name,
                    "district": district.name,
                },
            )
        names = {b.name: b for (d, _k), b in self.block_keys.items() if d == district.pk}
        match = difflib.get_close_matches(text.title(), list(names), n=1, cutoff=0.6)
        raise CellError(
            _("No block of this name in district %(district)s.") % {"district": district.name},
            match[0] if match else "",
        )

    def has_gram_panchayats(self, district: District) -> bool:
        return district.pk in self.gp_districts

    def gram_panchayat(self, district: District, block: Block | None, value) -> GramPanchayat:
        if district.pk not in self._gp_cache:
            table = {}
            for gp in GramPanchayat.objects.filter(district=district):
                for key in (
                    str(gp.lgd_code),
                    match_key(gp.lgd_name),
                    phonetic_key(gp.name_en),
                    match_key(gp.name_hi) if gp.name_hi else "",
                ):
                    if key:
                        table.setdefault(key, gp)
            self._gp_cache[district.pk] = table
        table = self._gp_cache[district.pk]
        text = clean_text(value)
        gp = table.get(match_key(text)) or table.get(phonetic_key(text))
        if gp is None:
            raise CellError(
                _("No gram panchayat of this name in district %(district)s.")
                % {"district": district.name}
            )
        if block is not None and gp.block_id and gp.block_id != block.pk:
            raise CellError(
                _("This gram panchayat is not in block %(block)s.") % {"block": block.name}
            )
        return gp
