"""Programme set-up without admin (issue 22): eligibility ticked from the designations,
the session template edited on a page, each change in the programme's history."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sashakt.programmes.models import Module, TemplateSession
from sashakt.programmes.services import BatchError
from sashakt.programmes.setup import (
    module_add,
    programme_eligibility_set,
    template_session_delete,
    template_session_save,
)
from sashakt.test import programme_make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def programme(personas):
    return programme_make(personas.iitk_institute)


def test_eligibility_is_ticked_on_the_page_and_audited(personas, programme, client):
    client.force_login(personas.iitk)
    page = client.get(reverse("programmes:programme_setup", args=[programme.pk]))
    assert page.status_code == 200 and 'type="checkbox"' in page.content.decode()
    client.post(
        reverse("programmes:programme_eligibility", args=[programme.pk]),
        {"designations": ["kp_pramukh", "zp_adhyaksh"]},
    )
    programme.refresh_from_db()
    assert programme.eligible_designations == ["zp_adhyaksh", "kp_pramukh"]
    history = client.get(reverse("programmes:programme_setup", args=[programme.pk]))
    rows = history.context["history"]
    assert rows[0].entry.actor == personas.iitk
    assert "क्षेत्र पंचायत प्रमुख" in history.content.decode()  # labels, not codes


def test_a_typed_designation_is_refused_everywhere(personas, programme, client):
    with pytest.raises(ValidationError):
        programme_eligibility_set(
            user=personas.state, programme=programme, designations=["pradhaan"]
        )
    programme.eligible_designations = ["pradhaan"]
    with pytest.raises(ValidationError):
        programme.full_clean()  # the admin form calls this too
    client.force_login(personas.state)
    client.post(
        reverse("programmes:programme_eligibility", args=[programme.pk]),
        {"designations": ["pradhaan"]},
    )
    programme.refresh_from_db()
    assert programme.eligible_designations == []


def test_another_institute_cannot_set_up_the_programme(personas, programme, client):
    with pytest.raises(BatchError):
        programme_eligibility_set(user=personas.iiml, programme=programme, designations=[])
    client.force_login(personas.iiml)
    assert client.get(reverse("programmes:programme_setup", args=[programme.pk])).status_code == 404
    client.force_login(personas.dpro_kanpur)
    assert client.get(reverse("programmes:programme_setup", args=[programme.pk])).status_code == 403


def test_the_session_template_is_edited_with_its_rules_and_history(personas, programme):
    module = module_add(
        user=personas.iitk, programme=programme, title_hi="नेतृत्व", title_en="Leadership"
    )
    first = template_session_save(
        user=personas.iitk,
        programme=programme,
        module=module,
        day=1,
        starts_at=datetime.time(10, 0),
        minutes=90,
        title_en="Leading a panchayat",
        method="lecture",
    )
    with pytest.raises(ValidationError, match="overlaps"):
        template_session_save(
            user=personas.iitk,
            programme=programme,
            module=module,
            day=1,
            starts_at=datetime.time(11, 0),
            minutes=60,
            title_en="Case study",
            method="case_study",
        )
    with pytest.raises(ValidationError, match="1 to 5"):
        template_session_save(
            user=personas.iitk,
            programme=programme,
            module=module,
            day=6,
            starts_at=datetime.time(10, 0),
            minutes=60,
            title_en="Extra",
            method="lecture",
        )
    template_session_save(
        user=personas.iitk,
        programme=programme,
        session=first,
        module=module,
        day=2,
        starts_at=datetime.time(9, 30),
        minutes=90,
        title_en="Leading a panchayat",
        method="lecture",
    )
    first.refresh_from_db()
    assert (first.day, first.starts_at) == (2, datetime.time(9, 30))
    template_session_delete(user=personas.iitk, programme=programme, session=first)
    assert not TemplateSession.objects.exists()
    from sashakt.programmes.setup_views import programme_history

    rows = programme_history(programme)
    # Newest first: session removed, changed, added; module added; programme created.
    assert [(row.record_kind, row.entry.action) for row in rows] == [
        ("template session", 2),
        ("template session", 1),
        ("template session", 0),
        ("module", 0),
        ("programme", 0),
    ]
    assert all(row.entry.actor == personas.iitk for row in rows[:4])


def test_the_template_pages_add_a_module_and_a_session(personas, programme, client):
    client.force_login(personas.state)
    client.post(
        reverse("programmes:programme_module_add", args=[programme.pk]),
        {"title_hi": "डिजिटल शासन", "title_en": "Digital governance"},
    )
    module = Module.objects.get(programme=programme)
    response = client.post(
        reverse("programmes:template_session_add", args=[programme.pk]),
        {
            "module": module.pk,
            "day": "3",
            "starts_at": "14:00",
            "minutes": "60",
            "title_en": "e-Gram Swaraj",
            "title_hi": "ई-ग्राम स्वराज",
            "method": "exercise",
        },
        follow=True,
    )
    session = TemplateSession.objects.get()
    assert session.day == 3 and session.title_hi == "ई-ग्राम स्वराज"
    assert "ई-ग्राम स्वराज" in response.content.decode()
