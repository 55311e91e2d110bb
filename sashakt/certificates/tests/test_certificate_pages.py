"""Who sees which certificates: every role, with scope."""

import pytest
from django.urls import reverse

from sashakt.certificates.models import Certificate, CertificateStatus
from sashakt.certificates.services import certificates_issue_for_batch
from sashakt.certificates.tests.conftest import pdf_text, seat
from sashakt.nominations.models import NominationStatus
from sashakt.programmes.models import BatchStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(personas, completed_batch):
    # The participant persona completed the batch too.
    status = completed_batch.status
    completed_batch.status = BatchStatus.OPEN
    completed_batch.save()
    own = seat(
        personas.dpro_kanpur, personas.participant.person, completed_batch, state=personas.state
    )
    own.status, own.seat = NominationStatus.ATTENDED, None
    own.save()
    completed_batch.status = status
    completed_batch.save()
    return certificates_issue_for_batch(user=personas.iitk, batch=completed_batch)


def _names(client, user):
    client.force_login(user)
    response = client.get(reverse("certificates:list"))
    assert response.status_code == 200
    return {c.name_en for c in response.context["page"].object_list}


def test_each_role_lists_only_the_certificates_in_its_scope(personas, client, issued):
    everyone = {"Ram Kumar", "Savitri Devi", "Sunita Verma", "Geeta Pal"}
    assert _names(client, personas.state) == everyone
    assert _names(client, personas.iitk) == everyone
    assert _names(client, personas.iiml) == set()
    assert _names(client, personas.dpro_kanpur) == {"Ram Kumar", "Savitri Devi", "Geeta Pal"}
    assert _names(client, personas.dpro_lucknow) == {"Sunita Verma"}
    assert _names(client, personas.participant) == {"Geeta Pal"}
    client.force_login(personas.trainer)
    assert client.get(reverse("certificates:list")).status_code == 403


def test_a_participant_downloads_their_own_certificate_and_no_one_elses(
    personas, client, issued, tmp_path
):
    own = Certificate.objects.get(person=personas.participant.person)
    other = Certificate.objects.get(person=personas.kanpur_person)
    client.force_login(personas.participant)
    html = client.get(reverse("certificates:list")).content.decode()
    assert reverse("certificates:download", args=[own.number]) in html
    response = client.get(reverse("certificates:download", args=[own.number]))
    assert response["Content-Type"] == "application/pdf"
    assert "गीतापाल" in pdf_text(response.content, tmp_path)
    assert client.get(reverse("certificates:download", args=[other.number])).status_code == 404
    assert client.get(reverse("certificates:detail", args=[other.number])).status_code == 404


def test_a_district_officer_opens_their_districts_certificates_only(personas, client, issued):
    kanpur = Certificate.objects.get(person=personas.kanpur_person)
    lucknow = Certificate.objects.get(person=personas.lucknow_person)
    client.force_login(personas.dpro_kanpur)
    assert client.get(reverse("certificates:detail", args=[kanpur.number])).status_code == 200
    assert client.get(reverse("certificates:detail", args=[lucknow.number])).status_code == 404
    # Officers read; they do not revoke.
    response = client.post(reverse("certificates:revoke", args=[kanpur.number]), {"reason": "no"})
    assert response.status_code == 403
    kanpur.refresh_from_db()
    assert kanpur.is_valid


def test_the_coordinator_revokes_and_reissues_from_the_certificate_page(personas, client, issued):
    ram = Certificate.objects.get(person=personas.kanpur_person)
    client.force_login(personas.iiml)
    assert client.get(reverse("certificates:detail", args=[ram.number])).status_code == 404
    client.force_login(personas.iitk)
    page = client.get(reverse("certificates:detail", args=[ram.number])).content.decode()
    assert 'data-testid="reissue"' in page and 'data-testid="revoke"' in page
    response = client.post(
        reverse("certificates:reissue", args=[ram.number]),
        {"name_hi": "राम कुमार वर्मा", "name_en": "Ram Kumar Verma", "reason": "Surname left out"},
    )
    new = Certificate.objects.get(replaces=ram)
    assert response["Location"] == new.get_absolute_url()
    ram.refresh_from_db()
    assert ram.status == CertificateStatus.REPLACED
    response = client.post(reverse("certificates:revoke", args=[new.number]), {"reason": ""})
    new.refresh_from_db()
    assert new.is_valid  # no reason, nothing revoked
    client.post(reverse("certificates:revoke", args=[new.number]), {"reason": "Did not attend"})
    new.refresh_from_db()
    assert new.status == CertificateStatus.REVOKED


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("state", 200),
        ("iitk", 200),
        ("iiml", 404),
        ("dpro_kanpur", 403),
        ("trainer", 403),
        ("participant", 403),
    ],
)
def test_only_the_batchs_coordinator_and_the_state_cell_review_it(
    personas, client, completed_batch, persona, status
):
    client.force_login(personas.all_users()[persona])
    url = reverse("certificates:batch_review", args=[completed_batch.pk])
    assert client.get(url).status_code == status


def test_the_review_page_lists_who_did_not_complete_and_asks_before_issuing(
    personas, client, completed_batch, settings
):
    settings.JOBS_BACKEND = "immediate"
    client.force_login(personas.iitk)
    url = reverse("certificates:batch_review", args=[completed_batch.pk])
    html = client.get(url).content.decode()
    assert html.count('data-completed="no"') == 1 and html.count('data-completed="yes"') == 3
    assert "पूर्णता दर्ज नहीं हुई" in html
    client.post(url, {})  # the box not ticked: nothing happens
    assert not Certificate.objects.exists()
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    assert Certificate.objects.filter(batch=completed_batch).count() == 3


def test_the_printed_certificate_number_opens_the_certificate_as_the_compact_one_does(
    personas, client, issued
):
    from sashakt.certificates.numbers import number_display

    ram = Certificate.objects.get(person=personas.kanpur_person)
    client.force_login(personas.iitk)
    for typed in (number_display(ram.number), number_display(ram.number).lower(), ram.number):
        response = client.get(f"/certificates/{typed}/")
        assert response.status_code == 200, typed
        assert response.context["certificate"] == ram
    client.force_login(personas.dpro_lucknow)  # the printed form is no way round the scope
    assert client.get(f"/certificates/{number_display(ram.number)}/").status_code == 404


def test_the_joining_letter_after_the_batch_says_why_and_links_the_certificate(
    personas, client, issued
):
    """It once answered a bare 404 once the batch was completed."""
    own = Certificate.objects.get(person=personas.participant.person)
    client.force_login(personas.participant)
    response = client.get(reverse("nominations:joining_letter", args=[own.nomination_id]))
    html = response.content.decode()
    assert response.status_code == 410
    assert "प्रशिक्षण पूरा हो चुका है" in html
    assert f'href="{own.get_absolute_url()}" data-testid="certificate-link"' in html
    other = Certificate.objects.get(person=personas.kanpur_person)
    response = client.get(reverse("nominations:joining_letter", args=[other.nomination_id]))
    assert response.status_code == 404  # someone else's: nothing is told
