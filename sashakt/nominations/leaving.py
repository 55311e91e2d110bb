"""Someone left office (issue 22): their nominations that have not yet taken place are
withdrawn, seats freed for the waitlist, the reason kept on each and their district officers
told through the outbox. Their training history (attended, completed, running batches) stays
as it is. Called by the receiver of `people.signals.person_left_office`, inside the
registry's transaction: all of it, or nothing."""

from auditlog.context import set_actor
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from sashakt.core.roles import Role
from sashakt.nominations.models import ACTIVE, SEAT_HOLDING, Nomination, NominationStatus
from sashakt.nominations.services import waitlist_promote
from sashakt.notifications.services import message_send
from sashakt.people.models import LeftOffice, Person
from sashakt.programmes.models import CANCELLABLE, Batch

# A nomination not yet taken place: still in play, for no batch yet or for a batch that has
# not begun (planned, open or locked), and with no attendance.
NOT_YET_TAKEN_PLACE = (Q(batch__isnull=True) | Q(batch__status__in=CANCELLABLE)) & Q(
    status__in=ACTIVE, attended_a_session=False
)


def _reason(person: Person) -> str:
    return _("Left office (%(why)s) on %(date)s.") % {
        "why": LeftOffice(person.left_office_why).label,
        "date": formats.date_format(person.left_office_on, "j F Y"),
    }


def nominations_withdraw_for_left_office(*, user, person: Person) -> list[Nomination]:
    """Withdraw `person`'s nominations that have not yet taken place, because they left
    office. Returns the nominations withdrawn."""
    if person.left_office_on is None:
        return []
    candidates = list(
        Nomination.objects.filter(NOT_YET_TAKEN_PLACE, person=person).values_list("pk", "batch_id")
    )
    if not candidates:
        return []
    # Batches first (every seat change locks its batch first), then the nominations.
    batches = {
        batch.pk: batch
        for batch in Batch.objects.select_for_update()
        .filter(pk__in={batch_id for _pk, batch_id in candidates if batch_id})
        .order_by("pk")
    }
    withdrawn = []
    for nomination in (
        # Only the nominations' rows: a nomination without a batch joins it from the nullable
        # side, which PostgreSQL refuses to lock.
        Nomination.objects.select_for_update(of=("self",))
        .filter(NOT_YET_TAKEN_PLACE, pk__in=[pk for pk, _batch in candidates])
        .select_related("batch", "programme", "district")
        .order_by("pk")
    ):
        freed = nomination.status in SEAT_HOLDING
        nomination.status, nomination.seat = NominationStatus.WITHDRAWN, None
        nomination.reason = _reason(person)
        with set_actor(user):
            nomination.save()  # one by one: each person's history records it
        if freed:
            waitlist_promote(user=user, batch=batches[nomination.batch_id])
        withdrawn.append(nomination)
    _tell_officers(user=user, person=person, withdrawn=withdrawn)
    return withdrawn


OFFICER_TEXT = gettext_noop(
    "%(name)s (%(designation)s) left office (%(why)s) on %(date)s. Their nominations not yet "
    "taken place are withdrawn and any seat freed: %(nominations)s."
)


def _tell_officers(*, user, person: Person, withdrawn: list[Nomination]) -> None:
    """The district officers of the districts the withdrawn nominations came from, except
    the one who marked it, by the outbox in Hindi and English."""
    district_ids = {nomination.district_id for nomination in withdrawn}
    officers = (
        get_user_model()
        .objects.filter(role=Role.DISTRICT, is_active=True, district_id__in=district_ids)
        .exclude(pk=getattr(user, "pk", None))
    )
    for officer in officers:
        if not (officer.mobile or officer.email):
            continue
        texts = []
        for language in ("hi", "en"):
            with translation.override(language):
                texts.append(
                    _(OFFICER_TEXT)
                    % {
                        "name": person.name,
                        "designation": person.get_designation_display(),
                        "why": LeftOffice(person.left_office_why).label,
                        "date": formats.date_format(person.left_office_on, "j F Y"),
                        "nominations": ", ".join(
                            str(n.batch or n.programme)
                            for n in withdrawn
                            if n.district_id == officer.district_id
                        ),
                    }
                )
        hindi, english = texts
        message_send(
            purpose_key=f"left-office:{person.pk}:{person.left_office_on}:officer:{officer.pk}",
            to_mobile=officer.mobile or None,
            to_email=officer.email or None,
            subject=english[:200],
            body=f"{hindi}\n{english}",
        )
