import datetime

import pytest
from django.utils import timezone

from sashakt.attendance.models import Mark, MarkMethod, MarkStatus
from sashakt.certificates.services import certificate_issue
from sashakt.nominations.models import NominationStatus
from sashakt.nominations.services import nomination_approve, nomination_confirm, nomination_create
from sashakt.notifications.models import Channel, Message
from sashakt.programmes.models import BatchSession, SessionMethod
from sashakt.test import batch_completed_make, batch_make, programme_make


@pytest.fixture
def trained(personas):
    """The participant persona (गीता पाल, Kanpur Nagar) ran a batch: a nomination made by
    her district officer and confirmed by the state cell, a present mark in its first
    session, a certificate, and a sign-in code sent to her mobile."""
    person = personas.participant.person
    batch = batch_make(programme_make(personas.iitk_institute), capacity=10)
    session = BatchSession.objects.create(
        batch=batch,
        date=batch.start_date,
        starts_at=datetime.time(10, 0),
        title_en="Leadership",
        title_hi="नेतृत्व",
        method=SessionMethod.LECTURE,
    )
    nomination = nomination_create(user=personas.dpro_kanpur, person=person, batch=batch)
    nomination = nomination_approve(user=personas.state, nomination=nomination)
    nomination = nomination_confirm(user=personas.state, nomination=nomination)
    Mark.objects.create(
        nomination=nomination,
        session=session,
        status=MarkStatus.PRESENT,
        method=MarkMethod.GRID,
        marked_at=timezone.make_aware(
            datetime.datetime.combine(batch.start_date, session.starts_at)
        ),
    )
    batch_completed_make(batch)
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.ATTENDED
    certificate = certificate_issue(user=personas.iitk, nomination=nomination)
    Message.objects.create(
        channel=Channel.SMS,
        recipient=person.mobile,
        purpose_key="sign-in-code:test",
        body="सशक्त: आपका कोड 482913 है।",
    )
    return {"person": person, "batch": batch, "nomination": nomination, "certificate": certificate}
