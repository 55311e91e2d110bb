import pytest
from django.core.management import call_command

from sashakt.geography.gram_panchayats import GRAM_PANCHAYATS_FILE, shipped_gram_panchayats_load
from sashakt.geography.services import DATA_DIR
from sashakt.people.models import Designation, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def kanpur_gram_panchayats(geography, tmp_path):
    """Kanpur Nagar's real gram panchayats (a slice of the shipped list: faster than all)."""
    lines = (DATA_DIR / GRAM_PANCHAYATS_FILE).read_text(encoding="utf-8").splitlines()
    path = tmp_path / GRAM_PANCHAYATS_FILE
    path.write_text(
        "\n".join([lines[0], *(line for line in lines if line.endswith(",Kanpur Nagar"))]) + "\n",
        encoding="utf-8",
    )
    assert shipped_gram_panchayats_load(path).written


def test_the_demo_has_pradhans_and_ward_members_in_real_gram_panchayats(
    kanpur_gram_panchayats, capsys
):
    call_command("load_demo")
    pradhans = Person.objects.filter(designation=Designation.PRADHAN).select_related(
        "gram_panchayat", "block"
    )
    assert pradhans.count() == 4  # only Kanpur Nagar's list is loaded here
    for pradhan in pradhans:
        assert pradhan.is_demo and pradhan.district.lgd_code == 157
        assert pradhan.block == pradhan.gram_panchayat.block
    assert len({p.block_id for p in pradhans}) == 4
    ward_members = Person.objects.filter(designation=Designation.WARD_MEMBER)
    assert ward_members.count() == 8
    assert {w.gram_panchayat_id for w in ward_members} == {p.gram_panchayat_id for p in pradhans}

    capsys.readouterr()
    call_command("load_demo")
    assert "0 people" in capsys.readouterr().out
    assert Person.objects.filter(designation=Designation.PRADHAN).count() == 4
