"""The state cell keeps staff accounts on /accounts/staff/ (no Django admin): create with a
scope, deactivate, reactivate, reset; nobody else may; every change audited."""

import re

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from sashakt.accounts.models import User
from sashakt.geography.models import District
from sashakt.test import PASSWORD

pytestmark = pytest.mark.django_db
STAFF = reverse("accounts:staff")


def _signs_in(username, password) -> bool:
    from django.test import Client

    client = Client()
    client.post(reverse("accounts:login"), {"username": username, "password": password})
    return "_auth_user_id" in client.session


def _password_shown(response) -> str:
    # In either language: the twelve letters and digits after the colon, before the stop.
    return re.search(r": ([A-Za-z0-9]{12})[.।]", response.content.decode()).group(1)


def test_the_state_cell_creates_a_district_officer_who_can_sign_in(personas, client):
    agra = District.objects.exclude(pk=personas.dpro_kanpur.district_id).first()
    client.force_login(personas.state)
    response = client.post(
        STAFF,
        {
            "username": "dpro-agra",
            "full_name": "District Officer",
            "role": "district",
            "district": agra.pk,
            "mobile": "+91 94150 55501",
        },
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    officer = User.objects.get(username="dpro-agra")
    assert (officer.role, officer.district, officer.mobile) == ("district", agra, "9415055501")
    password = _password_shown(response)
    assert LogEntry.objects.get_for_object(officer).get().actor == personas.state
    assert _signs_in("dpro-agra", password)


def test_scope_must_fit_the_role_and_nothing_is_half_written(personas, client):
    client.force_login(personas.state)
    response = client.post(STAFF, {"username": "coord-x", "full_name": "X", "role": "institute"})
    assert response.status_code == 200 and not User.objects.filter(username="coord-x").exists()
    assert "institute" in response.content.decode().lower()
    response = client.post(STAFF, {"username": "state-2", "full_name": "X", "role": "state"})
    assert not User.objects.filter(username="state-2").exists()
    # A username already taken: refused with the model's own message.
    response = client.post(
        STAFF,
        {
            "username": personas.trainer.username,
            "full_name": "T",
            "role": "trainer",
            "institute": personas.iitk_institute.pk,
        },
    )
    assert User.objects.filter(username=personas.trainer.username).count() == 1


def test_deactivate_reactivate_and_reset(personas, client):
    client.force_login(personas.state)
    url = reverse("accounts:staff_change", args=[personas.dpro_kanpur.pk])
    client.post(url, {"action": "deactivate"})
    personas.dpro_kanpur.refresh_from_db()
    assert personas.dpro_kanpur.is_active is False
    assert not _signs_in("dpro-kanpur", PASSWORD)
    client.post(url, {"action": "activate"})
    personas.dpro_kanpur.refresh_from_db()
    assert personas.dpro_kanpur.is_active is True
    response = client.post(url, {"action": "reset"}, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    password = _password_shown(response)
    assert _signs_in("dpro-kanpur", password) and not _signs_in("dpro-kanpur", PASSWORD)
    entries = LogEntry.objects.get_for_object(personas.dpro_kanpur).exclude(action=0)  # created
    assert entries.count() == 3 and {e.actor for e in entries} == {personas.state}
    assert "password" in entries.first().changes_dict


def test_only_the_state_cell_keeps_staff_and_participants_are_not_touched(personas, client):
    for user in (personas.iitk, personas.dpro_kanpur, personas.trainer, personas.participant):
        client.force_login(user)
        assert client.get(STAFF).status_code == 403
        url = reverse("accounts:staff_change", args=[personas.trainer.pk])
        assert client.post(url, {"action": "deactivate"}).status_code == 403
    personas.trainer.refresh_from_db()
    assert personas.trainer.is_active
    client.force_login(personas.state)
    page = client.get(STAFF).content.decode()
    assert "dpro-kanpur" in page and personas.participant.username not in page
    url = reverse("accounts:staff_change", args=[personas.participant.pk])
    assert client.post(url, {"action": "deactivate"}).status_code == 404
    personas.participant.refresh_from_db()
    assert personas.participant.is_active
