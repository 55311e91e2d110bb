"""The links this app offers on lower apps' pages (`core/links.py`); imported by `apps.py`."""

from django.urls import reverse
from django.utils.translation import gettext

from sashakt.core.links import Link, link_register
from sashakt.programmes.models import BatchStatus


def batch_attendance(*, batch, **context) -> Link | None:
    """A batch's roll call, once nominations close."""
    if batch.status in (BatchStatus.PLANNED, BatchStatus.OPEN):
        return None
    return Link(gettext("Attendance"), reverse("attendance:batch", args=[batch.pk]), "attendance")


link_register("batch page", batch_attendance, order=10)
