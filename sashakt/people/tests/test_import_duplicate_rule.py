"""Same name, place and designation is the same person only for a post one person holds in
that place (issue 21): two ZP or ward members of one name with different mobiles are two
people; two Pradhans of one gram panchayat with one name are one."""

import pytest
from django.utils import translation

from sashakt.people.importing import participants_import
from sashakt.people.models import Designation, Person

pytestmark = pytest.mark.django_db

HEADERS = ["नाम", "लिंग", "मोबाइल", "पद", "जनपद", "विकास खंड", "ग्राम पंचायत"]


def _import(path, **kwargs):
    with translation.override("en"):
        return participants_import(path, **kwargs)


def test_members_of_one_name_with_different_mobiles_are_different_people(
    xlsx, kanpur_gram_panchayats
):
    path = xlsx(
        [
            HEADERS,
            ["राम कुमार", "M", "9839000601", "जिला पंचायत सदस्य", "कानपुर नगर", "", ""],
            ["राम कुमार", "M", "9839000602", "जिला पंचायत सदस्य", "कानपुर नगर", "", ""],
            ["सीता देवी", "F", "9839000603", "वार्ड सदस्य", "कानपुर नगर", "बिल्हौर", "बरौली"],
            ["सीता देवी", "F", "9839000604", "वार्ड सदस्य", "कानपुर नगर", "बिल्हौर", "बरौली"],
            ["गीता", "F", "9839000605", "प्रधान", "कानपुर नगर", "बिल्हौर", "बरौली"],
            ["गीता", "F", "9839000606", "प्रधान", "कानपुर नगर", "बिल्हौर", "बरौली"],
        ]
    )
    result = _import(path)
    assert result.written, result.problems
    names = list(Person.objects.order_by("mobile").values_list("name", flat=True))
    assert names.count("राम कुमार") == 2 and names.count("सीता देवी") == 2
    assert names.count("गीता") == 1  # one Pradhan of one gram panchayat
    kinds = {d.row: d.kind for d in result.duplicate_rows}
    assert kinds == {3: "file_possible", 5: "file_possible", 7: "file_name"}


def test_a_member_in_the_registry_is_not_merged_with_a_namesake_of_another_mobile(
    xlsx, kanpur_gram_panchayats
):
    row = ["राम कुमार", "M", "9839000701", "जिला पंचायत सदस्य", "कानपुर नगर", "", ""]
    _import(xlsx([HEADERS, row], name="a.xlsx"))
    other = [*row[:2], "9839000702", *row[3:]]
    pramukh = ["मोहन", "M", "9839000703", "प्रमुख", "कानपुर नगर", "बिल्हौर", ""]
    _import(xlsx([HEADERS, pramukh], name="b.xlsx"))
    result = _import(
        xlsx([HEADERS, other, [*pramukh[:2], "9839000704", *pramukh[3:]]], name="c.xlsx")
    )
    assert result.created == 1
    assert {d.row: d.kind for d in result.duplicate_rows} == {
        2: "registry_possible",
        3: "registry_name",
    }
    assert Person.objects.filter(name="राम कुमार", designation=Designation.ZP_MEMBER).count() == 2
    assert Person.objects.filter(name="मोहन").count() == 1
