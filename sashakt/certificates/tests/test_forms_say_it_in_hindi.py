"""Forms leave checking to the server (`novalidate`), so a missing answer gets Sashakt's Hindi
message, not the browser's English bubble ("Please fill out this field"): the new batch,
the reject reason, feedback, and the certificate confirmation."""

import re

import pytest
from django.urls import reverse

from sashakt.nominations.services import nomination_create
from sashakt.test import batch_make, programme_make

pytestmark = pytest.mark.django_db


def _post_forms(html: str) -> list[str]:
    """The page's own POST forms (inside <main>; the header's language and sign-out forms
    ask nothing)."""
    if "<main" in html:
        html = html[html.index("<main") : html.index("</main>")]
    return [tag for tag in re.findall(r"<form [^>]*>", html) if 'method="post"' in tag]


def test_an_empty_new_batch_gets_the_servers_hindi_message(personas, client):
    programme_make(personas.iitk_institute)
    client.force_login(personas.iitk)
    page = client.get(reverse("programmes:batch_create")).content.decode()
    assert all("novalidate" in form for form in _post_forms(page))
    response = client.post(reverse("programmes:batch_create"), {})
    assert response.status_code == 200
    assert "यह जानकारी ज़रूरी है।" in response.content.decode()


def test_a_reject_without_a_reason_gets_the_servers_hindi_message(personas, client):
    batch = batch_make(programme_make(personas.iitk_institute))
    nomination = nomination_create(
        user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch
    )
    client.force_login(personas.state)
    page = client.get(batch.get_absolute_url()).content.decode()
    assert _post_forms(page) and all("novalidate" in form for form in _post_forms(page))
    response = client.post(
        reverse("nominations:nomination_action", args=[nomination.pk, "reject"]),
        {"reason": ""},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert messages and all(re.search("[\u0900-\u097f]", m) for m in messages), messages
    nomination.refresh_from_db()
    assert nomination.status == "nominated"


def test_issuing_without_the_confirmation_gets_the_servers_hindi_message(
    personas, client, completed_batch
):
    client.force_login(personas.iitk)
    url = reverse("certificates:batch_review", args=[completed_batch.pk])
    assert all("novalidate" in form for form in _post_forms(client.get(url).content.decode()))
    response = client.post(url, {})
    assert response.status_code == 200
    assert "यह जानकारी ज़रूरी है।" in response.content.decode()
    assert not completed_batch.certificates.exists()


def test_the_feedback_and_certificate_forms_leave_checking_to_the_server():
    from pathlib import Path

    from django.conf import settings

    for name in ["feedback/give.html", "certificates/certificate_detail.html"]:
        html = (Path(settings.BASE_DIR) / "templates" / name).read_text()
        assert all("novalidate" in form for form in _post_forms(html)), name
