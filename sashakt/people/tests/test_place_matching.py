"""Resolving places as district sheets write them, against the real LGD lists."""

import csv

import pytest

# The importer passes the registry's transliteration key in the same way;
# geography's own code never imports it.
from sashakt.core.text.translit import phonetic_key
from sashakt.geography.models import Block, District, GramPanchayat
from sashakt.geography.place_names import place_key, strip_serial_prefix
from sashakt.geography.selectors import place_index
from sashakt.geography.services import BLOCK_NAMES_HI_FILE, DATA_DIR

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("12 - कादीपुर", "कादीपुर"),
        ("72 - रसूलपुर", "रसूलपुर"),
        ("७२ - रसूलपुर", "रसूलपुर"),
        ("बड़हलगंज", "बडहलगंज"),  # nukta
        ("बाँसगाँव", "बांसगांव"),  # chandrabindu / anusvara
        ("बान्सगान्व", "बांसगांव"),  # half nasal
        ("बॉसगॉव", "बाँसगाँव"),  # ॉ printed for ाँ
        ("रसुलपुर", "रसूलपुर"),  # short / long u
        ("कादीीपुर", "कादीपुर"),  # a matra typed twice
        ("ग्राम पंचायत रसूलपुर", "रसूलपुर"),
        ("Gram Panchayat  RASUL-PUR", "Rasulpur"),
        ("3. Bilhaur", "BILHAUR"),
    ],
)
def test_place_key_folds_what_sheets_write(written, stored):
    assert place_key(written) == place_key(stored)


def test_place_key_keeps_different_places_apart():
    assert place_key("कानपुर नगर") != place_key("कानपुर देहात")
    assert place_key("Ram Nagar") != place_key("Ram Pur")
    assert strip_serial_prefix("12 - कादीपुर") == "कादीपुर"
    assert strip_serial_prefix("Katra - Khudaganj") == "Katra - Khudaganj"


def test_every_block_resolves_from_the_sec_print_with_its_serial_prefix(geography):
    index = place_index()
    district_ids = dict(District.objects.values_list("lgd_code", "pk"))
    block_ids = dict(Block.objects.values_list("lgd_code", "pk"))
    with (DATA_DIR / BLOCK_NAMES_HI_FILE).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for serial, row in enumerate(rows, start=1):
        district_id = district_ids[int(row["district_lgd_code"])]
        expected = block_ids[int(row["block_lgd_code"])]
        for text in filter(None, [row["sec2015_name_hi"], row["name_hi"], row["block_name_en"]]):
            match = index.block(district_id, f"{serial} - {text}")
            assert match.found and match.place.pk == expected, (text, match)
    assert index.block(district_ids[157], str(Block.objects.get(lgd_name="BILHAUR").lgd_code))


@pytest.mark.parametrize(
    ("district", "written", "block"),
    [
        (125, "Prayagpur", "PAYAGPUR"),  # LGD's Intermediate Panchayat spelling
        (125, "प्रयागपुर", "PAYAGPUR"),  # through the phonetic key
        (125, "Tajwapur", "TEJWAPUR"),
        (119, "Jawan", "JAWAN SIKANDERPUR"),
        (119, "जवां", "JAWAN SIKANDERPUR"),
        (184, "Kon", "KONE"),
        (174, "सदर", "PRATAPGARH (SADAR)"),  # the SEC prints "Sadar"
        (170, "कोन (चील्ह)", "KON"),  # Mirzapur
        (170, "कोन", "KON"),
        (157, "बिल्हौर", "BILHAUR"),
        (148, "बड़हलगंज", "BARHALGANJ"),
    ],
)
def test_blocks_resolve_by_any_name_in_either_script(geography, district, written, block):
    index = place_index(phonetic_key=phonetic_key)
    match = index.block(District.objects.get(lgd_code=district).pk, written)
    assert match.found and Block.objects.get(pk=match.place.pk).lgd_name == block


def test_a_block_of_another_district_is_not_found(geography):
    index = place_index(phonetic_key=phonetic_key)
    lucknow = District.objects.get(lgd_code=162).pk
    assert not index.block(lucknow, "बिल्हौर").found
    assert not index.block(lucknow, str(Block.objects.get(lgd_name="BILHAUR").lgd_code)).found


def _block(name):
    return Block.objects.get(lgd_name=name).pk


def test_same_name_gram_panchayats_are_decided_by_the_block(kanpur_gram_panchayats):
    index = place_index(phonetic_key=phonetic_key)
    kanpur = kanpur_gram_panchayats.pk
    alone = index.gram_panchayat("Barauli", district_id=kanpur)
    assert alone.ambiguous and {ref.lgd_code for ref in alone.candidates} == {72157, 72413}
    in_bilhaur = index.gram_panchayat("Barauli", district_id=kanpur, block_id=_block("BILHAUR"))
    assert in_bilhaur.place.lgd_code == 72157
    in_patara = index.gram_panchayat("12 - BARAULI", district_id=kanpur, block_id=_block("PATARA"))
    assert in_patara.place.lgd_code == 72413


def test_hindi_gram_panchayat_names_meet_lgd_english_names(kanpur_gram_panchayats):
    index = place_index(phonetic_key=phonetic_key)
    kanpur = kanpur_gram_panchayats.pk
    match = index.gram_panchayat("72 - बरौली", district_id=kanpur, block_id=_block("BILHAUR"))
    assert (match.place.lgd_code, match.how) == (72157, "phonetic")
    kamalpur = index.gram_panchayat("कमालपुर", district_id=kanpur)
    assert kamalpur.ambiguous and {ref.lgd_code for ref in kamalpur.candidates} == {72113, 72538}
    # Without the key, Devanagari cannot meet LGD's Latin names: nothing is guessed.
    assert not place_index().gram_panchayat("बरौली", district_id=kanpur).candidates


def test_a_gram_panchayat_in_another_block_comes_back_with_its_candidates(
    kanpur_gram_panchayats,
):
    index = place_index()
    kanpur = kanpur_gram_panchayats.pk
    match = index.gram_panchayat("Barauli", district_id=kanpur, block_id=_block("VIDHUNU"))
    assert not match.found and {ref.lgd_code for ref in match.candidates} == {72157, 72413}
    by_code = index.gram_panchayat("72157", district_id=kanpur)
    assert by_code.how == "code" and by_code.place.name_en == "Barauli"
    assert not index.gram_panchayat("Atlantis", district_id=kanpur).candidates
    assert GramPanchayat.objects.filter(district_id=kanpur).count() > 500
