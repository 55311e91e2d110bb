import csv

import pytest
from django.core.management import CommandError, call_command

from sashakt.geography.models import Block, District, DistrictAlias, GramPanchayat
from sashakt.geography.selectors import block_find, district_find
from sashakt.geography.services import gram_panchayats_load, polygon_centroid

pytestmark = pytest.mark.django_db


def test_it_loads_all_75_districts_and_828_blocks_of_up(capsys):
    DistrictAlias.objects.all().delete()
    Block.objects.all().delete()
    District.objects.all().delete()
    call_command("load_geography")
    assert District.objects.count() == 75
    assert Block.objects.count() == 828
    assert "districts: 75 created" in capsys.readouterr().out


def test_running_it_twice_changes_nothing(capsys):
    call_command("load_geography")
    counts = (District.objects.count(), Block.objects.count(), DistrictAlias.objects.count())
    capsys.readouterr()
    call_command("load_geography")
    output = capsys.readouterr().out
    assert (
        District.objects.count(),
        Block.objects.count(),
        DistrictAlias.objects.count(),
    ) == counts
    assert "districts: 0 created, 0 updated, 75 unchanged" in output
    assert "blocks: 0 created, 0 updated, 828 unchanged" in output


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


def _write_gp_csv(path, rows):
    header = [
        "State Code",
        "District Code",
        "Block Code",
        "Local Body Code",
        "Local Body Name (In English)",
        "Local Body Name (In Local)",
        "Local Body Type Code",
        "Parent Local Body Code",
    ]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _bilhaur():
    return Block.objects.get(lgd_name="BILHAUR")


def test_gram_panchayats_load_from_an_lgd_export(geography, tmp_path, capsys):
    block = _bilhaur()
    path = tmp_path / "gp.csv"
    _write_gp_csv(
        path,
        [
            ["9", "157", str(block.lgd_code), "100001", "ARAUL", "अरौल", "3", "5001"],
            ["9", "157", "", "100002", "MAKANPUR", "मकनपुर", "3", "5001"],
            ["10", "200", "", "200001", "OTHER STATE GP", "", "3", ""],  # Bihar: passed over
            ["9", "157", "", "5001", "BILHAUR KP", "", "2", ""],  # an intermediate panchayat
        ],
    )
    call_command("load_geography", gram_panchayats=path)
    assert GramPanchayat.objects.count() == 2
    araul = GramPanchayat.objects.get(lgd_code=100001)
    assert (araul.name_en, araul.name_hi, araul.block, araul.district.lgd_code) == (
        "Araul",
        "अरौल",
        block,
        157,
    )
    assert araul.intermediate_panchayat_code == 5001
    assert "2 rows of other states or types passed over" in capsys.readouterr().out

    call_command("load_geography", gram_panchayats=path)
    assert GramPanchayat.objects.count() == 2


def test_a_gram_panchayat_file_with_errors_loads_nothing(geography, tmp_path):
    path = tmp_path / "gp.csv"
    _write_gp_csv(
        path,
        [
            ["9", "157", "", "100001", "ARAUL", "अरौल", "3", ""],
            ["9", "999", "", "100003", "NOWHERE", "", "3", ""],  # unknown district
            ["9", "162", str(_bilhaur().lgd_code), "100004", "WRONG BLOCK", "", "3", ""],
        ],
    )
    with pytest.raises(CommandError, match="2 problem"):
        call_command("load_geography", gram_panchayats=path)
    assert GramPanchayat.objects.count() == 0

    result = gram_panchayats_load(path, skip_invalid=True)
    assert result.written and result.counts.created == 1
    assert any("line 3" in error for error in result.errors)
    assert any("line 4" in error and "not in district" in error for error in result.errors)


def test_a_gram_panchayat_file_without_the_needed_columns_is_refused(geography, tmp_path):
    path = tmp_path / "gp.csv"
    path.write_text("foo,bar\n1,2\n", encoding="utf-8")
    result = gram_panchayats_load(path)
    assert not result.written and "needs columns" in result.errors[0]
