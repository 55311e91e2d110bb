"""The rooms' link on the batch page (`core/links.py`); imported by `apps.py`."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext

from sashakt.core.links import Link, link_register
from sashakt.logistics.rules_rooms import ROOMS_PAGE_ROLES
from sashakt.programmes.models import Batch, BatchStatus


def batch_rooms(*, batch: Batch, user: Any, **context: Any) -> Link | None:
    """Where the batch's people sleep: for the state cell and institutes, and for district
    officers (their own district's people), unless the batch was cancelled."""
    if batch.status == BatchStatus.CANCELLED or user.role not in ROOMS_PAGE_ROLES:
        return None
    url = reverse("logistics:rooms_batch", args=[batch.pk])
    return Link(gettext("Hostel rooms"), url, "hostel-rooms")


link_register("batch page", batch_rooms, order=15)  # between attendance's and the report's
