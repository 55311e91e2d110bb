"""Every mark written or removed keeps its nomination's `attended_a_session` flag true to the
marks: through `post_save` and `post_delete`, so marks written by the services, the demo, a
test or a session deleted with its marks are all seen. (Nothing updates marks in bulk; code
that ever does must call `attended_flag.nominations_attended_refresh`.)"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from sashakt.attendance.attended_flag import nomination_attended_follow
from sashakt.attendance.models import ATTENDED_STATUSES, Mark


@receiver(post_save, sender=Mark, dispatch_uid="sashakt.attendance.mark_saved")
def mark_saved(sender, instance: Mark, raw: bool = False, **kwargs):
    if not raw:
        nomination_attended_follow(
            nomination_id=instance.nomination_id,
            attended_now=instance.status in ATTENDED_STATUSES,
        )


@receiver(post_delete, sender=Mark, dispatch_uid="sashakt.attendance.mark_deleted")
def mark_deleted(sender, instance: Mark, **kwargs):
    nomination_attended_follow(nomination_id=instance.nomination_id, attended_now=False)
