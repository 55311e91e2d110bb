"""A joining letter's QR code admits only while its nomination holds the seat, until a date
after the batch, and says why when it does not (issue 10, item 4)."""

from datetime import timedelta

import pytest
from django.core import signing
from django.test import override_settings
from django.utils import timezone, translation

from sashakt.nominations.models import NominationStatus
from sashakt.nominations.seat_tokens import (
    SEAT_SALT,
    SeatTokenRefusal,
    seat_from_token,
    seat_token,
    seat_token_verify,
)
from sashakt.nominations.services import (
    nomination_approve,
    nomination_create,
    nomination_decline,
)
from sashakt.test import batch_make, person_make, programme_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(personas):
    return programme_make(personas.iitk_institute)


def _seat(personas, batch, mobile):
    person = person_make(name=f"व्यक्ति {mobile}", name_alt=f"Person {mobile}", mobile=mobile)
    nomination = nomination_create(user=personas.dpro_kanpur, person=person, batch=batch)
    return nomination_approve(user=personas.state, nomination=nomination)


def test_a_declined_persons_letter_does_not_admit_whoever_now_holds_the_seat(personas, programme):
    batch = batch_make(programme, start=timezone.localdate() + timedelta(days=20), capacity=1)
    first = _seat(personas, batch, "9839000501")
    waiting = _seat(personas, batch, "9839000502")
    assert (first.seat, waiting.status) == (1, NominationStatus.WAITLISTED)
    old_letter = seat_token(first)
    check = seat_token_verify(old_letter, batch=batch)
    assert check.ok and check.nomination == first and check.reason == ""

    nomination_decline(user=personas.dpro_kanpur, nomination=first, reason="ill")
    waiting.refresh_from_db()
    assert (waiting.status, waiting.seat) == (NominationStatus.APPROVED, 1)  # same seat
    refused = seat_token_verify(old_letter, batch=batch)
    assert not refused.ok and refused.reason == SeatTokenRefusal.SEAT_NOT_HELD
    assert refused.nomination is None
    with translation.override("hi"):
        assert "सीट" in refused.message
    new_letter = seat_token_verify(seat_token(waiting), batch=batch)
    assert new_letter.ok and new_letter.nomination == waiting


def test_a_letter_expires_some_days_after_its_batch(personas, programme, settings):
    settings.SEAT_TOKEN_DAYS_AFTER_BATCH = 3
    today = timezone.localdate()
    recent = batch_make(programme, start=today - timedelta(days=6))  # ended 2 days ago
    over = batch_make(programme, start=today - timedelta(days=8))  # ended 4 days ago
    assert seat_token_verify(seat_token(_seat(personas, recent, "9839000503"))).ok
    expired = seat_token_verify(seat_token(_seat(personas, over, "9839000504")))
    assert not expired.ok and expired.reason == SeatTokenRefusal.EXPIRED
    with translation.override("en"):
        assert "out of date" in expired.message


def test_altered_forged_and_foreign_tokens_are_refused(personas, programme):
    batch = batch_make(programme, start=timezone.localdate() + timedelta(days=20))
    nomination = _seat(personas, batch, "9839000505")
    token = seat_token(nomination)
    payload = seat_from_token(token)
    assert payload == {"nomination": nomination.pk, "batch": batch.pk, "seat": 1}

    altered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    assert seat_token_verify(altered).reason == SeatTokenRefusal.TAMPERED
    assert seat_token_verify("not a token at all").reason == SeatTokenRefusal.TAMPERED
    with override_settings(SECRET_KEY="another-install-" + "x" * 40):
        forged = seat_token(nomination)  # what the old public demo key allowed
    assert seat_token_verify(forged).reason == SeatTokenRefusal.TAMPERED
    # Signed here but without an expiry (the first letters' format): refused, not admitted.
    no_expiry = signing.dumps({"nomination": nomination.pk, "batch": batch.pk, "seat": 1})
    assert seat_token_verify(no_expiry).reason == SeatTokenRefusal.TAMPERED
    undated = signing.dumps(
        {"nomination": nomination.pk, "batch": batch.pk, "seat": 1}, salt=SEAT_SALT
    )
    assert seat_token_verify(undated).reason == SeatTokenRefusal.TAMPERED


def test_a_letter_for_another_batch_is_refused_at_this_batchs_desk(personas, programme):
    start = timezone.localdate() + timedelta(days=20)
    batch = batch_make(programme, start=start)
    other = batch_make(programme, start=start + timedelta(days=30))
    check = seat_token_verify(seat_token(_seat(personas, batch, "9839000506")), batch=other)
    assert not check.ok and check.reason == SeatTokenRefusal.OTHER_BATCH
