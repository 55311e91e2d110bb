"""Opt-outs recorded by a district officer for the people of their district (issue 25):
with who and when, audited, scope checked; the state cell may do it for anyone."""

import pytest
from auditlog.models import LogEntry

from sashakt.notifications.models import OptOut
from sashakt.people.services import OptOutRefused, person_opt_out, person_opt_out_withdraw

pytestmark = pytest.mark.django_db


def test_a_district_officer_records_and_withdraws_an_opt_out_for_their_own_person(client, personas):
    client.force_login(personas.dpro_kanpur)
    person = personas.kanpur_person
    page = client.get(f"/people/{person.pk}/")
    assert 'data-testid="opt-out-record"' in page.content.decode()

    response = client.post(f"/people/{person.pk}/opt-out/", {"reason": "फ़ोन पर कहा"})
    assert response.status_code == 302
    opt_out = OptOut.objects.get(mobile=person.mobile)
    assert opt_out.recorded_by == personas.dpro_kanpur and opt_out.reason == "फ़ोन पर कहा"
    assert opt_out.recorded_at is not None
    entry = LogEntry.objects.get_for_object(opt_out).get()
    assert entry.actor == personas.dpro_kanpur
    page = client.get(f"/people/{person.pk}/").content.decode()
    assert 'data-testid="opt-out-withdraw"' in page
    assert personas.dpro_kanpur.display_name in page  # who recorded it

    client.post(f"/people/{person.pk}/opt-out/", {"withdraw": "1"})
    assert not OptOut.objects.filter(mobile=person.mobile).exists()


def test_a_district_officer_cannot_record_for_another_districts_person(client, personas):
    lucknow = personas.lucknow_person
    client.force_login(personas.dpro_kanpur)
    assert client.post(f"/people/{lucknow.pk}/opt-out/", {"reason": "x"}).status_code == 404
    assert client.get(f"/people/{lucknow.pk}/opt-out/").status_code == 405  # never on GET
    with pytest.raises(OptOutRefused):
        person_opt_out(user=personas.dpro_kanpur, person=lucknow)
    OptOut.objects.create(mobile=lucknow.mobile)
    with pytest.raises(OptOutRefused):
        person_opt_out_withdraw(user=personas.dpro_kanpur, person=lucknow)
    assert OptOut.objects.filter(mobile=lucknow.mobile).exists()
    for user in (personas.iitk, personas.participant):
        client.force_login(user)
        assert client.post(f"/people/{lucknow.pk}/opt-out/").status_code in (403, 404)
    # The state cell: any district.
    OptOut.objects.all().delete()
    person_opt_out(user=personas.state, person=lucknow, reason="")
    assert OptOut.objects.get(mobile=lucknow.mobile).recorded_by == personas.state
