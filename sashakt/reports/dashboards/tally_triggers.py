"""The database triggers that keep the dashboard's tallies honest (see `tallies.py`): on
every change to people, nominations, certificates, batches, programmes and MoUs that can move
a figure, they put the person concerned into `TallyPending`, in the writer's own transaction,
whatever wrote it. Installed after every `migrate` (`triggers_install`, from the app's
post_migrate handler); their names carry a fingerprint of this module's definitions, so a
database holding triggers made by other code gets them replaced and everyone recounted.
"""

import functools
import hashlib
import inspect

from django.db import connection, connections, transaction

# Row triggers: (name, table, the column holding the person, columns whose change can move a
# figure). Set triggers: (name, table, the columns, the people concerned, given NEW.id).
ROW_TRIGGERS = [
    (
        "tally_nomination",
        "nominations_nomination",
        "person_id",
        [
            "person_id",
            "status",
            "programme_id",
            "batch_id",
            "district_id",
            "designation",
            "gender",
            "social_category",
            "attended_a_session",
        ],
    ),
    ("tally_certificate", "certificates_certificate", "person_id", ["person_id", "status"]),
    ("tally_person", "people_person", "id", ["district_id", "designation", "term_start"]),
]
SET_TRIGGERS = [
    # RGSA's windows compare a batch's end with the date of election.
    (
        "tally_batch",
        "programmes_batch",
        ["end_date"],
        "SELECT DISTINCT person_id FROM nominations_nomination WHERE batch_id = NEW.id",
    ),
    (
        "tally_programme",
        "programmes_programme",
        ["mou_id"],
        "SELECT DISTINCT person_id FROM nominations_nomination WHERE programme_id = NEW.id",
    ),
    (
        "tally_mou",
        "programmes_mou",
        ["institute_id"],
        "SELECT DISTINCT n.person_id FROM nominations_nomination n JOIN programmes_programme p"
        " ON p.id = n.programme_id WHERE p.mou_id = NEW.id",
    ),
]
PENDING = "reports_tallypending"


@functools.cache
def _version() -> str:
    """A fingerprint of what the triggers are (the tables and columns they watch and the SQL
    that makes them), carried in their names: a database whose triggers were made by other
    code gets them replaced (and everyone recounted) at the next migrate."""
    code = inspect.getsource(_sqlite_statements) + inspect.getsource(_postgresql_statements)
    spec = repr((ROW_TRIGGERS, SET_TRIGGERS, PENDING)) + code
    return hashlib.sha1(spec.encode()).hexdigest()[:8]


def _trigger(name: str, suffix: str) -> str:
    return f"{name}_{suffix}_{_version()}"


def _function(name: str) -> str:
    return f"{name}_{_version()}"


def trigger_names() -> list[str]:
    names = []
    for name, *_ in ROW_TRIGGERS:
        names += [_trigger(name, "insert"), _trigger(name, "delete"), _trigger(name, "update")]
    names += [_trigger(name, "update") for name, *_ in SET_TRIGGERS]
    return names


def _changed(columns, vendor: str) -> str:
    differs = "IS DISTINCT FROM" if vendor == "postgresql" else "IS NOT"
    return " OR ".join(f"OLD.{c} {differs} NEW.{c}" for c in columns)


def _sqlite_statements() -> list[str]:
    def add(value: str) -> str:
        return f"INSERT OR IGNORE INTO {PENDING} (person_id) {value};"

    statements = []
    for name, table, person, columns in ROW_TRIGGERS:
        statements += [
            f"CREATE TRIGGER IF NOT EXISTS {_trigger(name, 'insert')} AFTER INSERT ON {table} "
            f"BEGIN {add(f'VALUES (NEW.{person})')} END",
            f"CREATE TRIGGER IF NOT EXISTS {_trigger(name, 'delete')} AFTER DELETE ON {table} "
            f"BEGIN {add(f'VALUES (OLD.{person})')} END",
            f"CREATE TRIGGER IF NOT EXISTS {_trigger(name, 'update')} AFTER UPDATE ON {table} "
            f"WHEN {_changed(columns, 'sqlite')} "
            f"BEGIN {add(f'VALUES (OLD.{person})')} {add(f'VALUES (NEW.{person})')} END",
        ]
    for name, table, columns, people in SET_TRIGGERS:
        statements.append(
            f"CREATE TRIGGER IF NOT EXISTS {_trigger(name, 'update')} AFTER UPDATE ON {table} "
            f"WHEN {_changed(columns, 'sqlite')} BEGIN {add(people)} END"
        )
    return statements


def _postgresql_statements() -> list[str]:
    # DO UPDATE, not DO NOTHING: the no-op update locks the pending row, so a fold that is
    # deleting it (claimed, recounting) makes this writer wait and then insert it anew; with
    # DO NOTHING the writer would see the row about to go and the change would be lost.
    def add(value: str) -> str:
        return (
            f"INSERT INTO {PENDING} (person_id) {value} "
            "ON CONFLICT (person_id) DO UPDATE SET person_id = EXCLUDED.person_id;"
        )

    def function(name: str, body: str) -> str:
        return (
            f"CREATE OR REPLACE FUNCTION {_function(name)}() RETURNS trigger LANGUAGE plpgsql "
            f"AS $$ BEGIN {body} RETURN NULL; END $$"
        )

    def trigger(name: str, suffix: str, event: str, table: str, when: str = "") -> str:
        return (
            f"CREATE OR REPLACE TRIGGER {_trigger(name, suffix)} AFTER {event} ON {table} "
            f"FOR EACH ROW {when} EXECUTE FUNCTION {_function(name)}()"
        )

    statements = []
    for name, table, person, columns in ROW_TRIGGERS:
        body = (
            f"IF TG_OP <> 'INSERT' THEN {add(f'VALUES (OLD.{person})')} END IF; "
            f"IF TG_OP <> 'DELETE' THEN {add(f'VALUES (NEW.{person})')} END IF;"
        )
        statements += [
            function(name, body),
            trigger(name, "insert", "INSERT", table),
            trigger(name, "delete", "DELETE", table),
            trigger(name, "update", "UPDATE", table, f"WHEN ({_changed(columns, 'postgresql')})"),
        ]
    for name, table, columns, people in SET_TRIGGERS:
        statements += [
            function(name, add(people)),
            trigger(name, "update", "UPDATE", table, f"WHEN ({_changed(columns, 'postgresql')})"),
        ]
    return statements


def _installed(conn) -> list[tuple[str, str]]:
    """Every tally trigger in the database, whatever its version: (name, table)."""
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute(
                "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c "
                "ON c.oid = t.tgrelid WHERE NOT t.tgisinternal AND t.tgname LIKE 'tally\\_%%'"
            )
        else:
            cursor.execute(
                "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'tally\\_%%' ESCAPE '\\'"
            )
        return [(row[0], row[1]) for row in cursor.fetchall()]


def triggers_found(using=None) -> list[tuple[str, str]]:
    """Every tally trigger in the database, whatever its version: (name, table)."""
    return _installed(_connection(using))


def triggers_present(using=None) -> set[str]:
    """The current triggers found in the database."""
    return {name for name, _ in triggers_found(using)} & set(trigger_names())


def triggers_install(using=None) -> bool:
    """Create the triggers that are missing and drop those of another version. Run after
    every `migrate` (a migration that rebuilds a table on SQLite drops its triggers). When
    any was missing, changes may have gone unnoticed, so everyone is marked pending: the
    tallies are then recounted whole. True when something was installed."""
    conn = _connection(using)
    if not _tables_ready(conn):
        # A partial migrate (or one back to before the tallies): triggers writing into a
        # table that is not there would make every write to people and nominations fail.
        return False
    expected = set(trigger_names())
    installed = _installed(conn)
    if {name for name, _ in installed} == expected:
        return False
    statements = _postgresql_statements() if conn.vendor == "postgresql" else _sqlite_statements()
    with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
        _drop(conn, cursor, [(n, t) for n, t in installed if n not in expected])
        for statement in statements:
            cursor.execute(statement)
        mark_everyone_pending(cursor)
    return True


def _tables_ready(conn) -> bool:
    needed = {PENDING, "reports_personregistry", "reports_personfunnelcell"}
    needed |= {table for _, table, *_ in ROW_TRIGGERS} | {table for _, table, *_ in SET_TRIGGERS}
    return needed <= set(conn.introspection.table_names())


def triggers_drop(using=None) -> None:
    conn = _connection(using)
    with conn.cursor() as cursor:
        _drop(conn, cursor, _installed(conn), functions=True)


def _drop(conn, cursor, triggers, *, functions=False) -> None:
    postgresql = conn.vendor == "postgresql"
    for name, table in triggers:
        cursor.execute(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if postgresql else ""))
    if postgresql:
        current = set() if functions else {_function(n) for n, *_ in ROW_TRIGGERS + SET_TRIGGERS}
        cursor.execute("SELECT proname FROM pg_proc WHERE proname LIKE 'tally\\_%%'")
        for (name,) in cursor.fetchall():
            if name not in current:
                cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")


def mark_everyone_pending(cursor) -> None:
    """Everyone in the registry, and everyone the tallies still count (people since deleted),
    is to be recounted."""
    # "WHERE true" lets SQLite's parser tell the upsert's ON CONFLICT from a join's ON.
    cursor.execute(
        f"INSERT INTO {PENDING} (person_id) SELECT id FROM (SELECT id FROM people_person "
        "UNION SELECT person_id FROM reports_personregistry "
        "UNION SELECT person_id FROM reports_personfunnelcell) everyone "
        "WHERE true ON CONFLICT (person_id) DO NOTHING"
    )


def _connection(using):
    return connections[using] if using else connection
