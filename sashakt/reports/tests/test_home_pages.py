"""Home pages and MoU progress, computed from nominations and scoped."""

import pytest

from sashakt.nominations.services import nomination_create
from sashakt.programmes.models import BatchStatus
from sashakt.test import batch_make, programme_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(personas):
    return batch_make(programme_make(personas.iitk_institute), capacity=2)


def test_mou_progress_is_computed_from_nominations_and_scoped(personas, client, batch):
    from sashakt.nominations.services import batch_complete, nomination_approve, nomination_confirm
    from sashakt.programmes.models import MoUTarget
    from sashakt.programmes.services import batch_set_status
    from sashakt.reports.selectors import mou_progress

    mou = batch.programme.mou
    MoUTarget.objects.create(mou=mou, designation="kp_pramukh", people=10)
    nomination = nomination_create(
        user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch
    )
    nomination_approve(user=personas.state, nomination=nomination)
    assert mou_progress(mou)["total"].seated == 1
    nomination_confirm(user=personas.dpro_kanpur, nomination=nomination)
    for status in (BatchStatus.LOCKED, BatchStatus.RUNNING):
        batch_set_status(user=personas.state, batch=batch, status=status)
    batch_complete(user=personas.state, batch=batch)
    progress = mou_progress(mou)
    assert (progress["total"].trained, progress["total"].seated) == (1, 0)
    assert (progress["by_designation"][0].trained, progress["by_designation"][0].percent) == (1, 10)
    client.force_login(personas.iitk)
    assert client.get(mou.get_absolute_url()).status_code == 200
    client.force_login(personas.iiml)
    assert client.get(mou.get_absolute_url()).status_code == 404
    client.force_login(personas.dpro_kanpur)
    assert client.get(mou.get_absolute_url()).status_code == 403


def test_home_pages_show_coming_batches_and_real_nomination_counts(personas, client, batch):
    nomination_create(user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch)
    client.force_login(personas.dpro_kanpur)
    page = client.get("/").content.decode()
    assert batch.get_absolute_url() in page
    assert 'data-testid="open-nominations">1<' in page
    client.force_login(personas.dpro_lucknow)
    assert 'data-testid="open-nominations">0<' in client.get("/").content.decode()
    client.force_login(personas.state)
    assert 'data-testid="awaiting-approval">1<' in client.get("/").content.decode()
    client.force_login(personas.iiml)
    assert batch.get_absolute_url() not in client.get("/").content.decode()
