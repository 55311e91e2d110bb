"""Hall sign-in: a shared tablet in the training hall, for participants without a phone.

The coordinator's page shows a QR code of a link signed with the secret key (salt
`sashakt.hall.v1`) that names the batch and lasts HALL_LINK_HOURS. On that link a participant
picks their name from the batch's seat holders (every one, with an account or not yet) and
types the last four digits of their mobile; the check, its limits and the audit are the
accounts app's `HallSignInBackend`, reached through `django.contrib.auth.authenticate`
(this app never imports accounts).
"""

from django.conf import settings
from django.core import signing

from sashakt.nominations.models import SEAT_HOLDING, Nomination
from sashakt.people.models import Person
from sashakt.programmes.models import Batch

HALL_SALT = "sashakt.hall.v1"


def hall_token(batch: Batch) -> str:
    return signing.dumps({"batch": batch.pk}, salt=HALL_SALT)


def hall_batch(token: str) -> Batch | None:
    """The batch a hall link names, or None if the link was altered or is past its time."""
    try:
        payload = signing.loads(token, salt=HALL_SALT, max_age=settings.HALL_LINK_HOURS * 3600)
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    return (
        Batch.objects.select_related("programme__mou__institute")
        .filter(pk=payload.get("batch"))
        .first()
    )


def hall_place(batch: Batch) -> str:
    return f"batch:{batch.pk}"


def hall_seat_holders(batch: Batch):
    """Everyone holding a seat of the batch who may sign in on its hall link: with a mobile,
    and not with a deactivated account. One without an account yet gets it on their first
    sign-in (the accounts app makes it)."""
    return (
        Person.objects.filter(nominations__batch=batch, nominations__status__in=SEAT_HOLDING)
        .exclude(mobile="")
        .exclude(user__is_active=False)
        .distinct()
        .order_by("name", "pk")
    )


def hall_seat_holders_without_mobile(batch: Batch) -> int:
    holders = Nomination.objects.filter(batch=batch, status__in=SEAT_HOLDING)
    return holders.filter(person__mobile="").count()
