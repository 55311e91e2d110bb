"""A certificate follows the training: only for a completed batch, never dated before the
batch's last session ended; the database refuses one dated earlier (the 6 December case)."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from sashakt.certificates.models import Certificate
from sashakt.certificates.services import (
    CertificateError,
    certificate_issue,
    certificates_issue_for_batch,
)
from sashakt.certificates.tests.conftest import seat
from sashakt.programmes.models import BatchStatus
from sashakt.test import batch_completed_make, batch_make, programme_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def next_week(personas):
    """A batch of the coming days whose record was forced to "completed, everyone attended"
    behind the services' back (what happened on 6 December)."""
    start = timezone.localdate() + datetime.timedelta(days=2)
    batch = batch_make(programme_make(personas.iitk_institute), start=start, capacity=5)
    seat(personas.dpro_kanpur, personas.kanpur_person, batch, state=personas.state)
    batch_completed_make(batch)
    return batch


def test_no_certificate_before_the_batch_has_ended(personas, next_week):
    with translation.override("en"), pytest.raises(CertificateError, match="last session ends"):
        certificates_issue_for_batch(user=personas.iitk, batch=next_week)
    nomination = next_week.nominations.get()
    with translation.override("hi"), pytest.raises(CertificateError, match="अंतिम सत्र"):
        certificate_issue(user=personas.iitk, nomination=nomination)
    assert not Certificate.objects.exists()


def test_no_certificate_for_a_batch_not_completed(personas, completed_batch):
    completed_batch.status = BatchStatus.RUNNING
    completed_batch.save()
    with translation.override("en"), pytest.raises(CertificateError, match="once the batch is"):
        certificates_issue_for_batch(user=personas.iitk, batch=completed_batch)
    assert not Certificate.objects.exists()


def test_a_certificate_carries_the_batch_end_and_the_database_holds_the_line(
    personas, completed_batch
):
    issued = certificates_issue_for_batch(user=personas.iitk, batch=completed_batch)
    ended = timezone.make_aware(
        datetime.datetime.combine(
            completed_batch.end_date + datetime.timedelta(days=1), datetime.time()
        )
    )
    assert {c.batch_ended_at for c in issued} == {ended}
    assert all(c.issued_at >= ended for c in issued)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.filter(pk=issued[0].pk).update(
            issued_at=ended - datetime.timedelta(days=3)
        )
