"""Gram panchayats matched the way an officer reads (issue 21): within the row's own block,
scored by string similarity over the Roman letters and a sound key that keeps vowels;
taken only when clearly best; two Pradhans read as one gram panchayat flagged."""

import pytest
from django.utils import translation

from sashakt.core.text.translit import place_sound_key
from sashakt.geography.models import Block, GramPanchayat
from sashakt.geography.place_index import ACCEPT_MARGIN, ACCEPT_SCORE
from sashakt.people.importing import participants_import
from sashakt.people.importing.places import PlaceResolver
from sashakt.people.models import Person

pytestmark = pytest.mark.django_db

HEADERS = ["नाम", "लिंग", "मोबाइल", "पद", "जनपद", "विकास खंड", "ग्राम पंचायत"]


def _import(path, **kwargs):
    with translation.override("en"):
        return participants_import(path, **kwargs)


def test_the_sound_key_keeps_the_vowels_that_tell_places_apart():
    assert place_sound_key("बहेरा") == place_sound_key("BAHERA") != place_sound_key("बारा")
    assert place_sound_key("बहेरा") != "br"
    assert place_sound_key("Bhitargaon") == place_sound_key("भीतरगाँव")
    assert place_sound_key("KHADSARA") not in ("", "krsr")


def _bilhaur(district):
    return Block.objects.get(district=district, name_en__iexact="Bilhaur")


def test_another_spelling_in_the_own_block_is_taken_when_clearly_best(kanpur_gram_panchayats):
    resolver = PlaceResolver()
    block = _bilhaur(kanpur_gram_panchayats)
    match = resolver.index.gram_panchayat(
        "रसूलपुर", district_id=kanpur_gram_panchayats.pk, block_id=block.pk
    )
    # LGD adds the block's name to tell it from other Rasoolpurs
    assert match.place.name_en == "Rasoolpur Bilhaur" and match.how == "similar"
    match = resolver.index.gram_panchayat(
        "न्यादा शाह", district_id=kanpur_gram_panchayats.pk, block_id=block.pk
    )
    assert match.place.name_en == "Newada Shah"
    assert match.scores[0] >= ACCEPT_SCORE


def test_two_close_names_are_offered_by_score_not_taken(kanpur_gram_panchayats):
    resolver = PlaceResolver()
    block = _bilhaur(kanpur_gram_panchayats)
    match = resolver.index.gram_panchayat(
        "गदनपुर", district_id=kanpur_gram_panchayats.pk, block_id=block.pk
    )
    assert not match.found
    names = [ref.name_en for ref in match.candidates]
    assert names[:2] == ["Gadanpur Ahar", "Gadanpur Chorsa"]
    assert list(match.scores) == sorted(match.scores, reverse=True)
    assert match.scores[0] - match.scores[1] < ACCEPT_MARGIN
    assert all(ref.block_id == block.pk for ref in match.candidates)


def test_the_import_links_own_block_spellings_and_notes_them(xlsx, kanpur_gram_panchayats):
    path = xlsx(
        [
            HEADERS,
            ["राम", "M", "9839000801", "प्रधान", "कानपुर नगर", "बिल्हौर", "रसूलपुर"],
            ["श्याम", "M", "9839000802", "प्रधान", "कानपुर नगर", "बिल्हौर", "गदनपुर"],
        ]
    )
    result = _import(path)
    assert result.written and result.created == 2
    linked = Person.objects.get(name="राम")
    assert linked.gram_panchayat.name_en == "Rasoolpur Bilhaur" and not linked.needs_place_review
    assert Person.objects.get(name="श्याम").needs_place_review
    notes = {n.row: n for n in result.notes}
    assert "Rasoolpur Bilhaur" in notes[2].message and "block" in notes[2].message
    assert notes[3].kind == "place_review" and "Gadanpur Ahar (" in notes[3].message


def test_two_pradhans_read_as_one_gram_panchayat_are_flagged(xlsx, kanpur_gram_panchayats):
    gp = GramPanchayat.objects.get(name_en="Rasoolpur Bilhaur")
    path = xlsx(
        [
            HEADERS,
            ["राम", "M", "9839000901", "प्रधान", "कानपुर नगर", "बिल्हौर", "रसूलपुर"],
            ["मोहन", "M", "9839000902", "प्रधान", "कानपुर नगर", "बिल्हौर", "Rasoolpur Bilhaur"],
            # ward members share a gram panchayat: never flagged
            ["सीता", "F", "9839000903", "वार्ड सदस्य", "कानपुर नगर", "बिल्हौर", "रसूलपुर"],
        ]
    )
    result = _import(path)
    assert result.written and result.created == 3
    assert set(Person.objects.values_list("gram_panchayat", flat=True)) == {gp.pk}
    shared = [n for n in result.notes if n.kind == "gp_shared"]
    assert [n.row for n in shared] == [3] and "Row 2" in shared[0].message


def test_blocks_keep_the_looser_sound_key(geography):
    """A district's few blocks are still told apart by the looser key: the vowel-keeping
    place key would lose पिनहत (PINAHAT) and बलहा (BALAHA) as the registry's rules write them."""
    from sashakt.core.text.translit import latin_to_devanagari
    from sashakt.geography.models import District

    resolver = PlaceResolver()
    for lgd_name in ("PINAHAT", "BALAHA", "KUDARAHA"):
        block = Block.objects.get(lgd_name=lgd_name)
        district = District.objects.get(pk=block.district_id)
        typed = latin_to_devanagari(lgd_name.title())
        assert resolver.block(district, typed).value.pk == block.pk, typed
