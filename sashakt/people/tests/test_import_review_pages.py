"""An SEC result sheet through the web import, the place review list and the person's
history, as a district officer does it (no JavaScript)."""

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sashakt.geography.models import GramPanchayat
from sashakt.people.models import Designation, ParticipantImport, Person

pytestmark = pytest.mark.django_db

SEC_HEADERS = ["क्रमांक", "जिला", "ब्लॉक", "ग्राम पंचायत", "उम्मीदवार", "पिता/पति", "लिंग"]


def _upload(client, path):
    with open(path, "rb") as handle:
        file = SimpleUploadedFile(path.name, handle.read())
    return client.post(reverse("people:import_start"), {"file": file})


def test_the_start_page_says_which_columns_are_required(personas, client):
    client.force_login(personas.dpro_kanpur)
    page = client.get(reverse("people:import_start")).content.decode()
    assert 'data-testid="required-columns"' in page
    assert "नाम, लिंग, मोबाइल, पद, जनपद" in page  # Hindi labels, in the form's order


def test_an_sec_sheet_imports_through_the_web_with_defaults_and_without_mobiles(
    personas, client, xlsx, immediate_jobs, kanpur_gram_panchayats
):
    path = xlsx(
        [
            SEC_HEADERS,
            [1, "कानपुर नगर", "12 - बिल्हौर", "72 - बरौली", "सुनीता देवी", "रामपाल", "महिला"],
            [2, "कानपुर नगर", "3 - पतारा", "अटलांटिसपुर", "राम कुमार", "श्याम लाल", "पुरुष"],
        ]
    )
    client.force_login(personas.dpro_kanpur)
    _upload(client, path)
    upload = ParticipantImport.objects.get()
    page = client.get(upload.get_absolute_url()).content.decode()
    # The file has no designation column: the mapping page offers one value for every row,
    # and the choice to import without mobiles.
    assert 'data-testid="default-designation"' in page
    assert 'data-testid="default-gender"' not in page  # लिंग is there
    assert 'data-testid="allow-missing-mobile"' in page

    mapping = {f"column-{k}": v for k, v in upload.mapping.items()}
    client.post(reverse("people:import_check", args=[upload.pk]), mapping)
    upload.refresh_from_db()
    assert "पद" in upload.summary["file_error"] and "मोबाइल" in upload.summary["file_error"]

    client.post(
        reverse("people:import_check", args=[upload.pk]),
        {**mapping, "default-designation": Designation.PRADHAN, "allow_missing_mobile": "1"},
    )
    upload.refresh_from_db()
    assert upload.summary["created"] == 2 and upload.summary["mobile_needed"] == 2
    page = client.get(upload.get_absolute_url()).content.decode()
    assert 'data-testid="notes"' in page and "अटलांटिसपुर" in page
    client.post(reverse("people:import_commit", args=[upload.pk]))
    upload.refresh_from_db()
    assert upload.status == ParticipantImport.Status.IMPORTED
    page = client.get(upload.get_absolute_url()).content.decode()
    assert (
        'data-testid="count-place-review"' in page and 'data-testid="count-mobile-needed"' in page
    )

    # "Mobile needed": people without a mobile are listed.
    listing = client.get(reverse("people:list"), {"mobile_needed": "1"}).content.decode()
    assert "सुनीता देवी" in listing and "राम कुमार" in listing
    assert "मोबाइल चाहिए" in listing

    # The Pradhan with an unmatched gram panchayat is on the review list, and the officer
    # picks the right one: audited as an edit of the person, by the officer.
    person = Person.objects.get(name="राम कुमार", source_import=upload)
    assert person.needs_place_review and person.gram_panchayat_name == "अटलांटिसपुर"
    review = client.get(reverse("people:place_review")).content.decode()
    assert f'data-testid="review-{person.pk}"' in review and "अटलांटिसपुर" in review
    gram_panchayat = GramPanchayat.objects.filter(
        district=person.district, block=person.block
    ).first()
    client.post(
        reverse("people:place_review_set", args=[person.pk]),
        {"gram_panchayat": gram_panchayat.pk},
    )
    person.refresh_from_db()
    assert person.gram_panchayat == gram_panchayat and not person.needs_place_review
    entry = LogEntry.objects.get_for_object(person).get()
    assert entry.actor == personas.dpro_kanpur and "gram_panchayat" in entry.changes_dict

    # The person's history: the officer's edit, and "created by import N, row R".
    detail = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    created_line = f"आयात {upload.pk} से बनाया गया, पंक्ति 3"
    assert 'data-testid="created-by-import"' in detail and created_line in detail


def test_the_review_list_is_scoped_to_the_officers_district(
    personas, client, kanpur_gram_panchayats
):
    person = personas.kanpur_person
    Person.objects.filter(pk=person.pk).update(
        needs_place_review=True, gram_panchayat_name="अटलांटिसपुर"
    )
    client.force_login(personas.dpro_lucknow)
    page = client.get(reverse("people:place_review")).content.decode()
    assert f'data-testid="review-{person.pk}"' not in page
    gram_panchayat = GramPanchayat.objects.filter(district=person.district).first()
    response = client.post(
        reverse("people:place_review_set", args=[person.pk]),
        {"gram_panchayat": gram_panchayat.pk},
    )
    assert response.status_code == 404
    client.force_login(personas.dpro_kanpur)
    page = client.get(reverse("people:place_review")).content.decode()
    assert f'data-testid="review-{person.pk}"' in page


def test_people_without_a_mobile_export_with_an_empty_cell_and_stay_unique_when_present(
    personas,
):
    from django.db import IntegrityError, transaction

    from sashakt.people.reports import people_export_rows

    for name in ["सुनीता देवी", "गीता देवी"]:  # several people without a mobile
        Person.objects.create(
            name=name,
            gender="F",
            mobile="",
            designation=Designation.PRADHAN,
            district=personas.kanpur_person.district,
        )
    assert Person.objects.filter(mobile=None).count() == 2
    _headers, rows = people_export_rows(Person.objects.filter(mobile=None))
    assert [row[3] for row in rows] == ["", ""]
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(
            name="दूसरा",
            gender="M",
            mobile=personas.kanpur_person.mobile,
            designation=Designation.PRADHAN,
            district=personas.kanpur_person.district,
        )
