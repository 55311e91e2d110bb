"""The public verification page: valid, revoked, replaced, tampered and mistyped numbers, in
both languages, rate-limited."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from sashakt.certificates.numbers import ALPHABET, check_character
from sashakt.certificates.services import (
    certificate_reissue,
    certificate_revoke,
    certificates_issue_for_batch,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def issued(personas, completed_batch):
    return certificates_issue_for_batch(user=personas.iitk, batch=completed_batch)


def _page(client, number, language="hi"):
    client.cookies["sashakt_language"] = language
    return client.get(f"/verify/{number}/")


def test_a_valid_certificate_shows_the_name_programme_institute_dates_and_nothing_else(
    client, issued
):
    certificate = issued[0]
    assert certificate.verification_url.endswith(f"/verify/{certificate.display_number}/")
    response = _page(client, certificate.display_number)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-outcome="valid"' in html and "वैध प्रमाण-पत्र" in html
    assert certificate.name_hi in html and certificate.name_en in html
    assert "भारतीय प्रौद्योगिकी संस्थान कानपुर" in html and "26 अगस्त 2025" in html
    person = certificate.person
    assert person.mobile not in html
    assert certificate.place_en not in html and certificate.place_hi not in html


def test_the_page_speaks_english_too(client, issued):
    html = _page(client, issued[0].display_number, "en").content.decode()
    assert '<html lang="en">' in html and "Valid certificate" in html
    assert "Indian Institute of Technology Kanpur" in html and "26 August 2025" in html


def test_a_number_is_found_however_it_is_typed(client, issued):
    number = issued[0].number
    for typed in [number, number.lower(), f"ssk-{number[:5]}-{number[5:]}".lower()]:
        assert 'data-outcome="valid"' in _page(client, typed).content.decode()
    response = client.get(reverse("certificates:verify"), {"number": f" {number.lower()} "})
    assert response.status_code == 302
    assert 'data-outcome="valid"' in client.get(response["Location"]).content.decode()


def test_a_revoked_certificate_says_so_with_the_reason(personas, client, issued):
    certificate_revoke(user=personas.iitk, certificate=issued[0], reason="Issued in error")
    html = _page(client, issued[0].display_number).content.decode()
    assert 'data-outcome="revoked"' in html and "निरस्त" in html and "Issued in error" in html
    html = _page(client, issued[0].display_number, "en").content.decode()
    assert "This certificate has been revoked" in html


def test_a_replaced_certificate_names_its_replacement(personas, client, issued):
    new = certificate_reissue(
        user=personas.iitk, certificate=issued[0], name_en="Ram Kumar Verma", reason="Misspelt"
    )
    html = _page(client, issued[0].display_number, "en").content.decode()
    assert 'data-outcome="replaced"' in html and "This certificate has been replaced" in html
    assert new.display_number in html
    assert 'data-outcome="valid"' in _page(client, new.display_number).content.decode()


def test_a_tampered_number_is_told_from_a_mistyped_one(client, issued):
    number = issued[0].number
    # Tampered: a well-formed number (its check character fits) that was never issued.
    body = number[:8] + ALPHABET[(ALPHABET.index(number[8]) + 1) % len(ALPHABET)]
    forged = body + check_character(body)
    response = _page(client, forged, "en")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'data-outcome="unknown"' in html and "was ever issued" in html
    # Mistyped: one character wrong, so the check character does not fit.
    typo = number[:3] + ("A" if number[3] != "A" else "B") + number[4:]
    html = _page(client, typo, "en").content.decode()
    assert 'data-outcome="malformed"' in html and "typing mistakes" in html
    html = _page(client, "hello<script>", "hi").content.decode()
    assert 'data-outcome="malformed"' in html and "<script>" not in html


def test_many_look_ups_from_one_address_are_refused_with_a_translated_page(
    client, issued, settings
):
    settings.CERTIFICATE_VERIFY_PER_MINUTE = 3
    for _ in range(3):
        assert _page(client, issued[0].display_number).status_code == 200
    response = _page(client, issued[0].display_number)
    assert response.status_code == 429
    assert "बहुत अधिक खोज" in response.content.decode()
    other = client.get(
        f"/verify/{issued[0].display_number}/", REMOTE_ADDR="10.1.2.3"
    )  # another address still gets through
    assert other.status_code == 200


def test_behind_proxies_the_limit_follows_the_forwarded_client(client, issued, settings):
    settings.CERTIFICATE_VERIFY_PER_MINUTE = 1
    settings.PROXY_COUNT = 1
    url = f"/verify/{issued[0].display_number}/"
    assert client.get(url, HTTP_X_FORWARDED_FOR="1.1.1.1").status_code == 200
    assert client.get(url, HTTP_X_FORWARDED_FOR="1.1.1.1").status_code == 429
    # A forged first entry does not buy another try: the proxy's own entry counts.
    assert client.get(url, HTTP_X_FORWARDED_FOR="9.9.9.9, 1.1.1.1").status_code == 429
    assert client.get(url, HTTP_X_FORWARDED_FOR="2.2.2.2").status_code == 200
