"""Cancelling a batch (issue 22): the batch is marked cancelled with the reason, every
nomination still in play on it is withdrawn (seats freed, the reason kept on each), and the
people who held seats and the district officers of their districts are told through the
notifications outbox, in Hindi and English. All of it, or nothing."""

from auditlog.context import set_actor
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from sashakt.core.roles import Role
from sashakt.nominations.models import ACTIVE, SEAT_HOLDING, Nomination, NominationStatus
from sashakt.notifications.services import message_send
from sashakt.programmes.models import Batch
from sashakt.programmes.services import batch_mark_cancelled


def batch_cancel(*, user, batch: Batch, reason: str) -> list[Nomination]:
    """Cancel `batch` (refused, nothing written, unless it has not begun and a reason is
    given). Returns the nominations withdrawn."""
    with transaction.atomic():
        batch = Batch.objects.select_for_update().select_related("programme__mou").get(pk=batch.pk)
        batch_mark_cancelled(user=user, batch=batch, reason=reason)
        reason = batch.cancel_reason
        in_play = list(
            Nomination.objects.select_for_update()
            .filter(batch=batch, status__in=ACTIVE)
            .select_related("person", "district")
            .order_by("district_id", "pk")
        )
        seat_holders = []
        for nomination in in_play:
            if nomination.status in SEAT_HOLDING:
                seat_holders.append(nomination)
            nomination.status, nomination.seat = NominationStatus.WITHDRAWN, None
            nomination.reason = _("Batch cancelled: %(reason)s") % {"reason": reason}
            with set_actor(user):
                nomination.save()  # one by one: each person's history records it
        _tell(batch=batch, seat_holders=seat_holders, reason=reason)
    return in_play


def _both(text: str, values: dict) -> tuple[str, str]:
    """`text` in Hindi and in English, each with its own dates and batch name."""
    out = []
    for language in ("hi", "en"):
        with translation.override(language):
            batch = values["batch"]
            out.append(
                _(text)
                % {
                    **values,
                    "batch": str(batch),
                    "start": formats.date_format(batch.start_date, "j F Y"),
                    "end": formats.date_format(batch.end_date, "j F Y"),
                }
            )
    return out[0], out[1]


PERSON_TEXT = gettext_noop(
    "Batch %(batch)s (%(start)s – %(end)s) is cancelled: %(reason)s. Your seat is released; "
    "your district officer will tell you about another batch."
)
OFFICER_TEXT = gettext_noop(
    "Batch %(batch)s (%(start)s – %(end)s) is cancelled: %(reason)s. %(count)s people of your "
    "district held seats in it: %(names)s."
)


def _tell(*, batch: Batch, seat_holders: list[Nomination], reason: str) -> None:
    for nomination in seat_holders:
        person = nomination.person
        if not (person.mobile or person.email):
            continue
        hindi, english = _both(PERSON_TEXT, {"batch": batch, "reason": reason})
        message_send(
            purpose_key=f"batch-cancelled:{batch.pk}:nomination:{nomination.pk}",
            to_mobile=person.mobile or None,
            to_email=person.email or None,
            subject=english[:200],
            body=f"{hindi}\n{english}",
        )
    by_district: dict[int, list[Nomination]] = {}
    for nomination in seat_holders:
        by_district.setdefault(nomination.district_id, []).append(nomination)
    officers = get_user_model().objects.filter(
        role=Role.DISTRICT, is_active=True, district_id__in=list(by_district)
    )
    for officer in officers:
        if not (officer.mobile or officer.email):
            continue
        people = by_district[officer.district_id]
        values = {
            "batch": batch,
            "reason": reason,
            "count": len(people),
            "names": ", ".join(n.person.name for n in people),
        }
        hindi, english = _both(OFFICER_TEXT, values)
        message_send(
            purpose_key=f"batch-cancelled:{batch.pk}:officer:{officer.pk}",
            to_mobile=officer.mobile or None,
            to_email=officer.email or None,
            subject=english[:200],
            body=f"{hindi}\n{english}",
        )
