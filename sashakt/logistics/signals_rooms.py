"""A person who gives up their seat (declined, withdrawn, substituted) or is moved to another
batch frees their bed: through `post_save` of the nomination, so whichever service (or the
admin) changed it, the rooms follow without the nominations app knowing about rooms."""

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from sashakt.logistics.services_rooms import stay_follow_nomination
from sashakt.nominations.models import Nomination


@receiver(post_save, sender=Nomination, dispatch_uid="sashakt.logistics.nomination_saved")
def nomination_saved(
    sender: type[Nomination], instance: Nomination, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if not raw and not created:
        stay_follow_nomination(instance)
