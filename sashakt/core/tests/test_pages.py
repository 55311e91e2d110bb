import re

import pytest
from django.test import Client
from django.urls import path, reverse

from sashakt import urls as project_urls

pytestmark = pytest.mark.django_db


def _boom(request):
    raise RuntimeError("unexpected")


urlpatterns = [*project_urls.urlpatterns, path("boom/", _boom)]


def test_the_about_page_credits_the_data_sources(hindi_client):
    html = hindi_client.get(reverse("core:about")).content.decode()
    assert "Local Government Directory (lgdirectory.gov.in), Ministry of Panchayati Raj" in html
    assert "GODL-India" in html
    assert "Hindustan Times Labs (MIT)" in html and "DataMeet (CC BY 2.5 IN)" in html


def test_a_missing_page_says_so_in_hindi_and_in_english(settings, hindi_client):
    settings.DEBUG = False
    response = hindi_client.get("/no-such-page/")
    assert response.status_code == 404 and "पृष्ठ नहीं मिला" in response.content.decode()
    hindi_client.cookies["sashakt_language"] = "en"
    assert "Page not found" in hindi_client.get("/no-such-page/").content.decode()


def test_a_forbidden_page_explains_itself(personas, hindi_client):
    hindi_client.force_login(personas.trainer)
    response = hindi_client.get(reverse("people:list"))
    assert response.status_code == 403
    assert "आप यह पृष्ठ नहीं खोल सकते" in response.content.decode()


def test_a_server_error_page_speaks_both_languages(settings):
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "कुछ गड़बड़ हो गई" in html and "Something went wrong" in html


def test_there_is_a_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("persona", ["state", "dpro_kanpur", "participant"])
def test_no_page_loads_anything_from_the_internet(personas, client, persona):
    client.force_login(personas.all_users()[persona])
    for url in ["/", reverse("core:about")]:
        html = client.get(url).content.decode()
        external = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(https?:)?//', html)
        assert external == [], url


def test_static_assets_are_served_by_the_app(client):
    for asset in [
        "/static/css/sashakt.css",
        "/static/fonts/NotoSansDevanagari.woff2",
        "/static/django_htmx/htmx-2.min.js",
    ]:
        response = client.get(asset)
        assert response.status_code == 200, asset


def test_the_state_cell_sees_who_changed_what_in_the_audit_trail(personas, client):
    client.force_login(personas.state)
    person = personas.kanpur_person
    client.post(
        reverse("admin:people_person_change", args=[person.pk]),
        {
            "name": "राम कुमार सिंह",
            "name_alt": person.name_alt,
            "gender": person.gender,
            "mobile": person.mobile,
            "designation": person.designation,
            "district": person.district_id,
            "block": person.block_id or "",
            "gram_panchayat": "",
        },
    )
    html = client.get(reverse("core:audit_log") + "?model=people.person").content.decode()
    assert "राम कुमार सिंह" in html
    assert personas.state.display_name in html


@pytest.mark.django_db
def test_a_refused_request_is_one_line_in_the_log_not_a_traceback(personas, client, caplog):
    """Every 403 once wrote a full traceback to the log."""
    import logging

    client.force_login(personas.participant)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(reverse("core:audit_log")).status_code == 403
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage().startswith("Forbidden")
    assert record.exc_info is None and "Traceback" not in caplog.text
