"""The audit trail reads as words: translated field names, labels instead of raw values."""

import pytest
from auditlog.models import LogEntry
from django.utils import translation

from sashakt.core.selectors import audit_rows
from sashakt.nominations.services import nomination_create
from sashakt.test import batch_make, programme_make

pytestmark = pytest.mark.django_db


def _changes(instance) -> dict[str, str]:
    entries = LogEntry.objects.get_for_object(instance).order_by("timestamp")
    return {change.label: change.new for change in audit_rows(entries)[0].changes}


def test_a_nominations_audit_entry_has_hindi_labels_and_no_raw_values(personas):
    batch = batch_make(programme_make(personas.iitk_institute, eligible=["kp_pramukh"]))
    nomination = nomination_create(
        user=personas.dpro_kanpur, person=personas.kanpur_person, batch=batch
    )
    with translation.override("hi"):
        changes = _changes(nomination)
        programme = _changes(batch.programme)
    assert "नामित करने वाले" in changes  # "nominated by", translated
    assert not any(label.startswith(("Nominated", "Name key")) for label in changes)
    assert "[]" not in changes.values() and '["kp_pramukh"]' not in programme.values()
    assert programme["पात्र पद"] == "क्षेत्र पंचायत प्रमुख"
