"""Writing the plan: bulk inserts and updates, and the import's audit event.

A bulk import is audited as ONE event (a log entry on the import) listing every person it
created, with their row, and every person it changed, with their row and the changes; each
created person also records the import and row it came from, which their history page
shows. A person's later edits are audited one by one as usual. Merged people additionally
get their own update entry: a merge changes an existing record, and its history must say so.
"""

import uuid

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from sashakt.core.bulk import rows_insert
from sashakt.people.importing.plan import Plan
from sashakt.people.importing.results import AUDIT_NAMES, BATCH
from sashakt.people.models import ParticipantImport, Person
from sashakt.people.signals import people_updated


def plan_write(plan: Plan, *, user, upload: ParticipantImport) -> None:
    """Write the plan in one transaction, with the import's audit event."""
    audit = {
        "actor_id": user.pk if user is not None else None,
        "cid": str(uuid.uuid4()),
        "timestamp": timezone.now(),
    }
    with transaction.atomic():
        last_pk = Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        rows_insert(
            Person,
            plan.create,
            common={"is_demo": False, "source_import_id": upload.pk},
            batch_size=BATCH,
        )
        created = _created_pks(upload.pk, last_pk)
        updated = []
        changed_fields: set[str] = set()
        for person, changes, _old, _row in plan.update:
            changed_fields.update(changes)
            updated.append(Person(id=person.id, **changes))
        if updated:
            Person.objects.bulk_update(updated, sorted(changed_fields), batch_size=BATCH)
            people_updated.send(
                sender=Person, person_ids=[p.id for p in updated], fields=changed_fields
            )
        rows_insert(
            LogEntry,
            (
                {
                    "object_pk": str(person.id),
                    "object_id": person.id,
                    "object_repr": person.name[:200],
                    "action": LogEntry.Action.UPDATE,
                    "changes": _audit_changes(changes, old),
                    "additional_data": {"source": "import", "import_id": upload.pk, "row": row},
                }
                for person, changes, old, row in plan.update
            ),
            common={**audit, "content_type_id": ContentType.objects.get_for_model(Person).pk},
            batch_size=BATCH,
        )
        LogEntry.objects.create(
            content_type=ContentType.objects.get_for_model(ParticipantImport),
            object_pk=str(upload.pk),
            object_id=upload.pk,
            object_repr=upload.original_name[:200],
            action=LogEntry.Action.CREATE,
            changes={},
            additional_data={
                "source": "import",
                "import_id": upload.pk,
                # [person id, row] of everyone created; [person id, row, changes] of the merged
                "created": created,
                "changed": [
                    [person.id, row, _audit_changes(changes, old)]
                    for person, changes, old, row in plan.update
                ],
            },
            **audit,
        )


def _created_pks(import_id: int, after_pk: int) -> list[list[int]]:
    """[id, row] of the people just inserted (executemany returns no ids): the rows of this
    import above the highest id before it, read through the primary key's index."""
    table = connection.ops.quote_name(Person._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, source_row FROM {table} WHERE id > %s AND source_import_id = %s",
            [after_pk, import_id],
        )
        return sorted([pk, row] for pk, row in cursor.fetchall())


def _audit_changes(new: dict, old: dict) -> dict:
    """auditlog's format: field -> [old, new] as text; foreign keys under their field name.
    Fields empty before and after are left out."""
    changes = {}
    for name, value in new.items():
        if name not in AUDIT_NAMES:
            continue
        before = old.get(name)
        if (value is None or value == "") and (before is None or before == ""):
            continue
        changes[AUDIT_NAMES[name]] = [
            "None" if before is None else str(before),
            "None" if value is None else str(value),
        ]
    return changes
