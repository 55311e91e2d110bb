"""The import page stays small however many duplicates and problems a file has; the report
holds them all (issue 10, item 4)."""

import re

import pytest
from django.core.files.base import ContentFile

from sashakt.people.models import ParticipantImport

pytestmark = pytest.mark.django_db


def test_the_import_page_caps_duplicates_and_problems(personas, client):
    upload = ParticipantImport(
        created_by=personas.dpro_kanpur,
        district=personas.dpro_kanpur.district,
        original_name="big.csv",
        status=ParticipantImport.Status.CHECKED,
        columns=[{"index": 0, "header": "नाम", "samples": []}],
        mapping={"0": "name"},
    )
    upload.file.save("big.csv", ContentFile(b"x"), save=False)
    upload.summary = {
        "rows": 2000,
        "invalid": 700,
        "problems": [
            {"row": n, "column": "मोबाइल", "value": "1", "message": "bad", "suggestion": ""}
            for n in range(2, 702)
        ],
        "duplicate_rows": [
            {
                "row": n,
                "kind": "registry_mobile",
                "name": f"व्यक्ति {n}",
                "mobile": f"98390{n:05d}",
                "person_id": 1,
                "person_name": "राम",
                "decision": "skip",
            }
            for n in range(800, 1100)
        ],
    }
    upload.save()
    client.force_login(personas.dpro_kanpur)
    html = client.get(upload.get_absolute_url()).content.decode()
    duplicates = html.split('data-testid="duplicates"')[1].split("</table>")[0]
    assert len(re.findall(r'name="decision-\d+"', duplicates)) == 200
    assert 'data-testid="duplicates-capped"' in html and "300" in html
    problems = html.split('data-testid="problems"')[1].split("</table>")[0]
    assert problems.count("<tr>") == 501  # the header and the first 500
