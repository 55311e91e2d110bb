"""The nomination's "attended a session" flag (the dashboards' attended column): kept true to
its marks by `attendance.signals` for every mark saved or deleted, and set again in bulk from
the marks by `nominations_attended_refresh`."""

from django.db.models import Exists, OuterRef

from sashakt.attendance.models import ATTENDED_STATUSES, Mark
from sashakt.nominations.models import Nomination


def nomination_attended_follow(*, nomination_id: int, attended_now: bool) -> None:
    """After one of a nomination's marks was written (`attended_now`: it says present, late
    or left early) or removed: one UPDATE, which writes nothing when the flag already holds.
    Called by the receivers in `attendance.signals` for every mark saved or deleted."""
    nominations = Nomination.objects.filter(pk=nomination_id)
    if attended_now:
        nominations.filter(attended_a_session=False).update(attended_a_session=True)
    else:
        nominations.filter(attended_a_session=True).exclude(_attended_a_session()).update(
            attended_a_session=False
        )


def nominations_attended_refresh(*, nominations=None) -> int:
    """Set `attended_a_session` from the marks for `nominations` (a queryset; all when None):
    two UPDATEs, each touching only the rows that are wrong. Returns the rows changed."""
    nominations = Nomination.objects.all() if nominations is None else nominations
    found = nominations.filter(attended_a_session=False).filter(_attended_a_session())
    lost = nominations.filter(attended_a_session=True).exclude(_attended_a_session())
    return found.update(attended_a_session=True) + lost.update(attended_a_session=False)


def _attended_a_session() -> Exists:
    return Exists(Mark.objects.filter(nomination=OuterRef("pk"), status__in=ATTENDED_STATUSES))
