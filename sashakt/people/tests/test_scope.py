"""Who may see what, for every role (MISSION.md, "Who uses it")."""

import pytest
from django.urls import reverse

from sashakt.core.jobs import job_enqueue
from sashakt.core.permissions import scope_queryset
from sashakt.people.models import Person
from sashakt.people.selectors import PERSON_SCOPE, people_for_user

pytestmark = pytest.mark.django_db


def _status(client, user, url):
    if user is None:
        client.logout()
    else:
        client.force_login(user)
    return client.get(url).status_code


# --- the registry list ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("state", 200),
        ("dpro_kanpur", 200),
        ("dpro_lucknow", 200),
        ("iitk", 403),
        ("iiml", 403),
        ("trainer", 403),
        ("participant", 403),
    ],
)
def test_only_the_state_cell_and_district_officers_open_the_registry(
    personas, client, persona, status
):
    assert _status(client, personas.all_users()[persona], reverse("people:list")) == status


def test_an_anonymous_visitor_is_sent_to_sign_in(personas, client):
    response = client.get(reverse("people:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_district_officer_lists_only_their_own_district(personas, client):
    client.force_login(personas.dpro_kanpur)
    names = [p.name for p in client.get(reverse("people:list")).context["page"].object_list]
    assert personas.kanpur_person.name in names
    assert personas.lucknow_person.name not in names


def test_a_district_officer_cannot_widen_their_scope_with_a_filter(personas, client):
    client.force_login(personas.dpro_kanpur)
    url = reverse("people:list") + f"?district={personas.lucknow_person.district_id}"
    assert list(client.get(url).context["page"].object_list) == []


def test_the_state_cell_lists_every_district(personas, client):
    client.force_login(personas.state)
    page = client.get(reverse("people:list")).context["page"]
    assert {personas.kanpur_person, personas.lucknow_person} <= set(page.object_list)


# --- one person's page ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "kanpur", "lucknow"),
    [
        ("state", 200, 200),
        ("dpro_kanpur", 200, 404),
        ("dpro_lucknow", 404, 200),
        ("iitk", 403, 403),
        ("trainer", 403, 403),
        ("participant", 404, 404),
    ],
)
def test_person_pages_follow_scope(personas, client, persona, kanpur, lucknow):
    user = personas.all_users()[persona]
    assert (
        _status(client, user, reverse("people:detail", args=[personas.kanpur_person.pk])) == kanpur
    )
    assert (
        _status(client, user, reverse("people:detail", args=[personas.lucknow_person.pk]))
        == lucknow
    )


def test_a_participant_sees_their_own_record_with_their_mobile(personas, client):
    own = personas.participant.person
    client.force_login(personas.participant)
    response = client.get(reverse("people:detail", args=[own.pk]))
    assert response.status_code == 200 and own.mobile in response.content.decode()


# --- background jobs --------------------------------------------------------------------


def test_jobs_are_visible_to_their_owner_and_the_state_cell_only(personas, client):
    job = job_enqueue(
        kind="people.export",
        title="export",
        user=personas.dpro_kanpur,
        params={"user_id": personas.dpro_kanpur.pk},
    )
    url = reverse("core:job_detail", args=[job.pk])
    assert _status(client, personas.dpro_kanpur, url) == 200
    assert _status(client, personas.state, url) == 200
    assert _status(client, personas.dpro_lucknow, url) == 404
    assert _status(client, personas.iitk, url) == 404
    assert (
        _status(client, personas.dpro_lucknow, reverse("core:job_download", args=[job.pk])) == 404
    )


# --- audit trail and master data ---------------------------------------------------------


@pytest.mark.parametrize("persona", ["iitk", "dpro_kanpur", "trainer", "participant"])
def test_only_the_state_cell_reads_the_audit_trail(personas, client, persona):
    assert _status(client, personas.all_users()[persona], reverse("core:audit_log")) == 403
    assert _status(client, personas.state, reverse("core:audit_log")) == 200


@pytest.mark.parametrize("persona", ["iitk", "dpro_kanpur", "trainer", "participant"])
def test_only_the_state_cell_opens_the_admin(personas, client, persona):
    url = reverse("admin:people_person_changelist")
    assert _status(client, personas.all_users()[persona], url) == 302  # to the admin login
    assert _status(client, personas.state, url) == 200


# --- the scope layer itself --------------------------------------------------------------


def test_every_role_gets_exactly_its_scope_of_people(personas):
    everyone = set(Person.objects.all())
    expected = {
        "state": everyone,
        "dpro_kanpur": {p for p in everyone if p.district.lgd_code == 157},
        "dpro_lucknow": {p for p in everyone if p.district.lgd_code == 162},
        "iitk": set(),
        "iiml": set(),
        "trainer": set(),
        "participant": {personas.participant.person},
    }
    for name, user in personas.all_users().items():
        assert set(people_for_user(user)) == expected[name], name


def test_a_model_is_private_until_its_scope_is_named(personas):
    for user in personas.all_users().values():
        if user.role != "state":
            assert not scope_queryset(user, Person.objects.all()).exists()


def test_inactive_and_anonymous_users_see_nothing(personas):
    from django.contrib.auth.models import AnonymousUser

    assert not scope_queryset(AnonymousUser(), Person.objects.all(), **PERSON_SCOPE).exists()
    personas.state.is_active = False
    assert not scope_queryset(personas.state, Person.objects.all(), **PERSON_SCOPE).exists()


# --- the one helper every view uses -----------------------------------------------------


def test_get_scoped_or_404_takes_a_selector_or_a_scoped_queryset(personas):
    from django.http import Http404

    from sashakt.core.permissions import get_scoped_or_404

    person = personas.kanpur_person
    assert get_scoped_or_404(personas.dpro_kanpur, people_for_user, person.pk) == person
    scoped = people_for_user(personas.dpro_kanpur).filter(designation=person.designation)
    assert get_scoped_or_404(personas.dpro_kanpur, scoped, person.pk) == person
    for outsider in (personas.dpro_lucknow, personas.iitk):
        with pytest.raises(Http404):
            get_scoped_or_404(outsider, people_for_user, person.pk)
