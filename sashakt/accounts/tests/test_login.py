import pytest
from axes.models import AccessAttempt
from django.db import IntegrityError
from django.urls import reverse

from sashakt.accounts.models import User
from sashakt.core.roles import Role
from sashakt.test import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")


def _sign_in(client, username, password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


def test_a_district_officer_signs_in_with_username_and_lands_on_their_district(
    personas, hindi_client
):
    response = _sign_in(hindi_client, "dpro-kanpur")
    assert response.status_code == 302 and response["Location"] == "/"
    home = hindi_client.get("/")
    assert "जनपद कानपुर नगर" in home.content.decode()


def test_people_may_sign_in_with_their_mobile_number_as_they_type_it(personas, client):
    response = _sign_in(client, "+91 90000 00002")
    assert response.status_code == 302
    assert client.get("/").context["user"] == personas.dpro_kanpur


def test_usernames_are_not_case_sensitive(personas, client):
    assert _sign_in(client, "DPRO-Kanpur").status_code == 302


def test_a_wrong_password_is_refused_with_a_hindi_message(personas, hindi_client):
    response = _sign_in(hindi_client, "dpro-kanpur", "wrong-password")
    assert response.status_code == 200
    assert "पासवर्ड सही नहीं है" in response.content.decode()
    assert "_auth_user_id" not in hindi_client.session


def test_failed_sign_ins_are_rate_limited(personas, hindi_client, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(hindi_client, "dpro-kanpur", "wrong-password")
    locked = _sign_in(hindi_client, "dpro-kanpur")  # even the right password now waits
    assert locked.status_code == 429
    assert "साइन इन के बहुत से असफल प्रयास" in locked.content.decode()
    assert AccessAttempt.objects.filter(username="dpro-kanpur").exists()


def test_an_inactive_account_cannot_sign_in(personas, client):
    personas.trainer.is_active = False
    personas.trainer.save()
    assert _sign_in(client, "trainer").status_code == 200


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("state", "राज्य कार्यक्रम प्रकोष्ठ"),
        ("iitk", "भारतीय प्रौद्योगिकी संस्थान कानपुर"),
        ("iiml", "भारतीय प्रबंध संस्थान लखनऊ"),
        ("dpro_kanpur", "जनपद कानपुर नगर"),
        ("dpro_lucknow", "जनपद लखनऊ"),
        ("trainer", "मेरे सत्र"),
        ("participant", "नमस्ते, गीता पाल"),
    ],
)
def test_each_role_lands_on_a_page_that_fits_it(personas, hindi_client, persona, expected):
    user = personas.all_users()[persona]
    assert _sign_in(hindi_client, user.username).status_code == 302
    home = hindi_client.get("/")
    assert home.status_code == 200
    assert expected in home.content.decode()


def test_the_menu_shows_only_what_the_role_may_open(personas, client):
    client.force_login(personas.dpro_kanpur)
    labels = [item["url"] for item in client.get("/").context["menu"]]
    assert reverse("people:list") in labels
    assert reverse("core:audit_log") not in labels
    client.force_login(personas.trainer)
    labels = [item["url"] for item in client.get("/").context["menu"]]
    assert reverse("people:list") not in labels


@pytest.mark.parametrize(
    ("role", "missing"),
    [(Role.DISTRICT, "district"), (Role.INSTITUTE, "institute"), (Role.PARTICIPANT, "person")],
)
def test_a_scoped_role_cannot_exist_without_its_scope(geography, role, missing):
    with pytest.raises(IntegrityError):
        User.objects.create_user(username=f"no-{missing}", password=PASSWORD, role=role)


def test_createsuperuser_makes_a_state_cell_user(db):
    user = User.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    assert user.role == Role.STATE


def test_signing_out_needs_a_post(personas, client):
    client.force_login(personas.state)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_change_uses_django_validators(personas, client):
    client.force_login(personas.dpro_kanpur)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
