"""`manage.py migrate` on a live system must not lock the big tables for long.

The registry (people), nominations and attendance marks are the tables that grow to hundreds of
thousands of rows and that every page reads. On PostgreSQL some schema changes hold an ACCESS
EXCLUSIVE (or write-blocking SHARE) lock while they rewrite or scan the whole table: a column's
type changed, NOT NULL or a CHECK constraint added to existing rows, an index built without
CONCURRENTLY, a data backfill in one transaction. Meanwhile every sign-in, check-in and page
that touches the table waits.

This test lists every migration operation on those tables and refuses a blocking one unless
MAINTENANCE_WINDOWS names its migration with the window it needs (README, "Upgrades"). Safe
alternatives: a nullable column or one with a constant default (PostgreSQL 11+ adds it without
a rewrite), `AddIndexConcurrently` in a non-atomic migration, a constraint added NOT VALID and
validated later, a backfill in batches run by a command or a job.
"""

from django.apps import apps
from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db.migrations import operations as ops
from django.db.migrations.loader import MigrationLoader

WATCHED_APPS = {"people", "nominations", "attendance"}

# Migrations with blocking operations on the watched tables, and the window they need. All of
# these were applied when the tables were created or still held only the pilot's few hundred
# rows; a new entry must say how long it locks which table at production size.
MAINTENANCE_WINDOWS = {
    "people.0002_person_record_and_imports": "before go-live (pilot-sized table)",
    "people.0004_person_mobile_optional_place_review_import_origin": "before go-live",
    "nominations.0005_nomination_person_copies_backfill": "before go-live (pilot-sized table)",
    "attendance.0005_nomination_attended_a_session_backfill": "before go-live (pilot-sized)",
    # The CHECK is validated by one scan of person under a lock: about a second per million rows.
    "people.0005_person_left_office": "a minute's window (CHECK validated over person)",
    # markchange is attendance's history: a unique index built and a CHECK validated over it,
    # minutes at the state's full size (about ten million rows a year).
    "attendance.0006_change_client_id_per_user_session": "a window of minutes (unique index)",
    "attendance.0006_mark_change_backdated_with_reason": "a window of minutes (CHECK on history)",
    # A nullable foreign key is metadata only, but its index is built under a lock.
    "nominations.0007_nomination_confirmed_in_hall": "a minute's window (index on nomination)",
}

# Whatever these change, the database does not see it (Django keeps them in Python).
NON_DB_FIELD_ATTRIBUTES = {
    "verbose_name",
    "help_text",
    "choices",
    "validators",
    "editable",
    "blank",
    "error_messages",
    "default",  # Django sets no database default for it (db_default is separate)
}


def _watched(app_label: str, model_name: str) -> bool:
    return app_label in WATCHED_APPS and bool(model_name)


def _alter_is_blocking(state, app_label: str, op: ops.AlterField) -> bool:
    """A column's type, nullability, uniqueness or index changed: a rewrite or a scan."""
    old = state.models[app_label, op.model_name.lower()].fields[op.name]
    old_kwargs, new_kwargs = old.deconstruct()[3], op.field.deconstruct()[3]
    changed = {
        key
        for key in set(old_kwargs) | set(new_kwargs)
        if old_kwargs.get(key) != new_kwargs.get(key)
    } - NON_DB_FIELD_ATTRIBUTES
    if old.deconstruct()[1] != op.field.deconstruct()[1]:
        changed.add("class")
    if changed == {"max_length"} and (new_kwargs["max_length"] or 0) >= (
        old_kwargs.get("max_length") or 0
    ):
        return False  # a longer varchar is a catalogue change on PostgreSQL
    if changed <= {"db_index"} and not new_kwargs.get("db_index", False):
        return False  # dropping an index is quick
    return bool(changed)


def _classify(state, app_label: str, op) -> tuple[str, bool] | None:
    """(description, blocking) for an operation on a watched table, else None."""
    if isinstance(op, ops.RunPython | ops.RunSQL):
        if app_label in WATCHED_APPS:
            return f"{type(op).__name__} (a data change in one transaction)", True
        return None
    if isinstance(op, AddIndexConcurrently | RemoveIndexConcurrently):
        return f"{type(op).__name__} {op.index.name}", False
    model_name = getattr(op, "model_name", None) or getattr(op, "name", "")
    if isinstance(op, ops.CreateModel | ops.DeleteModel):
        return None  # a new table (or one gone): nobody waits on it
    if not _watched(app_label, model_name):
        return None
    label = f"{type(op).__name__} {model_name}"
    if isinstance(op, ops.AddField):
        field = op.field
        # A blank text column gets Django's constant default '' for the ALTER: metadata only.
        blank_text = field.blank and field.empty_strings_allowed
        fast = field.null or field.has_default() or field.many_to_many or blank_text
        return f"{label}.{op.name}", not fast or bool(field.unique or field.db_index)
    if isinstance(op, ops.AlterField):
        return f"{label}.{op.name}", _alter_is_blocking(state, app_label, op)
    if isinstance(op, ops.RemoveField | ops.RemoveIndex | ops.RemoveConstraint):
        return label, False
    if isinstance(op, ops.AlterModelOptions | ops.AlterModelManagers):
        return label, False
    # AddIndex, AddConstraint, AlterUniqueTogether, RenameField, RenameModel, AlterModelTable…
    return label, True


def migration_operations():
    """(migration key, description, blocking) for each operation on the watched tables."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    rows = []
    for app_label, name in sorted(loader.disk_migrations):
        if not apps.is_installed(f"sashakt.{app_label}"):
            continue
        migration = loader.disk_migrations[app_label, name]
        if app_label not in WATCHED_APPS and not any(
            getattr(op, "model_name", None) for op in migration.operations
        ):
            continue
        state = loader.project_state((app_label, name), at_end=False)
        for op in migration.operations:
            found = _classify(state, app_label, op)
            if found:
                rows.append((f"{app_label}.{name}", *found))
            op.state_forwards(app_label, state)
    return rows


def test_blocking_operations_on_the_big_tables_need_a_maintenance_window():
    rows = migration_operations()
    assert rows, "the migrations of people, nominations and attendance were not found"
    listing = [f"{key}: {what}{' [blocking]' if blocking else ''}" for key, what, blocking in rows]
    print("\n".join(listing))  # the list of operations, shown with pytest -s
    unlisted = sorted(
        {f"{key}: {what}" for key, what, blocking in rows if blocking}
        - {f"{key}: {what}" for key, what, _b in rows if key in MAINTENANCE_WINDOWS}
    )
    assert unlisted == [], (
        "These operations lock a large table on PostgreSQL while they run. Make them safe "
        "(see this module's docstring) or add the migration to MAINTENANCE_WINDOWS with the "
        "window it needs:\n" + "\n".join(unlisted)
    )
    stale = set(MAINTENANCE_WINDOWS) - {key for key, _w, blocking in rows if blocking}
    assert stale == set(), f"listed but not blocking (remove them): {sorted(stale)}"


def test_the_rule_tells_safe_changes_from_blocking_ones():
    from django.db import models
    from django.db.migrations.state import ModelState, ProjectState

    state = ProjectState()
    state.add_model(
        ModelState(
            "people",
            "person",
            [
                ("id", models.BigAutoField(primary_key=True)),
                ("name", models.CharField(max_length=100)),
            ],
        )
    )

    def blocking(op):
        return _classify(state, "people", op)[1]

    assert not blocking(ops.AddField("person", "note", models.TextField(null=True)))
    assert not blocking(ops.AddField("person", "flag", models.BooleanField(default=False)))
    assert blocking(ops.AddField("person", "code", models.CharField(max_length=5)))
    assert not blocking(ops.AlterField("person", "name", models.CharField(max_length=200)))
    assert not blocking(
        ops.AlterField("person", "name", models.CharField(max_length=100, verbose_name="x"))
    )
    assert blocking(ops.AlterField("person", "name", models.CharField(max_length=50)))
    assert blocking(ops.AlterField("person", "name", models.TextField()))
    assert blocking(
        ops.AlterField("person", "name", models.CharField(max_length=100, db_index=True))
    )
    index = models.Index(fields=["name"], name="person_name_idx")
    assert blocking(ops.AddIndex("person", index))
    assert not blocking(AddIndexConcurrently("person", index))
    assert blocking(ops.RunPython(ops.RunPython.noop))
