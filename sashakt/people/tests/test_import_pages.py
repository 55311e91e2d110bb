"""The import as a district officer does it in the browser, page by page (no JavaScript)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sashakt.people.models import ParticipantImport, Person

pytestmark = pytest.mark.django_db


def _upload(client, path, **extra):
    with open(path, "rb") as handle:
        file = SimpleUploadedFile(path.name, handle.read())
    return client.post(reverse("people:import_start"), {"file": file, **extra})


def test_upload_map_check_and_import(personas, client, xlsx, immediate_jobs):
    path = xlsx(
        [
            ["नाम", "लिंग", "फोन न0", "पद", "विकास खंड", "पिता का नाम"],
            ["राम नरेश", "M", "9839000020", "प्रमुख", "बिल्हौर", "श्री राम"],
            ["सीता देवी", "F", "9839000021", "प्रमुख", "Chaubeypur", "श्री श्याम"],
        ]
    )
    client.force_login(personas.dpro_kanpur)
    response = _upload(client, path)
    upload = ParticipantImport.objects.get()
    assert response["Location"] == upload.get_absolute_url()
    page = client.get(upload.get_absolute_url()).content.decode()
    assert "फोन न0" in page and "पिता का नाम" in page

    # "फोन न0" is not a header Sashakt knows: the officer maps it to Mobile by hand.
    columns = {c["header"]: c["index"] for c in upload.columns}
    mapping = {f"column-{i}": upload.mapping.get(str(i), "") for i in columns.values()}
    mapping[f"column-{columns['फोन न0']}"] = "mobile"
    mapping[f"column-{columns['पिता का नाम']}"] = "ignore"
    client.post(reverse("people:import_check", args=[upload.pk]), mapping)
    upload.refresh_from_db()
    assert upload.status == ParticipantImport.Status.CHECKED
    assert (
        upload.summary["created"] == 2
        and Person.objects.filter(mobile__startswith="983900002").count() == 0
    )

    page = client.get(upload.get_absolute_url()).content.decode()
    assert 'data-testid="import-button"' in page
    client.post(reverse("people:import_commit", args=[upload.pk]))
    upload.refresh_from_db()
    assert upload.status == ParticipantImport.Status.IMPORTED
    assert set(
        Person.objects.filter(mobile__startswith="983900002").values_list(
            "district__lgd_code", flat=True
        )
    ) == {157}


def test_problems_are_shown_with_suggestions_and_block_the_import(
    personas, client, xlsx, immediate_jobs
):
    path = xlsx(
        [
            ["नाम", "लिंग", "मोबाइल", "पद", "जनपद", "विकास खंड"],
            ["राम नरेश", "M", "98390", "प्रमुख", "कानपुर नगर", "Bilhor"],
        ]
    )
    client.force_login(personas.state)
    _upload(client, path)
    upload = ParticipantImport.objects.get()
    mapping = {f"column-{k}": v for k, v in upload.mapping.items()}
    client.post(reverse("people:import_check", args=[upload.pk]), mapping)
    page = client.get(upload.get_absolute_url()).content.decode()
    assert "98390" in page and 'data-testid="import-button"' not in page
    response = client.post(reverse("people:import_commit", args=[upload.pk]))
    upload.refresh_from_db()
    assert upload.status == ParticipantImport.Status.FAILED
    assert Person.objects.filter(name="राम नरेश").count() == 0
    assert response.status_code == 302


def test_a_file_that_is_not_a_spreadsheet_is_refused_on_the_form(personas, client, tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff")
    client.force_login(personas.dpro_kanpur)
    response = _upload(client, path)
    assert response.status_code == 200
    assert ".xlsx" in str(response.context["form"].errors["file"])
    assert ParticipantImport.objects.count() == 0


def test_imports_are_private_to_their_uploader_and_the_state_cell(personas, client, xlsx):
    path = xlsx([["नाम", "मोबाइल"], ["राम", "9839000020"]])
    client.force_login(personas.dpro_kanpur)
    _upload(client, path)
    upload = ParticipantImport.objects.get()
    client.force_login(personas.dpro_lucknow)
    assert client.get(upload.get_absolute_url()).status_code == 404
    client.force_login(personas.state)
    assert client.get(upload.get_absolute_url()).status_code == 200
    client.force_login(personas.iitk)
    assert client.get(upload.get_absolute_url()).status_code == 403


def test_the_template_has_bilingual_headers(personas, client):
    client.force_login(personas.dpro_kanpur)
    response = client.get(reverse("people:import_template", args=["csv"]))
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("नाम / Name,")
    assert client.get(reverse("people:import_template", args=["exe"])).status_code == 404


def test_the_upload_only_stores_the_file_and_a_job_reads_it(personas, client, xlsx):
    from sashakt.core.jobs import _REPEATABLE, jobs_run_queued

    path = xlsx([["नाम", "मोबाइल"], ["राम", "9839000020"]])
    client.force_login(personas.dpro_kanpur)
    response = _upload(client, path)
    upload = ParticipantImport.objects.get()
    assert response["Location"] == upload.get_absolute_url()
    assert upload.columns == [] and upload.check_job.kind == "people.import_read"
    page = client.get(upload.get_absolute_url()).content.decode()
    assert "?poll=1" in page and "import_check" not in page and "/check/" not in page
    poll = client.get(upload.get_absolute_url(), {"poll": "1"}, HTTP_HX_REQUEST="true")
    assert poll.status_code == 200 and "HX-Refresh" not in poll
    assert jobs_run_queued() >= 1
    upload.refresh_from_db()
    assert [c["header"] for c in upload.columns] == ["नाम", "मोबाइल"]
    poll = client.get(upload.get_absolute_url(), {"poll": "1"}, HTTP_HX_REQUEST="true")
    assert poll["HX-Refresh"] == "true"
    assert (
        f"/people/import/{upload.pk}/check/"
        in client.get(upload.get_absolute_url()).content.decode()
    )
    assert {"people.import_read", "people.import_check", "people.export"} <= _REPEATABLE


def test_the_import_counts_are_separate_cards_each_said_once():
    """The counts partial once closed its divs in the wrong place: "gram panchayats to
    review" sat inside each of the six count cards."""
    from html.parser import HTMLParser

    from django.template.loader import render_to_string
    from django.utils import translation

    summary = {
        "rows": 9,
        "created": 3,
        "updated": 2,
        "unchanged": 1,
        "duplicates": 1,
        "invalid": 2,
        "place_review": 1,
        "mobile_needed": 4,
    }
    with translation.override("en"):
        html = render_to_string(
            "people/_import_counts.html", {"summary": summary, "upload": ParticipantImport()}
        )

    class Cards(HTMLParser):
        depth, nested, cards = 0, 0, 0

        def handle_starttag(self, tag, attrs):
            if tag == "div" and ("class", "stat") in attrs:
                self.cards += 1
                self.nested += self.depth > 0
                self.depth += 1
            elif tag == "div" and self.depth:
                self.depth += 1

        def handle_endtag(self, tag):
            if tag == "div" and self.depth:
                self.depth -= 1

    cards = Cards()
    cards.feed(html)
    assert (cards.cards, cards.nested) == (8, 0)
    assert html.count("gram panchayats to review") == 1
    assert html.count("mobile needed") == 1
