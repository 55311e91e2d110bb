from django.db.models import QuerySet

from sashakt.core.permissions import scope_queryset
from sashakt.core.roles import Role
from sashakt.core.text import match_key, typed_number
from sashakt.geography.models import Block, District, DistrictAlias
from sashakt.geography.place_index import PlaceIndex, PlaceMatch, PlaceRef

__all__ = [
    "PlaceIndex",
    "PlaceMatch",
    "PlaceRef",
    "block_find",
    "district_find",
    "district_list",
    "districts_for_user",
    "place_index",
]


def district_list() -> QuerySet[District]:
    return District.objects.all()


def districts_for_user(user) -> QuerySet[District]:
    """Districts whose people `user` may work with (a district officer: only their own)."""
    if user.is_authenticated and user.role in (Role.INSTITUTE, Role.TRAINER):
        # Coordinators and trainers plan for the whole state; they may read place names.
        return District.objects.all()
    return scope_queryset(user, District.objects.all(), district="pk")


def district_find(text) -> District | None:
    """The district meant by `text`: an LGD code, a name in either script, or an alias."""
    value = str(text or "").strip()
    if not value:
        return None
    if value.isdigit():
        code = typed_number(value)
        return District.objects.filter(lgd_code=code).first() if code is not None else None
    key = match_key(value)
    alias = DistrictAlias.objects.select_related("district").filter(key=key).first()
    return alias.district if alias else None


def block_find(district: District, text) -> Block | None:
    value = str(text or "").strip()
    if not value:
        return None
    blocks = Block.objects.filter(district=district)
    if value.isdigit():
        code = typed_number(value)
        return blocks.filter(lgd_code=code).first() if code is not None else None
    key = match_key(value)
    for block in blocks:
        if key in {match_key(block.name_en), match_key(block.lgd_name), match_key(block.name_hi)}:
            return block
    return None


def place_index(*, phonetic_key=None, known_sounds=None, forms=None, block_key=None) -> PlaceIndex:
    """An index of UP's blocks and gram panchayats for one import (see `PlaceIndex`).

    Pass the transliteration key (`sashakt.core.text.translit.phonetic_key`) so
    Hindi names meet LGD's English ones, and the place names it has keyed already.
    """
    return PlaceIndex(
        phonetic_key=phonetic_key, known_sounds=known_sounds, forms=forms, block_key=block_key
    )
