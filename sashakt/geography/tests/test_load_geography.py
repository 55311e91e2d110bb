import pytest

from sashakt.geography.models import Block, District, DistrictAlias
from sashakt.geography.selectors import block_find, district_find
from sashakt.geography.services import geography_load, polygon_centroid

pytestmark = pytest.mark.django_db


def test_it_loads_all_75_districts_and_828_blocks_of_up():
    DistrictAlias.objects.all().delete()
    Block.objects.all().delete()
    District.objects.all().delete()
    result = geography_load()
    assert District.objects.count() == 75
    assert Block.objects.count() == 828
    assert result.districts.created == 75 and result.blocks.created == 828


def test_running_it_twice_changes_nothing():
    geography_load()
    counts = (District.objects.count(), Block.objects.count(), DistrictAlias.objects.count())
    result = geography_load()
    assert (
        District.objects.count(),
        Block.objects.count(),
        DistrictAlias.objects.count(),
    ) == counts
    assert str(result.districts) == "0 created, 0 updated, 75 unchanged"
    assert str(result.blocks) == "0 created, 0 updated, 828 unchanged"


def test_every_district_has_a_hindi_name_and_a_title_case_english_name(geography):
    for district in District.objects.all():
        assert any("\u0900" <= ch <= "\u097f" for ch in district.name_hi), district.lgd_code
        assert district.name_en != district.name_en.upper(), district.name_en
    kanpur = District.objects.get(lgd_code=157)
    assert (kanpur.lgd_name, kanpur.name_en, kanpur.name_hi) == (
        "KANPUR NAGAR",
        "Kanpur Nagar",
        "कानपुर नगर",
    )
    assert Block.objects.get(lgd_name="BILHAUR").name_en == "Bilhaur"


@pytest.mark.parametrize(
    ("typed", "lgd_code"),
    [
        ("Allahabad", 120),
        ("इलाहाबाद", 120),
        ("Faizabad", 140),
        ("KUSHI NAGAR", 160),
        ("Kushinagar", 160),
        ("Lakhimpur Kheri", 159),
        ("KHERI", 159),
        ("kanpur  nagar", 157),
        ("कानपुर नगर", 157),
        ("लखनऊ", 162),
        ("ग़ाज़ीपुर", 146),  # with nukta; the stored name has none
        ("बांदा", 128),  # anusvara; the stored name has chandrabindu
        ("Sant Ravidas Nagar", 179),
        ("162", 162),
    ],
)
def test_districts_are_found_by_any_name_people_use(geography, typed, lgd_code):
    assert district_find(typed).lgd_code == lgd_code


def test_an_unknown_or_ambiguous_name_finds_nothing(geography):
    assert district_find("Atlantis") is None
    assert district_find("") is None
    # Akbarpur heads both Ambedkar Nagar and Kanpur Dehat: never guess.
    assert district_find("Akbarpur") is None


def test_blocks_are_found_within_their_district(geography):
    kanpur = District.objects.get(lgd_code=157)
    assert block_find(kanpur, "bilhaur").lgd_name == "BILHAUR"
    assert block_find(District.objects.get(lgd_code=162), "bilhaur") is None


def test_district_centroids_lie_inside_uttar_pradesh(geography):
    for district in District.objects.all():
        assert 23.8 < district.centroid_lat < 30.5
        assert 77.0 < district.centroid_lon < 84.7
    lucknow = District.objects.get(lgd_code=162)
    assert abs(lucknow.centroid_lat - 26.85) < 0.3 and abs(lucknow.centroid_lon - 80.95) < 0.3


def test_polygon_centroid_of_a_square():
    assert polygon_centroid([[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]) == (1.0, 1.0)


def test_every_block_has_a_hindi_name_and_its_kshetra_panchayat_code(geography):
    for block in Block.objects.all():
        assert any("\u0900" <= ch <= "\u097f" for ch in block.name_hi), block.lgd_name
    assert Block.objects.filter(intermediate_panchayat_code__isnull=True).count() == 2
    payagpur = Block.objects.get(lgd_name="PAYAGPUR")
    assert (payagpur.name_hi, payagpur.intermediate_panchayat_code) == ("पयागपुर", 1486)
    assert District.objects.get(lgd_code=118).district_panchayat_code == 109  # Agra
