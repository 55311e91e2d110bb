"""A participant asks to correct their record; their own district officer accepts (the
registry changed through its own correction, audited with the reason) or refuses with a
reason; the participant sees the outcome; another district's officer never sees it."""

import pytest
from auditlog.models import LogEntry

from sashakt.geography.models import GramPanchayat
from sashakt.privacy.models import CorrectionRequest, CorrectionStatus

pytestmark = pytest.mark.django_db


def _ask(client, field="mobile", value="9415000099", reason="नया नंबर"):
    return client.post(
        "/privacy/mine/correction/",
        {"field": field, "requested_value": value, "reason": reason},
    )


@pytest.fixture(autouse=True)
def _pradhan_of_a_gram_panchayat(personas):
    """A Pradhan's record is whole only with their gram panchayat (the registry's rule)."""
    person = personas.participant.person
    person.gram_panchayat = GramPanchayat.objects.create(
        lgd_code=990101,
        lgd_name="Rampur",
        name_en="Rampur",
        name_hi="रामपुर",
        district_id=person.district_id,
        block_id=person.block_id,
    )
    person.save()


@pytest.fixture
def asked(client, personas):
    client.force_login(personas.participant)
    response = _ask(client)
    assert response.status_code == 302
    client.logout()
    return CorrectionRequest.objects.get()


def test_the_participant_asks_and_it_waits_on_the_district_officers_list(client, personas, asked):
    assert asked.status == CorrectionStatus.PENDING
    assert asked.current_value == "9415000002" and asked.district.lgd_code == 157
    client.force_login(personas.dpro_kanpur)
    home = client.get("/").content.decode()
    assert 'data-testid="todo-corrections"' in home
    assert "9415000099" in client.get("/privacy/corrections/").content.decode()


def test_asking_twice_for_the_same_field_is_refused(client, personas, asked):
    client.force_login(personas.participant)
    response = _ask(client, value="9415000098")
    assert response.status_code == 400
    assert CorrectionRequest.objects.count() == 1


def test_an_empty_reason_is_refused(client, personas):
    client.force_login(personas.participant)
    assert _ask(client, reason="").status_code == 400
    assert not CorrectionRequest.objects.exists()


def test_another_districts_officer_cannot_see_or_decide_it(client, personas, asked):
    client.force_login(personas.dpro_lucknow)
    assert client.get(f"/privacy/corrections/{asked.pk}/").status_code == 404
    response = client.post(f"/privacy/corrections/{asked.pk}/", {"decision": "accept"})
    assert response.status_code == 404
    assert "9415000099" not in client.get("/privacy/corrections/").content.decode()
    asked.refresh_from_db()
    assert asked.status == CorrectionStatus.PENDING
    person = personas.participant.person
    person.refresh_from_db()
    assert person.mobile == "9415000002"


@pytest.mark.parametrize("role", ["participant", "iitk", "trainer"])
def test_other_roles_cannot_decide(client, personas, asked, role):
    client.force_login(personas.all_users()[role])
    response = client.post(f"/privacy/corrections/{asked.pk}/", {"decision": "accept"})
    assert response.status_code == 403
    asked.refresh_from_db()
    assert asked.status == CorrectionStatus.PENDING


def test_accepting_corrects_the_registry_with_the_reason_in_its_history(client, personas, asked):
    client.force_login(personas.dpro_kanpur)
    confirm = client.get(f"/privacy/corrections/{asked.pk}/")
    assert confirm.status_code == 200 and b'data-testid="accept"' in confirm.content
    asked.refresh_from_db()
    assert asked.status == CorrectionStatus.PENDING  # the GET only asks
    response = client.post(f"/privacy/corrections/{asked.pk}/", {"decision": "accept"})
    assert response.status_code == 302
    asked.refresh_from_db()
    person = personas.participant.person
    person.refresh_from_db()
    assert asked.status == CorrectionStatus.ACCEPTED and asked.decided_by == personas.dpro_kanpur
    assert person.mobile == "9415000099"
    entry = LogEntry.objects.get_for_object(person).latest("timestamp")
    assert entry.actor == personas.dpro_kanpur
    assert entry.changes_dict["mobile"] == ["9415000002", "9415000099"]
    assert "नया नंबर" in entry.additional_data["reason"]
    client.force_login(personas.participant)
    mine = client.get("/privacy/mine/").content.decode()
    assert 'data-status="accepted"' in mine


def test_a_name_correction_is_applied_and_audited(client, personas):
    client.force_login(personas.participant)
    assert _ask(client, field="name", value="गीता देवी पाल", reason="पूरा नाम").status_code == 302
    correction = CorrectionRequest.objects.get()
    client.force_login(personas.dpro_kanpur)
    client.post(f"/privacy/corrections/{correction.pk}/", {"decision": "accept"})
    person = personas.participant.person
    person.refresh_from_db()
    assert person.name == "गीता देवी पाल" and person.name_alt
    assert LogEntry.objects.get_for_object(person).latest("timestamp").actor == personas.dpro_kanpur


def test_refusing_needs_a_reason_and_the_participant_reads_it(client, personas, asked):
    client.force_login(personas.dpro_kanpur)
    client.post(f"/privacy/corrections/{asked.pk}/", {"decision": "refuse", "reason": ""})
    asked.refresh_from_db()
    assert asked.status == CorrectionStatus.PENDING
    client.post(
        f"/privacy/corrections/{asked.pk}/",
        {"decision": "refuse", "reason": "यह नंबर किसी और के नाम है"},
    )
    asked.refresh_from_db()
    assert asked.status == CorrectionStatus.REFUSED
    person = personas.participant.person
    person.refresh_from_db()
    assert person.mobile == "9415000002"
    client.force_login(personas.participant)
    mine = client.get("/privacy/mine/").content.decode()
    assert 'data-status="refused"' in mine and "यह नंबर किसी और के नाम है" in mine


def test_a_value_the_registry_refuses_changes_nothing(client, personas):
    client.force_login(personas.participant)
    _ask(client, value="12345")
    correction = CorrectionRequest.objects.get()
    client.force_login(personas.dpro_kanpur)
    response = client.post(f"/privacy/corrections/{correction.pk}/", {"decision": "accept"})
    assert response.status_code == 200
    correction.refresh_from_db()
    person = personas.participant.person
    person.refresh_from_db()
    assert correction.status == CorrectionStatus.PENDING and person.mobile == "9415000002"


def test_a_decided_request_cannot_be_decided_again(client, personas, asked):
    client.force_login(personas.dpro_kanpur)
    client.post(f"/privacy/corrections/{asked.pk}/", {"decision": "refuse", "reason": "नहीं"})
    client.post(f"/privacy/corrections/{asked.pk}/", {"decision": "accept"})
    asked.refresh_from_db()
    assert asked.status == CorrectionStatus.REFUSED
