"""Erasing personal data from the audit trail too: an erasure (DPDP Act, after the retention
period) that left the old name and mobile in the history would erase nothing. The entries
stay (who changed what, when); the values of the erased fields become ERASED."""

from auditlog.models import LogEntry
from django.db.models import Model

ERASED = "[erased]"


def audit_redact(instance: Model, fields: tuple[str, ...], *, representation: str = ERASED) -> int:
    """Blank the values of `fields` in every audit entry of `instance` (and the entries'
    record names, which were the instance's name); returns how many entries changed."""
    changed = 0
    for entry in LogEntry.objects.get_for_object(instance):
        changes = entry.changes_dict or {}
        for name in fields:
            if name in changes:
                changes[name] = [ERASED, ERASED]
        entry.changes = changes
        entry.object_repr = representation
        entry.changes_text = ""
        entry.additional_data = None
        entry.save(update_fields=["changes", "changes_text", "object_repr", "additional_data"])
        changed += 1
    return changed
