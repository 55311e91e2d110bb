"""A batch page shows participants' mobiles only to roles that may see them — nowhere in
the HTML, hidden attributes included (issue 10, item 2)."""

import pytest
from django.urls import reverse

from sashakt.nominations.services import nomination_approve, nomination_create
from sashakt.test import batch_make, person_make, programme_make

pytestmark = pytest.mark.django_db
MOBILE = "9839000701"


@pytest.fixture
def batch(personas):
    batch = batch_make(programme_make(personas.iitk_institute), capacity=5)
    person = person_make(name="सुनीता यादव", name_alt="Sunita Yadav", mobile=MOBILE)
    nomination = nomination_create(user=personas.dpro_kanpur, person=person, batch=batch)
    nomination_approve(user=personas.state, nomination=nomination)
    return batch


@pytest.mark.parametrize(("persona", "sees_mobile"), [("iitk", False), ("state", True)])
def test_the_mobile_is_in_the_page_only_for_roles_that_may_see_it(
    personas, client, batch, persona, sees_mobile
):
    client.force_login(personas.all_users()[persona])
    html = client.get(reverse("nominations:batch_detail", args=[batch.pk])).content.decode()
    assert "सुनीता यादव" in html
    assert (MOBILE in html) is sees_mobile
