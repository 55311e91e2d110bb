"""Writing the plan: bulk inserts and updates with their audit entries."""

import uuid

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from sashakt.core.bulk import rows_insert
from sashakt.people.importing.plan import Plan
from sashakt.people.importing.results import AUDIT_NAMES, BATCH, PERSON_FIELDS
from sashakt.people.models import Person


def plan_write(plan: Plan, *, user) -> None:
    """Write the plan in one transaction, with an audit entry for every person touched."""
    content_type_id = ContentType.objects.get_for_model(Person).pk
    audit = {  # the same for every entry of this import
        "content_type_id": content_type_id,
        "actor_id": user.pk if user is not None else None,
        "cid": str(uuid.uuid4()),
        "timestamp": timezone.now(),
        "additional_data": {"source": "import"},
    }
    with transaction.atomic():
        rows_insert(Person, plan.create, common={"is_demo": False}, batch_size=BATCH)
        pks = _pks_by_mobile([values["mobile"] for values in plan.create])
        updated = []
        changed_fields: set[str] = set()
        for person, changes, _old in plan.update:
            changed_fields.update(changes)
            updated.append(Person(id=person.id, **changes))
        if updated:
            Person.objects.bulk_update(updated, sorted(changed_fields), batch_size=BATCH)
        entries = (
            {
                "object_pk": str(pks[values["mobile"]]),
                "object_id": pks[values["mobile"]],
                "object_repr": values["name"][:200],
                "action": LogEntry.Action.CREATE,
                "changes": _audit_changes({n: values[n] for n in PERSON_FIELDS}, {}),
            }
            for values in plan.create
        )
        rows_insert(LogEntry, entries, common=audit, batch_size=BATCH)
        rows_insert(
            LogEntry,
            (
                {
                    "object_pk": str(person.id),
                    "object_id": person.id,
                    "object_repr": person.name[:200],
                    "action": LogEntry.Action.UPDATE,
                    "changes": _audit_changes(changes, old),
                }
                for person, changes, old in plan.update
            ),
            common=audit,
            batch_size=BATCH,
        )


def _pks_by_mobile(mobiles: list[str]) -> dict[str, int]:
    """Ids of the people just inserted (executemany returns none), by their unique mobile."""
    table = connection.ops.quote_name(Person._meta.db_table)
    pks = {}
    with connection.cursor() as cursor:
        for start in range(0, len(mobiles), BATCH):
            chunk = mobiles[start : start + BATCH]
            placeholders = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT mobile, id FROM {table} WHERE mobile IN ({placeholders})", chunk
            )
            pks.update(cursor.fetchall())
    return pks


def _audit_changes(new: dict, old: dict) -> dict:
    """auditlog's format: field -> [old, new] as text; foreign keys under their field name.
    Fields empty before and after are left out."""
    changes = {}
    for name, value in new.items():
        before = old.get(name)
        if (value is None or value == "") and (before is None or before == ""):
            continue
        changes[AUDIT_NAMES[name]] = [
            "None" if before is None else str(before),
            "None" if value is None else str(value),
        ]
    return changes
